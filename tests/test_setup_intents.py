"""A free first delivery still saves the card: a SetupIntent at ¥0, the order completes at ¥0, renewals charge the card."""

import datetime
import json
from urllib.parse import quote
from decimal import Decimal

import pytest
import stripe

from saleor_subscriptions.checkout.actions import add_subscription_line
from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.payments.stripe_api import stripe_client
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import awaiting_card
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order
from saleor_subscriptions.subscriptions.models import Subscription
from saleor_subscriptions.subscriptions.tasks import settle_orders_awaiting_cards

from .clock import fixed_clock
from .conftest import USER, order_payload
from .stripe_scripted import stripe_object
from .test_api_staff import dashboard  # noqa: F401  (fixture)
from .test_payment_deadlines import at
from .test_gateway import session_fields
from .test_stripe_webhooks import SECRET, post, signed

pytestmark = pytest.mark.django_db
DAY = datetime.date
FREE_FOR_14_DAYS = {
    "schedule": {"interval_unit": "month"},
    "trial": {"kind": "free_days", "days": 14},
    "regular": {"amounts": {"JPY": "6000"}},
    "texts": {"en": {"name": "Two weeks free"}, "ja": {"name": "2週間無料お試し"}},
}
TRANSACTION_ID = session_fields({"channel": {"currencyCode": "JPY"}})["transaction"]["id"]


@pytest.fixture
def free_checkout(shop, mount, app_http):
    """Hanako's checkout of the tea on a plan whose first delivery is free (14 days until the next); ¥500 shipping later."""
    standin, installation, product = shop
    mount(standin.api_url, standin)
    standin.deliver_inline = app_http
    channel = standin.add_channel("jp", "JPY", shipping=Decimal("500"))
    create_plan(installation, product_id=product["id"], code="free14", terms=FREE_FOR_14_DAYS)
    cart = standin.add_checkout("jp", user=USER)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1,
                          plan_code="free14")
    return standin, installation, channel, product, standin.checkout_view(standin.checkouts[cart["id"]])


@pytest.fixture
def localstripe_api(localstripe, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_localstripe", localstripe
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    return stripe_client(None)


def free_order(channel, variant_id, setup_intent_id, number=7):
    """The ¥0 order Saleor makes of the checkout: its transaction is the SetupIntent, charged 0."""
    order = order_payload(channel, variant_id, number=number)
    zero = {"gross": {"amount": 0.0, "currency": "JPY"}, "net": {"amount": 0.0, "currency": "JPY"}}
    (line,) = order["lines"]
    line |= {"unitPrice": zero, "totalPrice": zero, "metadata": [{"key": "subscription.plan", "value": "free14"},
                                                                 {"key": "subscription.plan_version", "value": "1"}]}
    return order | {"total": zero, "chargeStatus": "FULL", "transactions": [
        {"pspReference": setup_intent_id, "chargePendingAmount": {"amount": 0.0, "currency": "JPY"}}]}


def confirm_setup(client, answer, number):
    """What Stripe.js's `confirmSetup` does in the shopper's browser with the client secret."""
    card = client.v1.payment_methods.create(params={
        "type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}}).id
    client.v1.setup_intents.confirm(answer["pspReference"], params={
        "payment_method": card, "client_secret": answer["data"]["stripeClientSecret"]})
    return card


def test_a_free_first_delivery_saves_the_card_and_the_first_renewal_charges_it_once(free_checkout, localstripe_api, app_http):
    standin, installation, channel, product, checkout = free_checkout
    assert checkout["lines"][0]["unitPrice"]["gross"]["amount"] == 0  # nothing is due now

    started = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="0"))
    assert (started["result"], started["amount"]) == ("CHARGE_ACTION_REQUIRED", 0)
    assert started["pspReference"].startswith("seti_")
    assert started["data"]["stripeConfirm"] == "confirmSetup"
    assert started["data"]["publishableKey"] == "pk_test_localstripe"
    setup = localstripe_api.v1.setup_intents.retrieve(started["pspReference"])
    customer = StripeCustomer.objects.get()
    assert (setup.usage, setup.customer, setup.metadata["saleor_transaction_id"]) == (
        "off_session", customer.stripe_customer_id, TRANSACTION_ID)

    card = confirm_setup(localstripe_api, started, "4242424242424242")
    processed = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION",
                             session_fields(checkout, amount="0", psp_reference=started["pspReference"]))
    assert (processed["result"], processed["amount"], processed["pspReference"]) == ("CHARGE_SUCCESS", 0, started["pspReference"])
    again = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION",  # the shopper reloads the return page
                         session_fields(checkout, amount="0", psp_reference=started["pspReference"]))
    assert again["result"] == "CHARGE_SUCCESS" and PaymentMethod.objects.count() == 1
    assert localstripe_api.v1.payment_methods.retrieve(card).customer == customer.stripe_customer_id

    # Saleor completes the ¥0 checkout: the order is fully paid at ¥0 and the subscription starts with the card
    order = free_order(channel, product["variants"][0]["id"], started["pspReference"])
    for event in ("ORDER_CREATED", "ORDER_FULLY_PAID", "ORDER_CREATED"):  # the last one: a redelivery
        [(status, _, _)] = standin.emit(app_http, event, {"order": order})
        assert status == 200
    (subscription,) = Subscription.objects.all()
    assert (subscription.status, subscription.payment_kind) == ("trialing", "card")
    assert (subscription.payment_method.stripe_payment_method_id, subscription.payment_method.last4) == (card, "4242")
    assert subscription.next_renewal_on == DAY(2027, 2, 14)  # ordered on 31 Jan, 14 free days

    for _ in range(2):  # a second run the same day charges nothing more
        runs.run_due(installation, DAY(2027, 2, 14))
    renewal = subscription.renewals.get()
    intent = localstripe_api.v1.payment_intents.retrieve(renewal.payment_intent_id)
    assert (intent.payment_method, intent.customer, intent.amount, intent.status) == (
        card, customer.stripe_customer_id, 6500, "succeeded")
    charged = localstripe_api.v1.payment_intents.list(params={"customer": customer.stripe_customer_id}).data
    assert [i.id for i in charged] == [intent.id]


