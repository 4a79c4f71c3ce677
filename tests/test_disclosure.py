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
    """The trial plan with a 3-delivery commitment, delivered on the 25th; one line of 2 in the cart."""
    standin, installation, product = shop
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "min_commitment": 3,
                       "schedule": {"interval_unit": "month", "anchor_day": 25}})
    standin.products[0]["translations"] = {"JA": "緑茶", "ZH_HANS": "绿茶", "ZH_HANT": "綠茶"}
    cart = standin.add_checkout("jp", "JA_JP")
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
        "3回のお受け取りが条件です（3回目のお届けまで解約できません）。3回分のお支払い総額：￥24,760",
        "お届け予定日：2027年1月31日、2027年2月25日、2027年3月25日",
        "解約・スキップ・内容の変更は、次回お届け予定日の7日前までにマイページからお手続きください。",
    ]
    assert line.committed_total == Decimal("24760")  # 1,960 + 11,400 + 11,400


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("EN_US", ["Subscription: Green tea 100 g (Monthly delivery)", "every month on day 25", "¥980 × 2 = ¥1,960",
                   "From delivery 2: ¥5,700 × 2 = ¥11,400", "Minimum commitment: 3 deliveries", "¥24,760",
                   "January 31, 2027", "7 days before the next scheduled delivery"]),
        ("ZH_HANS", ["【定期购买】绿茶 100 g（每月定期配送）", "配送周期：每月（25日）", "JP¥980 × 2件 = JP¥1,960", "最低订购3次",
                     "2027年1月31日", "7天前通过会员中心办理"]),
        ("ZH_HANT", ["【定期購買】綠茶 100 g（每月定期配送（繁））", "配送週期：每月（25日）", "最低訂購3次", "7天前透過會員中心辦理"]),
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
            committedTotal { amount formatted } statements }
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
    assert line["committedTotal"] == {"amount": "24760", "formatted": "￥24,760"}
    assert line["statements"][0].startswith("【定期購入】")
