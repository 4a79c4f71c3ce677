"""The app as Saleor's payment gateway: sync webhooks from the stand-in, Stripe scripted."""

from decimal import Decimal

import pytest

from saleor_subscriptions.checkout.actions import add_subscription_line
from saleor_subscriptions.payments.charges import charge_once
from saleor_subscriptions.payments.declines import Outcome
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.payments import stripe_api

from .conftest import USER
from .stripe_scripted import card_error, stripe_object

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def subscription_checkout(shop):
    standin, installation, product = shop
    cart = standin.add_checkout("jp", user=USER)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    return standin, installation, standin.checkout_view(standin.checkouts[cart["id"]])


def session_fields(source, amount="980", action="CHARGE", psp_reference=""):
    return {
        "merchantReference": "VHJhbnNhY3Rpb25JdGVtOjE=",
        "idempotencyKey": "c42ab8f2-e22c-4b7f-b3c2-f892677adb63",
        "data": {},
        "action": {"amount": float(amount), "currency": source["channel"]["currencyCode"], "actionType": action},
        "transaction": {"__typename": "TransactionItem", "id": "VHJhbnNhY3Rpb25JdGVtOjE=", "pspReference": psp_reference,
                        "chargedAmount": {"amount": 0.0, "currency": "JPY"}, "authorizedAmount": {"amount": 0.0, "currency": "JPY"}},
        "sourceObject": source,
    }


def test_a_subscription_checkout_gets_a_customer_and_a_card_saved_for_renewals(subscription_checkout, stripe_http, app_http):
    standin, installation, checkout = subscription_checkout
    stripe_http.answer(200, stripe_object("customer", id="cus_hanako"))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_first", amount=980, currency="jpy",
                                          status="requires_payment_method", client_secret="pi_first_secret_x"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout))
    assert answer["result"] == "CHARGE_ACTION_REQUIRED"
    assert (answer["pspReference"], answer["amount"]) == ("pi_first", 980)
    assert answer["data"] == {"stripeClientSecret": "pi_first_secret_x", "publishableKey": "pk_test_scripted"}
    create_customer, create_intent = stripe_http.requests
    assert create_customer.params["metadata[saleor_user_id]"] == USER["id"]
    assert create_intent.headers["Idempotency-Key"] == f"{installation.pk}-c42ab8f2-e22c-4b7f-b3c2-f892677adb63"  # Saleor's, per shop
    sent = create_intent.params
    assert (sent["amount"], sent["currency"], sent["customer"], sent["setup_future_usage"]) == ("980", "jpy", "cus_hanako", "off_session")
    assert sent["metadata[saleor_transaction_id]"] == "VHJhbnNhY3Rpb25JdGVtOjE="
    assert sent["metadata[saleor_api_url]"] == standin.api_url

    # the shopper confirms with Stripe.js, then the storefront calls transactionProcess
    card = stripe_object("payment_method", id="pm_visa", customer="cus_hanako",
                         card={**stripe_object("payment_method")["card"], "brand": "visa", "last4": "4242",
                               "exp_month": 12, "exp_year": 2034})
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_first", amount=980, currency="jpy", status="succeeded",
                                          customer="cus_hanako", payment_method=card, setup_future_usage="off_session"))
    answer = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION", session_fields(checkout, psp_reference="pi_first"))
    assert (answer["result"], answer["pspReference"], answer["actions"]) == ("CHARGE_SUCCESS", "pi_first", ["REFUND"])
    assert stripe_http.requests[-1].params == {"expand[0]": "payment_method"}  # the card came with the intent: one call
    card = PaymentMethod.objects.get()
    assert (card.customer.stripe_customer_id, card.stripe_payment_method_id, card.last4) == ("cus_hanako", "pm_visa", "4242")

    # a month later the renewal charges the saved card, off-session, once
    renewal = stripe_object("payment_intent", id="pi_renewal", amount=6000, currency="jpy", status="succeeded")
    stripe_http.answer(200, {**renewal, "status": "requires_confirmation"}).answer(200, renewal).answer(200, renewal)
    results = [charge_once(key="sub-1-1-2", customer_id=card.customer.stripe_customer_id, known_intent_id=known,
                           payment_method_id=card.stripe_payment_method_id, amount=D("6000"), currency="JPY",
                           attempt_key="sub-1-1-2-attempt-0", metadata={}, client=stripe_api.plain_calls(None))
               for known in ("pi_renewal", "pi_renewal")]
    assert [(r.outcome, r.payment_intent_id, r.amount) for r in results] == [(Outcome.SUCCEEDED, "pi_renewal", D("6000"))] * 2
    assert [r.path for r in stripe_http.requests[-3:]] == [
        "v1/payment_intents/pi_renewal", "v1/payment_intents/pi_renewal/confirm", "v1/payment_intents/pi_renewal"]


def test_a_one_time_checkout_is_a_plain_card_payment(shop, stripe_http, app_http):
    standin, _, _ = shop
    checkout = standin.checkout_view(standin.add_checkout("jp", user=USER))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_plain", amount=6800, currency="jpy", status="requires_payment_method"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="6800"))
    assert answer["result"] == "CHARGE_ACTION_REQUIRED"
    (request,) = stripe_http.requests
    assert "customer" not in request.params and "setup_future_usage" not in request.params
    assert not StripeCustomer.objects.exists()


def test_a_guest_cannot_start_a_subscription(shop, stripe_http, app_http):
    standin, installation, product = shop
    cart = standin.add_checkout("jp")
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(standin.checkout_view(cart)))
    assert answer["result"] == "CHARGE_FAILURE" and "sign in" in answer["message"]
    assert stripe_http.requests == []