def test_a_declined_card_leaves_the_setup_open_and_the_order_waits_for_the_next_card(free_checkout, localstripe_api, app_http):
    standin, installation, channel, product, checkout = free_checkout
    started = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="0"))
    with pytest.raises(stripe.CardError):
        confirm_setup(localstripe_api, started, "4000000000000002")
    processed = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION",
                             session_fields(checkout, amount="0", psp_reference=started["pspReference"]))
    assert (processed["result"], processed["message"]) == ("CHARGE_ACTION_REQUIRED", "Your card was declined.")
    assert processed["data"] == {"stripeClientSecret": started["data"]["stripeClientSecret"], "stripeConfirm": "confirmSetup"}
    assert not PaymentMethod.objects.exists()

    # the storefront completes the ¥0 checkout anyway: Stripe says the setup still wants a card, so the order waits
    order = free_order(channel, product["variants"][0]["id"], started["pspReference"])
    for event in ("ORDER_CREATED", "ORDER_FULLY_PAID"):
        [(status, _, _)] = standin.emit(app_http, event, {"order": order})
        assert status == 200
    assert not Subscription.objects.exists()
    (waiting,) = installation.events.filter(type="subscription.awaiting_card")
    assert (waiting.data["order"], waiting.data["status"]) == (order["id"], "requires_payment_method")
    assert not installation.events.filter(type="subscription.refused").exists()

    # the shopper tries another card on the same setup: the subscription starts with it
    card = confirm_setup(localstripe_api, started, "4242424242424242")
    processed = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION",
                             session_fields(checkout, amount="0", psp_reference=started["pspReference"]))
    assert processed["result"] == "CHARGE_SUCCESS"
    (subscription,) = Subscription.objects.all()
    assert (subscription.status, subscription.payment_method.stripe_payment_method_id) == ("trialing", card)
    assert subscription.next_renewal_on == DAY(2027, 2, 14)  # 14 free days from the order, not from the card
    (late,) = installation.events.filter(type="subscription.started_when_card_saved")
    assert late.data["subscription"] == subscription.pk and late.data["setup_intent"] == started["pspReference"]


