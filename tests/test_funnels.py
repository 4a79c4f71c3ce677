"""Step mails that move trial buyers onto a subscription: enrol, send at +30/+37/+44 days, stop, convert once."""

import copy
import datetime
import threading
from decimal import Decimal

import pytest
from django.core import mail as outbox
from django.db import connections
from django.test import Client

from saleor_subscriptions.core.errors import InputError
from saleor_subscriptions.funnels import actions
from saleor_subscriptions.funnels.models import Enrolment
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.plans.actions import archive_plan, create_plan
from saleor_subscriptions.renewals import engine, runs
from saleor_subscriptions.subscriptions.calendar import slot_date
from saleor_subscriptions.subscriptions.models import Subscription, SubscriptionLine

from .clock import fixed_clock
from .conftest import USER, order_payload, renewal_orders
from .stripe_scripted import ScriptedStripe, route, stripe_object
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
    save_hanakos_card(installation)
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
    assert error.value.field == "steps.1.delay_days"
    with pytest.raises(InputError) as error:
        actions.create_funnel(installation, {**funnel, "target_plan": "monthly"})  # has a trial
    assert error.value.field == "target_plan"
    assert not installation.funnels.exists()


def save_hanakos_card(installation):
    """Hanako's Stripe customer with a saved Visa, as a card checkout leaves them."""
    customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    PaymentMethod.objects.create(customer=customer, stripe_payment_method_id="pm_visa", brand="visa", last4="4242")


def _offer_links(messages):
    return [_link(message, "特典を確認して申し込む") for message in messages]


def test_an_offer_for_an_archived_plan_is_refused_in_the_customers_language(funnel, client, clicked_on_2_march):
    standin, installation, funnel_, buy_trial, day = funnel
    save_hanakos_card(installation)
    buy_trial()
    day(30)
    (offer,) = _offer_links(outbox.outbox)
    archive_plan(funnel_.target_plan)
    for answer in (client.get(offer), client.post(offer)):
        assert answer.status_code == 409
        assert "この特典は終了しました" in answer.content.decode()
    assert not Subscription.objects.exists()


@pytest.fixture
def clicked_on_2_march(monkeypatch):
    """Offer links are clicked at 10:00 in Tokyo on 2 March 2027."""
    monkeypatch.setattr(engine.timezone, "now", lambda: datetime.datetime(2027, 3, 2, 1, tzinfo=datetime.UTC))


@pytest.fixture
def two_funnels(funnel, clicked_on_2_march):
    """Hanako is enrolled in two funnels offering the same plan (two trial products in one order), card saved."""
    standin, installation, first, buy_trial, day = funnel
    second = actions.create_funnel(installation, {
        "name": "Trial again → monthly", "trigger_product_id": first.trigger_product_id, "target_plan": "regular",
        "target_variant_id": first.target_variant_id, "offer_percent_off": "15", "steps": STEPS[:1]})
    save_hanakos_card(installation)
    buy_trial()
    assert Enrolment.objects.count() == 2
    day(30)
    links = dict(zip((Enrolment.objects.get(funnel=f).pk for f in (first, second)), _offer_links(outbox.outbox), strict=True))
    offers = [links[Enrolment.objects.get(funnel=f).pk] for f in (first, second)]
    return installation, offers


def test_the_second_offer_for_the_same_plan_says_the_customer_already_subscribes(two_funnels, client):
    installation, (first, second) = two_funnels
    assert client.post(first).status_code == 200
    (subscription,) = Subscription.objects.all()
    for answer in (client.get(second), client.post(second)):
        assert answer.status_code == 409
        page = answer.content.decode()
        assert "この商品の定期便はお申し込み済みです" in page and "ご利用中の定期便：毎月お届け定期便" in page
        assert "次回お届け予定日：2027年3月3日" in page and "マイページ" in page
    assert Subscription.objects.get() == subscription and subscription.lines.get().percent_off == Decimal("10")


def test_an_offer_after_the_first_ones_subscription_was_cancelled_answers_without_writing(two_funnels, client):
    installation, (first, second) = two_funnels
    assert client.post(first).status_code == 200
    Subscription.objects.update(status=Subscription.Status.CANCELLED)
    answer = client.post(second)  # the same order and plan: once a 500 (IntegrityError)
    assert answer.status_code == 409 and "この特典は終了しました" in answer.content.decode()
    assert Subscription.objects.count() == 1 and SubscriptionLine.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_offers_clicked_at_once_make_one_subscription(two_funnels, postgres_only):
    installation, offers = two_funnels
    answers = []

    def click(offer):
        try:
            answers.append(Client().post(offer).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) == [200, 409]
    assert Subscription.objects.count() == 1 and SubscriptionLine.objects.count() == 1


