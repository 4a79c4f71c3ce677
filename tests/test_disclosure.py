"""The final confirmation screen's statements (特定商取引法), per checkout and language."""

import datetime
from decimal import Decimal

import pytest

from saleor_subscriptions.checkout.actions import CheckoutError, add_subscription_line
from saleor_subscriptions.checkout.disclosure import disclose
from saleor_subscriptions.plans.actions import revise_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 1, 31)


@pytest.fixture
def committed(shop):
    """The trial plan with a 3-delivery commitment, delivered on the 25th; one line of 2 in the cart, shipped for ¥500."""
    standin, installation, product = shop
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "min_commitment": 3,
                       "schedule": {"interval_unit": "month", "anchor_day": 25}})
    standin.products[0]["translations"] = {"JA": "緑茶", "ZH_HANS": "绿茶", "ZH_HANT": "綠茶"}
    standin.channels["jp"]["_shipping"] = Decimal("500")
    cart = standin.add_checkout("jp", "JA_JP", shipping_method="1")
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=2, plan_code="monthly")
    return standin, installation, cart


def test_the_japanese_final_screen_states_everything_the_law_asks(committed):
    _, installation, cart = committed
    disclosure = disclose(installation, checkout_id=cart["id"], today=TODAY)
    assert (disclosure.language, disclosure.currency) == ("ja", "JPY")
    (line,) = disclosure.lines
    assert line.statements == [
        "【定期購入】緑茶 100 g（毎月お届け定期便）は定期購入の商品です。解約のお手続きをされるまで継続してお届けします。",
        "お届け周期：毎月（25日）",
        "初回お届け：￥980 × 2点 = ￥1,960",
        "2回目以降のお届け：各回 ￥5,700 × 2点 = ￥11,400",
        "送料：1回のお届けにつき￥500",
        "3回のお受け取りが条件です（3回目のお届けまで解約できません）。3回分のお支払い総額（送料込）：￥26,260",
        "お支払い方法・時期：クレジットカード。各回のご注文時（お届け予定日当日）に決済します。",
        "お届け予定日：2027年1月31日、2027年2月25日、2027年3月25日",
        f"解約・スキップ・内容の変更は、次回お届け予定日の7日前までにマイページ（http://testserver/portal/{installation.portal_key}/）"
        "からお手続きください。",  # the customer portal
    ]
    assert line.committed_total == Decimal("26260")  # 1,960 + 11,400 + 11,400 and ¥500 shipping on each
    assert (line.shipping.first, line.shipping.later) == (Decimal("500"), Decimal("500"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("EN_US", ["Subscription: Green tea 100 g (Monthly delivery)", "every month on day 25", "¥980 × 2 = ¥1,960",
                   "From delivery 2: ¥5,700 × 2 = ¥11,400", "Shipping: ¥500 per delivery.", "Minimum commitment: 3 deliveries",
                   "shipping included: ¥26,260", "Payment: by card; each delivery is charged when its order is placed",
                   "January 31, 2027", "7 days before the next scheduled delivery"]),
        ("ZH_HANS", ["【定期购买】绿茶 100 g（每月定期配送）", "配送周期：每月（25日）", "JP¥980 × 2件 = JP¥1,960", "运费：每次配送JP¥500",
                     "最低订购3次", "（含运费）：JP¥26,260", "付款方式及时间：信用卡", "2027年1月31日", "7天前通过会员中心（http://testserver/portal/"]),
        ("ZH_HANT", ["【定期購買】綠茶 100 g（每月定期配送（繁））", "配送週期：每月（25日）", "運費：每次配送¥500", "最低訂購3次",
                     "（含運費）：¥26,260", "付款方式及時間：信用卡", "7天前透過會員中心（http://testserver/portal/"]),
    ],
)
def test_each_language_states_the_same_facts(committed, language, expected):
    _, installation, cart = committed
    text = "\n".join(disclose(installation, checkout_id=cart["id"], language_code=language, today=TODAY).lines[0].statements)
    for fragment in expected:
        assert fragment in text