def test_a_setup_left_unused_before_a_card_payment_does_not_hold_the_subscription_back(free_checkout):
    """The shopper began at ¥0, then chose paid shipping and paid by card: the PaymentIntent saved the card."""
    _, installation, channel, product, _ = free_checkout
    customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    paid = PaymentMethod.objects.create(customer=customer, stripe_payment_method_id="pm_paid", brand="visa", last4="4242")
    order = free_order(channel, product["variants"][0]["id"], "seti_unused")
    order["transactions"].append({"pspReference": "pi_shipping", "chargePendingAmount": {"amount": 0.0, "currency": "JPY"}})
    order["total"] = {"gross": {"amount": 500.0, "currency": "JPY"}, "net": {"amount": 500.0, "currency": "JPY"}}
    (subscription,) = subscriptions_from_order(installation, order)
    assert subscription.payment_method == paid


@pytest.fixture
def scripted_free_checkout(shop, stripe_http):
    standin, installation, product = shop
    create_plan(installation, product_id=product["id"], code="free14", terms=FREE_FOR_14_DAYS)
    cart = standin.add_checkout("jp", user=USER)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1,
                          plan_code="free14")
    return standin, installation, standin.checkout_view(standin.checkouts[cart["id"]])


def test_the_setup_intent_is_made_once_per_saleor_transaction_for_the_customer(scripted_free_checkout, stripe_http, app_http):
    standin, installation, checkout = scripted_free_checkout
    stripe_http.answer(200, stripe_object("customer", id="cus_hanako"))
    stripe_http.answer(200, stripe_object("setup_intent", id="seti_first", client_secret="seti_first_secret_x"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="0"))
    assert answer["data"] == {"stripeClientSecret": "seti_first_secret_x", "stripeConfirm": "confirmSetup",
                              "publishableKey": "pk_test_scripted"}
    assert answer["externalUrl"] == "https://dashboard.stripe.com/test/setup_intents/seti_first"
    _, create = stripe_http.requests
    assert create.path == "v1/setup_intents"  # no PaymentIntent: Stripe has none of ¥0
    assert create.headers["Idempotency-Key"] == f"{installation.pk}-setup-{TRANSACTION_ID}"
    assert (create.params["customer"], create.params["usage"], create.params["payment_method_types[0]"]) == (
        "cus_hanako", "off_session", "card")
    assert create.params["metadata[saleor_api_url]"] == standin.api_url


def test_a_setup_of_another_shop_is_refused_and_saves_nothing(scripted_free_checkout, stripe_http, app_http):
    standin, installation, checkout = scripted_free_checkout
    StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"],
                                  stripe_customer_id="cus_hanako")
    stripe_http.answer(200, stripe_object("setup_intent", id="seti_theirs", status="succeeded", customer="cus_someone",
                                          payment_method="pm_theirs", metadata={"saleor_api_url": "https://other.example/graphql/"}))
    answer = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION", session_fields(checkout, amount="0", psp_reference="seti_theirs"))
    assert answer["result"] == "CHARGE_FAILURE" and "not a Stripe card setup of this shop" in answer["message"]
    assert not PaymentMethod.objects.exists()


def test_a_free_one_time_checkout_needs_no_payment_and_touches_no_stripe(shop, stripe_http, app_http):
    standin, _, _ = shop
    checkout = standin.checkout_view(standin.add_checkout("jp", user=USER))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="0"))
    assert (answer["result"], answer["message"]) == ("CHARGE_FAILURE", "Nothing is due: complete the checkout without a payment.")
    assert stripe_http.requests == []


@pytest.fixture
def free_order_paid_at_zero(shop, stripe_http, settings, mount, app_http):
    """Hanako's ¥0 order whose SetupIntent `seti_free` Stripe confirmed; transactionProcess never came."""
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    standin, installation, product = shop
    mount(standin.api_url, standin)
    standin.deliver_inline = app_http
    channel = standin.add_channel("jp", "JPY")
    create_plan(installation, product_id=product["id"], code="free14", terms=FREE_FOR_14_DAYS)
    StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    transaction = standin.add_transaction(standin.add_order("jp", Decimal(0)), "seti_free")
    return standin, installation, channel, product, transaction


