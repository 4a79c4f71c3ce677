"""The storefront's `sellingPlans` query over HTTP, as a storefront developer calls it."""

import pytest

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
    assert result["errors"] == [{"field": "channel", "code": "NOT_FOUND", "message": "no channel 'nowhere'"}]
    result = ask(client, "https://other.example/graphql/", channel="jp", productId=product["id"])
    assert result["errors"][0]["code"] == "UNKNOWN_INSTANCE"


def test_without_the_header_the_only_installation_answers(client, shop):
    _, _, product = shop
    assert ask(client, channel="jp", productId=product["id"])["currency"] == "JPY"