def test_the_merchants_cancellation_method_and_deadline_are_used(committed):
    _, installation, cart = committed
    installation.change_cutoff_days = 10
    installation.cancellation_method = {"ja": "マイページまたはお電話（0120-000-000）"}
    installation.save()
    (line,) = disclose(installation, checkout_id=cart["id"], today=TODAY).lines
    assert line.statements[-1] == "解約・スキップ・内容の変更は、次回お届け予定日の10日前までにマイページまたはお電話（0120-000-000）からお手続きください。"


def test_listed_deliveries_skip_closed_days_as_the_renewals_will(committed):
    _, installation, cart = committed
    installation.closed_weekdays = [4]  # no deliveries on Fridays
    installation.save()
    installation.closed_days.create(date=datetime.date(2027, 2, 25), reason="carrier holiday")
    (line,) = disclose(installation, checkout_id=cart["id"], today=TODAY).lines
    assert line.upcoming_deliveries == [TODAY, datetime.date(2027, 2, 27), datetime.date(2027, 3, 25)]  # Thu closed, Fri closed
    assert "お届け予定日：2027年1月31日、2027年2月27日、2027年3月25日" in line.statements


PAYMENT_TIMING = {
    "JA_JP": ["お支払い方法・時期：クレジットカード。各回のご注文時（お届け予定日の2日前）に決済します。",
              "お支払い方法・時期：コンビニ払い。各回のご注文（お届け予定日の2日前）後、3日以内にお支払いください",
              "お支払い方法・時期：代金引換。各回の商品お受け取り時に配送業者へお支払いください。",
              "お支払い方法・時期：銀行振込。各回のご注文（お届け予定日の2日前）後、"],
    "EN_US": ["Payment: by card; each delivery is charged when its order is placed (2 days before its scheduled delivery date).",
              "Payment: at a convenience store within 3 days after each delivery's order is placed",
              "Payment: cash on delivery, to the carrier when each delivery arrives.", "Payment: by bank transfer after each"],
    "ZH_HANS": ["付款方式及时间：信用卡，每次下单时（预定配送日前2天）扣款。", "付款方式及时间：便利店付款", "付款方式及时间：货到付款",
                "付款方式及时间：银行转账"],
    "ZH_HANT": ["付款方式及時間：信用卡，每次下單時（預定配送日前2天）扣款。", "付款方式及時間：超商付款", "付款方式及時間：貨到付款",
                "付款方式及時間：銀行轉帳"],
}


@pytest.mark.parametrize("language", PAYMENT_TIMING)
def test_when_and_how_each_delivery_is_paid_is_stated_for_every_method_offered(committed, language):
    _, installation, cart = committed
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "payment_methods": ["card", "konbini", "cod", "bank_transfer"]})
    installation.payment_methods = {"jp": ["card", "konbini", "cod", "bank_transfer"]}
    installation.order_lead_days = 2
    installation.save()
    standin = committed[0]
    standin.checkouts[cart["id"]]["lines"][0]["metadata"]["subscription.plan_version"] = "3"
    (line,) = disclose(installation, checkout_id=cart["id"], language_code=language, today=TODAY).lines
    assert line.payment_methods == ["card", "konbini", "cod", "bank_transfer"]
    text = "\n".join(line.statements)
    for fragment in PAYMENT_TIMING[language]:
        assert fragment in text
    (konbini,) = disclose(installation, checkout_id=cart["id"], language_code=language, payment_method="konbini", today=TODAY).lines
    assert [s for s in konbini.statements if any(s.startswith(f[:6]) for f in PAYMENT_TIMING[language])] == [
        next(s for s in line.statements if s.startswith(PAYMENT_TIMING[language][1]))]
    with pytest.raises(CheckoutError) as error:
        disclose(installation, checkout_id=cart["id"], payment_method="paypal", today=TODAY)
    assert (error.value.field, error.value.code) == ("paymentMethod", "invalid")


def test_two_lines_of_one_plan_ship_together_and_pay_shipping_once(committed):
    standin, installation, cart = committed
    large = standin.products[0]["variants"][1]["id"]
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=large, quantity=2, plan_code="monthly")
    first, second = disclose(installation, checkout_id=cart["id"], today=TODAY).lines
    assert "送料：1回のお届けにつき￥500" in first.statements and first.committed_total == Decimal("26260")
    assert "緑茶 100 gと同梱でお届けします（送料は1回のお届けにつき1回分）" in second.statements
    assert second.committed_total == Decimal("24760")  # its parcels' shipping is counted once, on the first line