@pytest.mark.parametrize(("status", "action", "result"), [
    ("requires_capture", "AUTHORIZATION", "AUTHORIZATION_SUCCESS"),
    ("processing", "CHARGE", "CHARGE_REQUEST"),
    ("requires_payment_method", "CHARGE", "CHARGE_ACTION_REQUIRED"),
    ("canceled", "CHARGE", "CHARGE_FAILURE"),
])
def test_process_reports_what_the_payment_intent_became(shop, stripe_http, app_http, status, action, result):
    standin, _, _ = shop
    checkout = standin.checkout_view(standin.add_checkout("jp", user=USER))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_x", amount=6800, currency="jpy", status=status,
                                          setup_future_usage=None, metadata={"saleor_api_url": standin.api_url}))
    answer = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION", session_fields(checkout, "6800", action, psp_reference="pi_x"))
    assert answer["result"] == result


def requested(amount="6000", psp_reference="pi_first"):
    return {"action": {"amount": float(amount), "currency": "JPY", "actionType": "REFUND"},
            "transaction": {"__typename": "TransactionItem", "id": "VHJhbnNhY3Rpb25JdGVtOjE=", "pspReference": psp_reference,
                            "chargedAmount": {"amount": 6000.0, "currency": "JPY"}, "authorizedAmount": {"amount": 0.0, "currency": "JPY"}}}


def our_intent(standin, status="succeeded"):
    """The PaymentIntent as Stripe returns it when the app looks before acting: made for this shop."""
    return stripe_object("payment_intent", id="pi_first", amount=6000, currency="jpy", status=status,
                         metadata={"saleor_api_url": standin.api_url})


def test_refunds_succeed_are_acknowledged_or_fail_within_the_limit(installed, stripe_http, app_http):
    standin, _, _ = installed
    stripe_http.answer(200, our_intent(standin))
    stripe_http.answer(200, stripe_object("refund", id="re_done", amount=6000, currency="jpy", status="succeeded"))
    assert standin.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested())["result"] == "REFUND_SUCCESS"
    assert stripe_http.requests[-1].params["amount"] == "6000"
    stripe_http.answer(200, our_intent(standin))
    stripe_http.answer(200, stripe_object("refund", id="re_later", amount=1000, currency="jpy", status="pending"))
    assert standin.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("1000")) == {"pspReference": "re_later"}
    stripe_http.answer(200, our_intent(standin))
    stripe_http.answer(400, {"error": {"type": "invalid_request_error", "code": "charge_already_refunded",
                                       "message": "Charge pi_first has already been refunded."}})
    answer = standin.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("9000"))
    assert answer["result"] == "REFUND_FAILURE"


def test_capture_and_cancel(installed, stripe_http, app_http):
    standin, _, _ = installed
    stripe_http.answer(200, our_intent(standin, "requires_capture"))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_first", status="succeeded"))
    assert standin.sync(app_http, "TRANSACTION_CHARGE_REQUESTED", requested())["result"] == "CHARGE_SUCCESS"
    assert stripe_http.requests[-1].params == {"amount_to_capture": "6000"}
    stripe_http.answer(200, our_intent(standin, "requires_capture"))
    stripe_http.answer(402, card_error("card_declined", decline_code="insufficient_funds"))
    assert standin.sync(app_http, "TRANSACTION_CHARGE_REQUESTED", requested())["result"] == "CHARGE_FAILURE"
    stripe_http.answer(200, our_intent(standin, "requires_capture"))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_first", status="canceled"))
    assert standin.sync(app_http, "TRANSACTION_CANCELATION_REQUESTED", requested())["result"] == "CANCEL_SUCCESS"


def test_a_tampered_sync_webhook_is_rejected_without_touching_stripe(subscription_checkout, stripe_http, app_http):
    standin, _, checkout = subscription_checkout
    [(status, _, _)] = standin.emit(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout),
                                    tamper=lambda body: body.replace(b'"amount": 980.0', b'"amount": 1.0'))
    assert status == 401
    assert stripe_http.requests == []


def test_gateway_initialize_hands_out_the_publishable_key(subscription_checkout, stripe_http, app_http):
    standin, _, checkout = subscription_checkout
    answer = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": checkout})
    assert answer == {"data": {"publishableKey": "pk_test_scripted", "savesCard": True, "paymentMethods": ["card"]}}


BAD_VERSIONS = ["abc", "1e3", "9" * 5000, "０１", "1\x00"]


@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_a_shopper_written_plan_version_gets_a_failure_not_a_crash(subscription_checkout, stripe_http, app_http, version):
    standin, _, checkout = subscription_checkout
    (line,) = standin.checkouts[checkout["id"]]["lines"]
    line["metadata"]["subscription.plan_version"] = version  # Saleor lets the shopper write checkout-line metadata
    checkout = standin.checkout_view(standin.checkouts[checkout["id"]])
    gateway = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": checkout})
    assert gateway["data"]["paymentMethods"] == []  # no plan of this shop: nothing can pay for it
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout))
    assert answer["result"] == "CHARGE_FAILURE" and "is not offered" in answer["message"]
    assert stripe_http.requests == []


@pytest.mark.parametrize("data", ["card", [], 5, {"paymentMethod": ["card"]}])
def test_payment_data_that_is_not_an_object_gets_a_failure_not_a_crash(subscription_checkout, stripe_http, app_http, data):
    standin, _, checkout = subscription_checkout
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout) | {"data": data})
    assert answer["result"] == "CHARGE_FAILURE"
    assert answer["message"] == 'The payment data must be null or an object like {"paymentMethod": "card"}.'
    assert stripe_http.requests == []
