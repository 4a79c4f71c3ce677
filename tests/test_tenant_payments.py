"""Two shops on one Stripe account: a signed request of one never touches the other's payments."""

import datetime
import json

import pytest

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.payments.models import PaymentInstructions
from saleor_subscriptions.subscriptions.models import Renewal

from .conftest import MANIFEST_URL
from .saleor_standin.standin import SaleorStandin
from .saleor_standin.transport import serve
from .stripe_scripted import stripe_object
from .test_stripe_webhooks import SECRET, post, signed
from .test_gateway import requested, session_fields, subscription_checkout  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
REQUESTS = [("TRANSACTION_REFUND_REQUESTED", "REFUND_FAILURE"), ("TRANSACTION_CANCELATION_REQUESTED", "CANCEL_FAILURE"),
            ("TRANSACTION_CHARGE_REQUESTED", "CHARGE_FAILURE")]


@pytest.fixture
def other_shop(installed, app_http, allow_saleor):
    """Installation B: another Saleor, installed into the same deployment (same Stripe account)."""
    with serve(SaleorStandin) as other:
        allow_saleor(other.api_url)
        other.install(app_http, MANIFEST_URL)
        other.add_channel("jp", "JPY")
        yield other


@pytest.fixture
def intent_of_a(subscription_checkout, stripe_http, app_http):
    """A PaymentIntent made by A's checkout, as Stripe then holds it (with the metadata A's request wrote)."""
    standin, _, checkout = subscription_checkout
    stripe_http.answer(200, stripe_object("customer", id="cus_hanako"))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_a", amount=980, currency="jpy", status="requires_payment_method"))
    assert standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout))["pspReference"] == "pi_a"
    sent = stripe_http.requests[-1].params
    metadata = {key[9:-1]: value for key, value in sent.items() if key.startswith("metadata[")}
    return stripe_object("payment_intent", id="pi_a", amount=980, currency="jpy", status="requires_capture",
                         customer="cus_hanako", metadata=metadata)


def test_another_shop_cannot_refund_cancel_capture_or_claim_a_payment(intent_of_a, other_shop, stripe_http, app_http):
    asked = len(stripe_http.requests)
    for event, failure in REQUESTS:
        stripe_http.answer(200, intent_of_a)  # what Stripe says when the app looks the intent up
        answer = other_shop.sync(app_http, event, requested("980", psp_reference="pi_a"))
        assert answer["result"] == failure
        assert "not a Stripe payment of this shop" in answer["message"]
    stripe_http.answer(200, intent_of_a)
    checkout = other_shop.checkout_view(other_shop.add_checkout("jp"))
    answer = other_shop.sync(app_http, "TRANSACTION_PROCESS_SESSION", session_fields(checkout, psp_reference="pi_a"))
    assert answer["result"] == "CHARGE_FAILURE"  # B's checkout is not paid with A's money
    assert [(r.method, r.path) for r in stripe_http.requests[asked:]] == [("get", "v1/payment_intents/pi_a")] * 4


def test_the_owner_still_refunds_cancels_and_captures(intent_of_a, subscription_checkout, other_shop, stripe_http, app_http):
    standin_a = subscription_checkout[0]
    stripe_http.answer(200, intent_of_a).answer(200, stripe_object("payment_intent", id="pi_a", status="succeeded"))
    assert standin_a.sync(app_http, "TRANSACTION_CHARGE_REQUESTED", requested("980", "pi_a"))["result"] == "CHARGE_SUCCESS"
    stripe_http.answer(200, intent_of_a).answer(200, stripe_object("refund", id="re_a", amount=980, currency="jpy", status="succeeded"))
    assert standin_a.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("980", "pi_a"))["result"] == "REFUND_SUCCESS"
    stripe_http.answer(200, intent_of_a).answer(200, stripe_object("payment_intent", id="pi_a", status="canceled"))
    assert standin_a.sync(app_http, "TRANSACTION_CANCELATION_REQUESTED", requested("980", "pi_a"))["result"] == "CANCEL_SUCCESS"
    assert [r.path for r in stripe_http.requests[-6:]] == [
        "v1/payment_intents/pi_a", "v1/payment_intents/pi_a/capture", "v1/payment_intents/pi_a", "v1/refunds",
        "v1/payment_intents/pi_a", "v1/payment_intents/pi_a/cancel"]