def test_a_checkout_without_a_shipping_method_cannot_be_disclosed_yet(shop):
    standin, installation, product = shop
    cart = standin.add_checkout("jp", "JA_JP")
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    with pytest.raises(CheckoutError) as error:
        disclose(installation, checkout_id=cart["id"], today=TODAY)
    assert (error.value.field, error.value.code) == ("checkoutId", "shipping_method_required")


def test_a_line_whose_price_no_longer_matches_its_plan_is_not_disclosed(committed):
    standin, installation, cart = committed
    standin.checkouts[cart["id"]]["lines"][0]["price"] = Decimal("1")  # e.g. edited behind our back
    with pytest.raises(CheckoutError) as error:
        disclose(installation, checkout_id=cart["id"], today=TODAY)
    assert error.value.code == "price_mismatch"


@pytest.mark.parametrize("version", ["abc", "1e3", "9" * 5000])
def test_a_shopper_written_plan_version_is_refused_with_a_coded_error(committed, version):
    standin, installation, cart = committed
    standin.checkouts[cart["id"]]["lines"][0]["metadata"]["subscription.plan_version"] = version
    with pytest.raises(CheckoutError) as error:
        disclose(installation, checkout_id=cart["id"], today=TODAY)
    assert (error.value.field, error.value.code) == ("lineId", "not_found")


def test_one_time_lines_are_not_listed_and_unknown_checkouts_are_refused(shop):
    standin, installation, _ = shop
    cart = standin.add_checkout("jp")
    assert disclose(installation, checkout_id=cart["id"], today=TODAY).lines == []
    with pytest.raises(CheckoutError) as error:
        disclose(installation, checkout_id="Q2hlY2tvdXQ6bm9uZQ==")
    assert (error.value.field, error.value.code) == ("checkoutId", "not_found")


QUERY = """
query Disclosure($checkoutId: ID!) {
  subscriptionDisclosure(checkoutId: $checkoutId) {
    language currency
    lines { planName quantity cycle minCommitment firstDeliveryTotal { formatted } laterDeliveryTotal { amount }
            committedTotal { amount formatted } firstShipping { amount } shippingPerDelivery { formatted } paymentMethods
            statements }
    errors { field code message }
  }
}"""


def test_the_disclosure_over_graphql(client, committed):
    standin, _, cart = committed
    response = client.post("/graphql/", {"query": QUERY, "variables": {"checkoutId": cart["id"]}},
                           content_type="application/json", headers={"Saleor-Api-Url": standin.api_url})
    result = response.json()["data"]["subscriptionDisclosure"]
    assert (result["language"], result["currency"], result["errors"]) == ("ja", "JPY", [])
    (line,) = result["lines"]
    assert line["firstDeliveryTotal"] == {"formatted": "￥1,960"}
    assert line["laterDeliveryTotal"] == {"amount": "11400"}
    assert line["committedTotal"] == {"amount": "26260", "formatted": "￥26,260"}
    assert (line["firstShipping"], line["shippingPerDelivery"]) == ({"amount": "500"}, {"formatted": "￥500"})
    assert line["paymentMethods"] == ["card"]
    assert line["statements"][0].startswith("【定期購入】")


@pytest.mark.parametrize(
    ("shipping_method", "payment_method", "error"),
    [(None, None, {"field": "checkoutId", "code": "SHIPPING_METHOD_REQUIRED"}),
     ("1", "paypal", {"field": "paymentMethod", "code": "INVALID"})],
)
def test_refusals_over_graphql_name_the_field_and_code(client, shop, shipping_method, payment_method, error):
    standin, installation, product = shop
    cart = standin.add_checkout("jp", "JA_JP", shipping_method=shipping_method)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    query = """query ($checkoutId: ID!, $paymentMethod: String) {
      subscriptionDisclosure(checkoutId: $checkoutId, paymentMethod: $paymentMethod) { lines { lineId } errors { field code } }
    }"""
    response = client.post("/graphql/", {"query": query, "variables": {"checkoutId": cart["id"], "paymentMethod": payment_method}},
                           content_type="application/json", headers={"Saleor-Api-Url": standin.api_url})
    assert response.json() == {"data": {"subscriptionDisclosure": {"lines": [], "errors": [error]}}}