def test_the_offer_page_is_a_final_confirmation_screen_with_the_checkouts_statements(funnel, client, clicked_on_2_march):
    standin, installation, funnel_, buy_trial, day = funnel
    installation.closed_weekdays = [5, 6]  # no deliveries at weekends
    installation.save()
    save_hanakos_card(installation)
    buy_trial()
    day(30)
    (offer,) = _offer_links(outbox.outbox)
    page = client.get(offer).content.decode()
    statements = [
        "【定期購入】緑茶 100 g（毎月お届け定期便）は定期購入の商品です。解約のお手続きをされるまで継続してお届けします。",
        "お届け周期：毎月",
        "初回お届け：￥5,400 × 1点 = ￥5,400",  # 10 % off ¥6,000
        "2回目以降のお届け：各回 ￥5,400 × 1点 = ￥5,400",
        "送料：1回のお届けにつき￥500",
        "お支払い方法・時期：クレジットカード（Visa •••• 4242）。各回のご注文時（お届け予定日当日）に決済します。",
        "お届け予定日：2027年3月3日、2027年4月5日、2027年5月3日",  # 3 April is a Saturday
        f"解約・スキップ・内容の変更は、次回お届け予定日の7日前までにマイページ（http://testserver/portal/{installation.portal_key}/）"
        "からお手続きください。",  # the customer portal
    ]
    positions = [page.index(f"<p>{statement}</p>") for statement in statements]
    assert positions == sorted(positions) and positions[-1] < page.index('<form method="post">')
    assert client.post(offer).status_code == 200
    subscription = Subscription.objects.get()
    assert [slot_date(subscription, slot) for slot in (1, 2, 3)] == [DAY(2027, 3, 3), DAY(2027, 4, 5), DAY(2027, 5, 3)]


def test_an_english_offer_page_states_shipping_and_payment_in_english(funnel, client, clicked_on_2_march):
    standin, installation, funnel_, buy_trial, day = funnel
    save_hanakos_card(installation)
    buy_trial(language="EN_US")
    day(30)
    lines = outbox.outbox[0].body.splitlines()
    offer = next(line for line in lines if "/m/" in line and "unsubscribe" not in line).removeprefix("http://testserver")
    page = client.get(offer).content.decode()
    for fragment in ("Shipping: ¥500 per delivery.", "Payment: by card (Visa •••• 4242)", "March 3, 2027"):
        assert fragment in page


def test_a_card_only_offer_takes_a_new_card_and_subscribes_with_it_once(funnel, client, monkeypatch, settings, clicked_on_2_march):
    standin, installation, funnel_, buy_trial, day = funnel
    buy_trial()  # paid one-time: no card was saved
    day(30)
    (offer,) = _offer_links(outbox.outbox)
    http = ScriptedStripe()
    route(monkeypatch, http)
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_page"
    http.answer(200, stripe_object("customer", id="cus_new", email=USER["email"]))
    http.answer(200, stripe_object("setup_intent", id="seti_1", client_secret="seti_1_secret_abc", customer="cus_new"))
    shown = client.get(offer)
    page = shown.content.decode()
    assert shown.status_code == 200 and "seti_1_secret_abc" in page and "pk_test_page" in page
    assert "カードを登録して定期便に申し込む" in page and "送料：1回のお届けにつき￥500" in page
    assert page.index("お支払い方法・時期：クレジットカード。") < page.index('id="card-form"')
    created_customer, setup = http.requests
    assert created_customer.params["metadata[saleor_user_id]"] == USER["id"]
    assert (setup.params["customer"], setup.params["usage"]) == ("cus_new", "off_session")
    assert not Subscription.objects.exists()  # looking subscribes nobody

    http.answer(200, stripe_object("setup_intent", id="seti_1", status="succeeded", customer="cus_new", payment_method="pm_new"))
    http.answer(200, stripe_object("payment_method", id="pm_new", type="card", customer="cus_new",
                                   card={**stripe_object("payment_method")["card"], "brand": "mastercard", "last4": "4444"}))
    returned = offer + "?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_abc&redirect_status=succeeded"
    done = client.get(returned)
    assert done.status_code == 200 and "定期便のお申し込みが完了しました" in done.content.decode()
    assert client.get(returned).status_code == 200  # reloaded: no Stripe call is scripted, none is made
    (subscription,) = Subscription.objects.all()
    assert (subscription.payment_kind, subscription.payment_method.last4, subscription.payment_method.customer.stripe_customer_id) == (
        "card", "4444", "cus_new")
    assert len(http.requests) == 4


def test_a_setup_intent_of_another_customer_saves_nothing(funnel, client, monkeypatch, clicked_on_2_march):
    standin, installation, funnel_, buy_trial, day = funnel
    StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    buy_trial()
    day(30)
    (offer,) = _offer_links(outbox.outbox)
    http = ScriptedStripe()
    route(monkeypatch, http)
    http.answer(200, stripe_object("setup_intent", id="seti_9", status="succeeded", customer="cus_someone_else", payment_method="pm_x"))
    answer = client.get(offer + "?setup_intent=seti_9&redirect_status=succeeded")
    assert answer.status_code == 400 and "カードを登録できませんでした" in answer.content.decode()
    assert not Subscription.objects.exists() and not PaymentMethod.objects.exists()


def test_an_offer_clicked_after_a_cancelled_shop_subscription_converts_once(funnel, client, clicked_on_2_march):
    standin, installation, funnel_, buy_trial, day = funnel
    save_hanakos_card(installation)
    buy_trial()
    day(30)
    (offer,) = _offer_links(outbox.outbox)
    shop = Subscription.objects.create(
        installation=installation, plan=funnel_.target_plan, status="active", customer_id=USER["id"], email=USER["email"],
        channel_id="x", channel_slug="jp", currency="JPY", language="ja", payment_kind="card", started_on=DAY(2027, 2, 1),
        origin_order_id="T3JkZXI6OTk=")
    day(37)  # the beat sees the shop subscription: no step 2
    shop.status = Subscription.Status.CANCELLED
    shop.save()
    assert client.post(offer).status_code == 200
    assert client.post(offer).status_code == 200  # clicked twice
    assert Subscription.objects.filter(origin="funnel").count() == 1
