"""Step mails that move trial buyers onto a subscription: enrol, send at +30/+37/+44 days, stop, convert once."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.core import mail as outbox

from saleor_subscriptions.core.errors import InputError
from saleor_subscriptions.funnels import actions
from saleor_subscriptions.funnels.models import Enrolment
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.models import Subscription

from .clock import fixed_clock
from .conftest import USER, order_payload, renewal_orders
from .test_renewals import DAY

pytestmark = pytest.mark.django_db
REGULAR = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}},
           "texts": {"ja": {"name": "毎月お届け定期便"}, "en": {"name": "Monthly delivery"}}}
STEPS = [
    {"delay_days": days, "texts": {
        "ja": {"subject": f"【{n}通目】お試しセットはいかがでしたか", "body": f"今なら定期便が毎回10%オフです。（{n}通目）"},
        "en": {"subject": f"({n}) How was your trial set?", "body": "Switch now: 10% off every delivery."}}}
    for n, days in ((1, 30), (2, 37), (3, 44))
]


@pytest.fixture
def funnel(shop, fake_stripe, app_http, django_capture_on_commit_callbacks):
    standin, installation, tea = shop
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    standin.add_channel("jp", "JPY", shipping=Decimal("500"))
    trial = standin.add_product("Trial set", variants=[("3 bags", {"jp": Decimal("980")})])
    create_plan(installation, product_id=tea["id"], code="regular", terms=REGULAR)
    funnel = actions.create_funnel(installation, {
        "name": "Trial → monthly", "trigger_product_id": trial["id"], "target_plan": "regular",
        "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10", "steps": STEPS})

    def buy_trial(number=7, user=USER, language="JA_JP"):
        order = order_payload(standin.channels["jp"], trial["variants"][0]["id"], number=number, user=user)
        order["languageCodeEnum"] = language
        order["lines"][0]["variant"]["product"] = {"id": trial["id"]}
        order["lines"][0]["metadata"] = []
        with django_capture_on_commit_callbacks(execute=True):
            [(status, _, _)] = standin.emit(app_http, "ORDER_FULLY_PAID", {"order": order})
        assert status == 200
        return order

    def day(days):
        with django_capture_on_commit_callbacks(execute=True):
            actions.send_due_steps(installation, DAY(2027, 1, 31) + datetime.timedelta(days=days))
        return [m.subject for m in outbox.outbox]

    return standin, installation, funnel, buy_trial, day


def test_a_trial_buyer_gets_three_steps_at_30_37_44_days_in_her_language(funnel):
    standin, installation, funnel_, buy_trial, day = funnel
    buy_trial()
    buy_trial()  # the webhook again: still one enrolment
    (enrolment,) = Enrolment.objects.all()
    assert (enrolment.language, enrolment.purchased_on) == ("ja", DAY(2027, 1, 31))
    assert day(29) == []
    assert day(30) == ["【1通目】お試しセットはいかがでしたか"]
    assert day(36) == ["【1通目】お試しセットはいかがでしたか"]  # the hourly beat again: nothing twice
    assert day(37)[-1] == "【2通目】お試しセットはいかがでしたか"
    assert day(60)[-1] == "【3通目】お試しセットはいかがでしたか" and len(outbox.outbox) == 3
    assert day(90) and len(outbox.outbox) == 3  # after the last step: nothing more
    message = outbox.outbox[0]
    assert "お茶の山田園" in message.body and "東京都千代田区丸の内1-1" in message.body  # the sender, by law
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    figures = actions.figures(funnel_)
    assert (figures["enrolled"], [s["sent"] for s in figures["steps"]]) == (1, [1, 1, 1])


def test_an_english_buyer_gets_the_english_steps(funnel):
    standin, installation, funnel_, buy_trial, day = funnel
    buy_trial(language="EN_US")
    assert day(30) == ["(1) How was your trial set?"]


def _link(message, label):
    lines = message.body.splitlines()
    return lines[lines.index(label) + 1].removeprefix("http://testserver")


def test_converting_after_step_1_subscribes_once_at_the_offer_price_and_stops_the_steps(funnel, client,
                                                                                       django_capture_on_commit_callbacks):
    standin, installation, funnel_, buy_trial, day = funnel
    customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    PaymentMethod.objects.create(customer=customer, stripe_payment_method_id="pm_visa", brand="visa", last4="4242")
    buy_trial()
    day(30)
    offer = _link(outbox.outbox[0], "特典を確認して申し込む")
    page = client.get(offer).content.decode()
    assert "毎回10%オフ" in page and "￥5,400" in page and "Visa •••• 4242" in page
    with django_capture_on_commit_callbacks(execute=True), fixed_clock(DAY(2027, 3, 2)):
        done = client.post(offer)
        assert done.status_code == 200 and "初回お届け予定日：2027年3月3日" in done.content.decode()
        assert client.post(offer).status_code == 200  # clicked twice
    (subscription,) = Subscription.objects.filter(origin="funnel")
    assert (subscription.payment_kind, subscription.payment_method.last4, subscription.language) == ("card", "4242", "ja")
    assert outbox.outbox[-1].subject.startswith("【定期便】お申し込みありがとうございます")
    assert day(37)[-1] != "【2通目】お試しセットはいかがでしたか" and len(outbox.outbox) == 2  # no step 2
    runs.run_due(installation, subscription.next_renewal_on)
    (order,) = renewal_orders(standin)
    assert [line["price"] for line in order["input"]["lines"]] == ["5400"]  # 10 % off ¥6,000, on every delivery
    figures = actions.figures(funnel_)
    assert (figures["converted"], figures["steps"][0]["clicked"], figures["steps"][0]["converted"]) == (1, 1, 1)
    assert figures["conversion_rate"] == 1.0


def test_an_unsubscribed_buyer_gets_nothing_more(funnel, client):
    standin, installation, funnel_, buy_trial, day = funnel
    buy_trial()
    day(30)
    unsubscribe = _link(outbox.outbox[0], "配信停止はこちら")
    assert "配信を停止" in client.get(unsubscribe).content.decode()
    assert client.post(unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code == 200
    assert Enrolment.objects.get().status == "unsubscribed"
    day(37), day(44)
    assert len(outbox.outbox) == 1
    refused = client.post(_link(outbox.outbox[0], "特典を確認して申し込む"))
    assert refused.status_code == 409 and "この特典は終了しました" in refused.content.decode()
    assert actions.figures(funnel_)["unsubscribed"] == 1


def test_a_subscriber_is_not_enrolled_and_subscribing_in_the_shop_ends_the_steps(funnel):
    standin, installation, funnel_, buy_trial, day = funnel
    buy_trial()
    other = copy.deepcopy(USER) | {"id": "VXNlcjo5OQ==", "email": "taro@example.jp"}
    buy_trial(number=8, user=other)
    assert Enrolment.objects.count() == 2
    subscription = Subscription.objects.create(
        installation=installation, plan=funnel_.target_plan, status="active", customer_id=other["id"], email=other["email"],
        channel_id="x", channel_slug="jp", currency="JPY", language="ja", payment_kind="card", started_on=DAY(2027, 2, 1),
        origin_order_id="T3JkZXI6OTk=")
    actions.exit_converted(installation, subscription)
    assert day(30) == ["【1通目】お試しセットはいかがでしたか"]  # only Hanako's
    buy_trial(number=9, user=other)  # a subscriber buying the trial again is not enrolled again
    assert Enrolment.objects.get(customer_id=other["id"]).status == "converted"


def test_a_funnel_without_the_senders_identity_or_with_steps_out_of_order_is_refused(shop):
    standin, installation, tea = shop
    create_plan(installation, product_id=tea["id"], code="regular", terms=REGULAR)
    funnel = {"name": "x", "trigger_product_id": "UHJvZHVjdDo5", "target_plan": "regular",
              "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10", "steps": STEPS}
    with pytest.raises(InputError) as error:
        actions.create_funnel(installation, funnel)
    assert error.value.field == "senderName"
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    with pytest.raises(InputError) as error:
        actions.create_funnel(installation, {**funnel, "steps": [STEPS[1], STEPS[0]]})
    assert error.value.field == "steps.1.delayDays"
    with pytest.raises(InputError) as error:
        actions.create_funnel(installation, {**funnel, "target_plan": "monthly"})  # has a trial
    assert error.value.field == "targetPlan"
    assert not installation.funnels.exists()