def test_a_renewal_charge_is_known_by_our_records_not_only_by_its_metadata(subscribed, other_shop, stripe_http, app_http):
    standin_a, _, subscription, _ = subscribed
    Renewal.objects.create(subscription=subscription, cycle=2, scheduled_for=datetime.date(2027, 2, 28),
                           state=Renewal.State.DONE, payment_intent_id="pi_renewal")
    renewal_intent = stripe_object("payment_intent", id="pi_renewal", amount=6500, currency="jpy", status="succeeded",
                                   metadata={"subscription": str(subscription.pk), "cycle": "2"})
    stripe_http.answer(200, renewal_intent)
    assert other_shop.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("6500", "pi_renewal"))["result"] == "REFUND_FAILURE"
    stripe_http.answer(200, renewal_intent).answer(200, stripe_object("refund", id="re_r", amount=6500, currency="jpy", status="succeeded"))
    assert standin_a.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("6500", "pi_renewal"))["result"] == "REFUND_SUCCESS"
    assert [r.method for r in stripe_http.requests] == ["get", "get", "post"]


def test_an_intent_whose_records_and_metadata_disagree_is_nobodys(subscribed, other_shop, stripe_http, app_http):
    standin_a, _, subscription, _ = subscribed
    Renewal.objects.create(subscription=subscription, cycle=2, scheduled_for=datetime.date(2027, 2, 28), payment_intent_id="pi_x")
    # metadata naming B on an intent our records give to A: neither shop may act on it
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_x", status="succeeded", metadata={"saleor_api_url": other_shop.api_url}))
    assert other_shop.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("6500", "pi_x"))["result"] == "REFUND_FAILURE"
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_x", status="succeeded", metadata={"saleor_api_url": other_shop.api_url}))
    assert standin_a.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("6500", "pi_x"))["result"] == "REFUND_FAILURE"
    assert [r.method for r in stripe_http.requests] == ["get", "get"]


def test_a_reference_that_is_no_payment_intent_never_reaches_stripe(installed, stripe_http, app_http):
    standin, _, _ = installed
    for reference in ("cod:VHJhbnNhY3Rpb25JdGVtOjE=", "pi_a/../../customers", ""):
        answer = standin.sync(app_http, "TRANSACTION_REFUND_REQUESTED", requested("980", reference))
        assert answer["result"] == "REFUND_FAILURE"
    assert stripe_http.requests == []


def test_konbini_numbers_of_one_shop_are_not_overwritten_by_another(shop, other_shop, fake_stripe, app_http):
    standin_a, installation_a, _ = shop
    checkout = standin_a.checkout_view(standin_a.add_checkout("jp", user={"id": "VXNlcjo0Ng==", "email": "hanako@example.jp"}))
    installation_a.payment_methods = {"jp": ["card", "konbini"]}
    installation_a.save()
    fields = session_fields(checkout) | {"data": {"paymentMethod": "konbini"}}
    assert standin_a.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", fields)["result"] == "CHARGE_REQUEST"
    installation_b = Installation.objects.get(saleor_api_url=other_shop.api_url)
    installation_b.payment_methods = {"jp": ["card", "konbini"]}
    installation_b.save()
    other_checkout = other_shop.checkout_view(other_shop.add_checkout("jp", user={"id": "VXNlcjo5", "email": "b@example.jp"}))
    # B's Saleor names A's transaction id
    fields = session_fields(other_checkout) | {"data": {"paymentMethod": "konbini"}}
    answer = other_shop.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", fields)
    assert answer["result"] == "CHARGE_FAILURE"
    (instructions,) = installation_a.payment_instructions.all()
    assert instructions.payment_intent_id == fake_stripe.konbini[0]["id"]
    assert len(fake_stripe.konbini) == 1


def test_a_stripe_event_acts_only_for_the_shop_that_owns_the_intent(installed, other_shop, client, settings):
    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_SECRET_KEY = SECRET, "sk_test_123"
    standin_a, _, installation_a = installed
    standin_a.add_channel("jp", "JPY")
    transaction_a = standin_a.add_transaction(standin_a.add_order("jp", 6000), "pi_konbini")
    PaymentInstructions.objects.create(
        installation=installation_a, saleor_transaction_id=transaction_a["id"], method="konbini", payment_intent_id="pi_konbini",
        amount=6000, currency="JPY", stores={}, voucher_url="https://payments.stripe.com/konbini/voucher/x",
        expires_at=datetime.datetime(2027, 3, 3, tzinfo=datetime.UTC))
    # an intent A's records hold, whose metadata names B: reported to neither Saleor
    intent = stripe_object("payment_intent", id="pi_konbini", amount=6000, currency="jpy", payment_method_types=["konbini"],
                           metadata={"saleor_api_url": other_shop.api_url})
    body = json.dumps(stripe_object("event", id="evt_x", type="payment_intent.succeeded", data={"object": intent})).encode()
    assert post(client, body, signed(body)).json() == {"status": "ignored"}
    reports = [r for saleor in (standin_a, other_shop) for r in saleor.received if r.operation_name == "TransactionEventReport"]
    assert reports == [] and "events" not in transaction_a