def setup_event(standin, transaction, event_type, event_id, **intent):
    metadata = {"saleor_api_url": standin.api_url, "saleor_transaction_id": transaction["id"]}
    obj = stripe_object("setup_intent", id="seti_free", customer="cus_hanako", metadata=metadata, **intent)
    return json.dumps(stripe_object("event", id=event_id, type=event_type, data={"object": obj})).encode()


def test_stripes_setup_succeeded_event_saves_the_card_and_tells_saleor_once(client, free_order_paid_at_zero, stripe_http, app_http):
    standin, installation, channel, product, transaction = free_order_paid_at_zero
    stripe_http.answer(200, stripe_object("payment_method", id="pm_free", customer="cus_hanako",
                                          card={**stripe_object("payment_method")["card"], "last4": "4242"}))
    body = setup_event(standin, transaction, "setup_intent.succeeded", "evt_setup", status="succeeded", payment_method="pm_free")
    for _ in range(2):  # Stripe redelivers the same event
        answer = post(client, body, signed(body))
        assert (answer.status_code, answer.json()) == (200, {"status": "processed"})
    assert transaction["events"] == [("CHARGE_SUCCESS", "seti_free", "0")]
    assert len(stripe_http.requests) == 1  # the card was looked up once
    card = PaymentMethod.objects.get()
    assert (card.stripe_payment_method_id, card.last4, card.setup_intent_id) == ("pm_free", "4242", "seti_free")

    [(status, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": free_order(channel, product["variants"][0]["id"], "seti_free")})
    assert status == 200
    assert Subscription.objects.get().payment_method == card


def test_stripes_setup_failed_event_is_a_charge_failure_and_saves_nothing(client, free_order_paid_at_zero, stripe_http):
    standin, _, _, _, transaction = free_order_paid_at_zero
    body = setup_event(standin, transaction, "setup_intent.setup_failed", "evt_failed", status="requires_payment_method",
                       last_setup_error={"type": "card_error", "code": "card_declined", "message": "Your card was declined."})
    assert post(client, body, signed(body)).status_code == 200
    assert transaction["events"] == [("CHARGE_FAILURE", "seti_free", "0")]
    assert stripe_http.requests == [] and not PaymentMethod.objects.exists()


# The storefront completed the ¥0 checkout before the card was saved (3-D Secure still open, Stripe's answer late).

def stripes_setup(standin, transaction, status, **fields):
    """The order's SetupIntent as Stripe answers when asked (`seti_free`, Hanako's)."""
    metadata = {"saleor_api_url": standin.api_url, "saleor_transaction_id": transaction["id"]}
    return stripe_object("setup_intent", id="seti_free", customer="cus_hanako", metadata=metadata, status=status,
                         **{"payment_method": None, **fields})


@pytest.fixture
def order_before_card(free_order_paid_at_zero, stripe_http, app_http, django_capture_on_commit_callbacks):
    """Saleor sends the ¥0 order (twice) at noon Tokyo on 31 Jan 2027 while Hanako's 3-D Secure is still open."""
    standin, installation, channel, product, transaction = free_order_paid_at_zero
    installation.merchant_email, installation.merchant_notifications, installation.default_language = (
        "shop@example.jp", "each", "ja")
    installation.save()
    stripe_http.answer(200, stripes_setup(standin, transaction, "requires_action"))
    order = free_order(channel, product["variants"][0]["id"], "seti_free")
    with fixed_clock(DAY(2027, 1, 31)), django_capture_on_commit_callbacks(execute=True):
        for event in ("ORDER_CREATED", "ORDER_FULLY_PAID"):
            [(status, _, _)] = standin.emit(app_http, event, {"order": order})
            assert status == 200
    return standin, installation, order, transaction


WIDGET = "query ($order: ID!) { staffOrderSubscription(orderId: $order) { subscription { id status } cardWait } }"


def merchant_mails():
    return list(MailLog.objects.filter(kind="merchant_billing", to="shop@example.jp"))


def test_an_order_before_its_card_waits_and_starts_once_when_stripe_says_the_card_was_saved(
        client, order_before_card, stripe_http, app_http, django_capture_on_commit_callbacks, dashboard):  # noqa: F811
    standin, installation, order, transaction = order_before_card
    call = dashboard[0]
    assert not Subscription.objects.exists()
    assert call(WIDGET, permissions=["MANAGE_ORDERS"], order=order["id"]) == {"subscription": None, "cardWait": "WAITING"}
    (waiting,) = installation.events.filter(type="subscription.awaiting_card")  # the redelivery waits quietly
    assert (waiting.data["order"], waiting.data["setup_intent"], waiting.data["status"]) == (order["id"], "seti_free", "requires_action")
    assert [r.path for r in stripe_http.requests] == ["v1/setup_intents/seti_free"]  # Stripe asked, not assumed, once

    stripe_http.answer(200, stripe_object("payment_method", id="pm_free", customer="cus_hanako",
                                          card={**stripe_object("payment_method")["card"], "last4": "4242"}))
    body = setup_event(standin, transaction, "setup_intent.succeeded", "evt_saved", status="succeeded", payment_method="pm_free")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # Stripe redelivers the event
            answer = post(client, body, signed(body))
            assert (answer.status_code, answer.json()) == (200, {"status": "processed"})
        (subscription,) = Subscription.objects.all()  # started by Stripe's word alone
        [(status, _, _)] = standin.emit(app_http, "ORDER_FULLY_PAID", {"order": order})  # Saleor redelivers the order
        assert status == 200

    assert list(Subscription.objects.all()) == [subscription]
    assert (subscription.status, subscription.payment_kind) == ("trialing", "card")
    assert (subscription.payment_method.stripe_payment_method_id, subscription.payment_method.last4) == ("pm_free", "4242")
    assert subscription.next_renewal_on == DAY(2027, 2, 14)
    assert transaction["events"] == [("CHARGE_SUCCESS", "seti_free", "0")]
    (late,) = installation.events.filter(type="subscription.started_when_card_saved")
    assert (late.data["subscription"], late.data["order"]) == (subscription.pk, order["id"])
    assert installation.events.filter(type="subscription.started").count() == 1
    assert not installation.events.filter(type="subscription.refused").exists() and not merchant_mails()
    assert MailLog.objects.filter(kind="started", to=USER["email"]).count() == 1  # Hanako hears of it once
    assert call(WIDGET, permissions=["MANAGE_ORDERS"], order=order["id"]) == {
        "subscription": {"id": str(subscription.pk), "status": "TRIALING"}, "cardWait": None}


def test_a_card_saved_first_starts_the_subscription_with_the_order_as_before(free_order_paid_at_zero, client, stripe_http, app_http):
    standin, installation, channel, product, transaction = free_order_paid_at_zero
    stripe_http.answer(200, stripe_object("payment_method", id="pm_free", customer="cus_hanako"))
    body = setup_event(standin, transaction, "setup_intent.succeeded", "evt_first", status="succeeded", payment_method="pm_free")
    assert post(client, body, signed(body)).status_code == 200
    order = free_order(channel, product["variants"][0]["id"], "seti_free")
    for event in ("ORDER_CREATED", "ORDER_FULLY_PAID"):
        [(status, _, _)] = standin.emit(app_http, event, {"order": order})
        assert status == 200
    (subscription,) = Subscription.objects.all()
    assert (subscription.status, subscription.payment_method.stripe_payment_method_id) == ("trialing", "pm_free")
    assert len(stripe_http.requests) == 1  # the card's lookup: the order needed no question to Stripe
    assert not installation.events.filter(type__in=("subscription.awaiting_card", "subscription.started_when_card_saved")).exists()


def test_a_canceled_setup_refuses_the_order_once_and_tells_the_merchant(
        client, order_before_card, stripe_http, app_http, django_capture_on_commit_callbacks, dashboard):  # noqa: F811
    standin, installation, order, transaction = order_before_card
    stripe_http.answer(200, stripes_setup(standin, transaction, "canceled"))  # asked again: every setup of the order
    body = setup_event(standin, transaction, "setup_intent.canceled", "evt_canceled", status="canceled")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert post(client, body, signed(body)).status_code == 200
        [(status, _, _)] = standin.emit(app_http, "ORDER_FULLY_PAID", {"order": order})
        assert status == 200
    assert not Subscription.objects.exists()
    (refused,) = installation.events.filter(type="subscription.refused")
    assert refused.data["reason"] == "no card was saved at checkout: the card setup did not succeed"
    (merchant,) = merchant_mails()
    assert merchant.subject == "【定期便】決済結果：カード未登録のため定期便未開始（注文 #7）"
    assert "理由：0円で注文されましたが、お客様のカード登録が完了しませんでした" in merchant.text_body
    saleor_dashboard = installation.saleor_api_url.removesuffix("/graphql/") + "/dashboard"
    assert f"注文：{saleor_dashboard}/orders/{quote(order['id'], safe='')}" in merchant.text_body
    assert "定期便：" not in merchant.text_body  # no subscription to link to
    assert transaction["events"] == [("CHARGE_FAILURE", "seti_free", "0")]
    widget = dashboard[0](WIDGET, permissions=["MANAGE_ORDERS"], order=order["id"])
    assert widget == {"subscription": None, "cardWait": "REFUSED"}  # the order page says why there is none


def test_a_card_not_saved_within_a_day_refuses_the_order_and_tells_the_merchant(
        client, order_before_card, stripe_http, django_capture_on_commit_callbacks):
    standin, installation, order, transaction = order_before_card
    body = setup_event(standin, transaction, "setup_intent.setup_failed", "evt_failed", status="requires_payment_method",
                       last_setup_error={"type": "card_error", "code": "card_declined", "message": "Your card was declined."})
    assert post(client, body, signed(body)).status_code == 200  # the shopper may still try another card
    assert not installation.events.filter(type="subscription.refused").exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert awaiting_card.sweep(installation, at(DAY(2027, 1, 31), hour=12)) == {"started": 0, "refused": 0}
        assert len(stripe_http.requests) == 1  # a quarter of an hour is left to Stripe's events
        stripe_http.answer(200, stripes_setup(standin, transaction, "requires_payment_method"))
        assert awaiting_card.sweep(installation, at(DAY(2027, 2, 1), hour=11)) == {"started": 0, "refused": 0}  # 23 h
        assert len(stripe_http.requests) == 2 and not merchant_mails()
        stripe_http.answer(200, stripes_setup(standin, transaction, "requires_payment_method"))
        with fixed_clock(DAY(2027, 2, 1), hour=13):  # 25 h: the hourly beat task
            settle_orders_awaiting_cards()
        assert awaiting_card.sweep(installation, at(DAY(2027, 2, 2))) == {"started": 0, "refused": 0}
    assert not Subscription.objects.exists()
    (refused,) = installation.events.filter(type="subscription.refused")
    assert refused.data["reason"] == "no card was saved at checkout: the card setup was not completed within 24 hours of the order"
    (merchant,) = merchant_mails()
    assert "理由：0円で注文されましたが、24時間以内にお客様のカードが登録されませんでした" in merchant.text_body

    # a card saved after the merchant was told starts nothing
    stripe_http.answer(200, stripe_object("payment_method", id="pm_late", customer="cus_hanako"))
    body = setup_event(standin, transaction, "setup_intent.succeeded", "evt_late", status="succeeded", payment_method="pm_late")
    assert post(client, body, signed(body)).status_code == 200
    assert not Subscription.objects.exists()


def test_a_card_saved_whose_event_was_lost_starts_the_subscription_at_the_next_hourly_check(
        order_before_card, stripe_http, django_capture_on_commit_callbacks):
    standin, installation, order, transaction = order_before_card
    stripe_http.answer(200, stripes_setup(standin, transaction, "succeeded", payment_method="pm_free"))
    stripe_http.answer(200, stripe_object("payment_method", id="pm_free", customer="cus_hanako"))
    with django_capture_on_commit_callbacks(execute=True):
        assert awaiting_card.sweep(installation, at(DAY(2027, 1, 31), hour=13)) == {"started": 1, "refused": 0}
        assert awaiting_card.sweep(installation, at(DAY(2027, 1, 31), hour=14)) == {"started": 0, "refused": 0}
    (subscription,) = Subscription.objects.all()
    assert (subscription.status, subscription.payment_method.stripe_payment_method_id) == ("trialing", "pm_free")
    assert installation.events.filter(type="subscription.started_when_card_saved").count() == 1
    assert not merchant_mails()
