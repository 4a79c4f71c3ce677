"""The storefront's `sellingPlans` query over HTTP, as a storefront developer calls it."""

import pytest

from saleor_subscriptions.checkout.actions import CheckoutError, add_subscription_line

pytestmark = pytest.mark.django_db

QUERY = """
query Plans($channel: String!, $productId: ID, $variantId: ID, $languageCode: String) {
  sellingPlans(channel: $channel, productId: $productId, variantId: $variantId, languageCode: $languageCode) {
    currency language oneTimePrice { amount formatted }
    plans {
      code version name
      interval { unit count }
      trial { deliveries freeDays price { amount currency formatted } }
      firstDeliveryPrice { amount formatted }
      price { amount currency formatted }
      tiers { minQuantity percentOff unitPrice { amount formatted } }
      upcomingDeliveries
    }
    errors { field code message }
  }
}"""


def ask(client, api_url=None, **variables):
    headers = {"Saleor-Api-Url": api_url} if api_url else {}
    response = client.post("/graphql/", {"query": QUERY, "variables": variables}, content_type="application/json", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["sellingPlans"]


def test_yen_prices_in_japanese(client, shop):
    standin, _, product = shop
    result = ask(client, standin.api_url, channel="jp", productId=product["id"], languageCode="JA")
    assert (result["currency"], result["language"], result["errors"]) == ("JPY", "ja", [])
    assert result["oneTimePrice"] == {"amount": "6800", "formatted": "￥6,800"}
    (plan,) = result["plans"]
    assert plan["name"] == "毎月お届け定期便"
    assert plan["interval"] == {"unit": "MONTH", "count": 1}
    assert plan["trial"] == {"deliveries": 1, "freeDays": None, "price": {"amount": "980", "currency": "JPY", "formatted": "￥980"}}
    assert plan["price"] == {"amount": "6000", "currency": "JPY", "formatted": "￥6,000"}
    assert [t["unitPrice"]["formatted"] for t in plan["tiers"]] == ["￥5,700", "￥5,400", "￥5,100"]
    assert len(plan["upcomingDeliveries"]) == 3


@pytest.mark.parametrize(
    ("language", "first", "regular"),
    [("EN_US", "$9.00", "$60.00"), ("JA", "$9.00", "$60.00"), ("ZH_HANS", "US$9.00", "US$60.00"), ("ZH_HANT", "US$9.00", "US$60.00")],
)
def test_dollar_prices_formatted_for_each_language(client, shop, language, first, regular):
    standin, _, product = shop
    (plan,) = ask(client, standin.api_url, channel="us", productId=product["id"], languageCode=language)["plans"]
    assert (plan["firstDeliveryPrice"]["formatted"], plan["price"]["formatted"]) == (first, regular)
    assert plan["price"]["amount"] == "60.00"


def test_errors_come_back_with_field_and_code(client, shop):
    standin, _, product = shop
    result = ask(client, standin.api_url, channel="nowhere", productId=product["id"])
    # no Accept-Language: the tests' LANGUAGE_CODE, ja
    assert result["errors"] == [{"field": "channel", "code": "NOT_FOUND", "message": "ショップの販売チャネル「nowhere」が見つかりませんでした。"}]
    result = ask(client, "https://other.example/graphql/", channel="jp", productId=product["id"])
    assert result["errors"][0]["code"] == "UNKNOWN_INSTANCE"


def test_without_the_header_the_only_installation_answers(client, shop):
    _, _, product = shop
    assert ask(client, channel="jp", productId=product["id"])["currency"] == "JPY"


def ask_as(client, standin, headers=None, **variables):
    response = client.post("/graphql/", {"query": QUERY, "variables": variables}, content_type="application/json",
                           headers={"Saleor-Api-Url": standin.api_url, **(headers or {})})
    assert response.status_code == 200 and "errors" not in response.json(), response.content
    return response.json()["data"]["sellingPlans"]


NOT_ON_SALE = [
    {"isPublished": False},
    {"publishedAt": "2999-01-01T00:00:00+00:00"},
    {"isAvailableForPurchase": False},
    {"listed": False},
]


@pytest.mark.parametrize("listing", NOT_ON_SALE)
def test_a_shopper_never_sees_plans_or_prices_of_a_product_not_on_sale(client, shop, listing):
    standin, _, product = shop
    standin.list_product(product, "jp", **listing)
    for by in ({"productId": product["id"]}, {"variantId": product["variants"][0]["id"]}):
        result = ask_as(client, standin, channel="jp", **by)
        assert (result["plans"], result["oneTimePrice"], result["currency"]) == ([], None, None)
        assert [error["code"] for error in result["errors"]] == ["NOT_FOUND"]
    assert ask_as(client, standin, channel="us", productId=product["id"])["plans"]  # still on sale there


def test_an_inactive_channel_shows_shoppers_nothing(client, shop):
    standin, _, product = shop
    standin.channels["jp"]["isActive"] = False
    assert ask_as(client, standin, channel="jp", productId=product["id"])["plans"] == []


def test_staff_with_a_dashboard_token_still_see_the_plans(client, shop):
    standin, _, product = shop
    standin.list_product(product, "jp", isPublished=False)
    app = next(iter(standin.apps.values()))
    token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                              permissions=["MANAGE_PRODUCTS"])
    result = ask_as(client, standin, {"Authorization-Bearer": token}, channel="jp", productId=product["id"])
    assert [plan["code"] for plan in result["plans"]] == ["monthly"] and result["oneTimePrice"]["amount"] == "6800"
    forged = ask_as(client, standin, {"Authorization-Bearer": token[:-4] + "AAAA"}, channel="jp", productId=product["id"])
    assert forged["plans"] == [] and forged["errors"][0]["code"] == "NOT_FOUND"
    other_permission = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                         permissions=["MANAGE_ORDERS"])
    assert ask_as(client, standin, {"Authorization-Bearer": other_permission}, channel="jp", productId=product["id"])["plans"] == []


def test_a_product_not_on_sale_cannot_be_put_in_a_checkout_at_a_plan_price(client, shop):
    standin, installation, product = shop
    standin.list_product(product, "jp", isAvailableForPurchase=False)
    cart = standin.add_checkout("jp")
    with pytest.raises(CheckoutError) as error:
        add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1,
                              plan_code="monthly")
    assert (error.value.field, error.value.code) == ("variantId", "not_found")
    assert standin.checkouts[cart["id"]]["lines"] == []
