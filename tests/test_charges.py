"""Off-session renewal charges: minor units, idempotency, and what each decline means."""

from decimal import Decimal

import pytest
import stripe

from saleor_subscriptions.payments.charges import ChargeUnavailable, charge_off_session
from saleor_subscriptions.payments.declines import Outcome
from saleor_subscriptions.payments.stripe_api import from_minor_units, to_minor_units

from .stripe_scripted import ScriptedStripe, card_error, stripe_object

D = Decimal


@pytest.fixture
def scripted(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_scripted"
    settings.STRIPE_API_BASE = None
    http = ScriptedStripe()
    return http, stripe.StripeClient("sk_test_scripted", http_client=http, max_network_retries=0)


def charge(client, amount=D("6000"), currency="JPY", key="renewal-41-cycle-2-attempt-1"):
    return charge_off_session(customer_id="cus_1", payment_method_id="pm_1", amount=amount, currency=currency,
                              idempotency_key=key, metadata={"subscription": "41", "cycle": "2"}, client=client)


@pytest.mark.parametrize(("amount", "currency", "minor"), [
    (D("6000"), "JPY", 6000), (D("60.00"), "USD", 6000), (D("9.99"), "EUR", 999), (D("1500"), "KRW", 1500),
    (D("88.00"), "CNY", 8800), (D("300.00"), "TWD", 30000), (D("1.234"), "BHD", 1234),
])
def test_amounts_go_to_stripe_in_its_minor_units(amount, currency, minor):
    assert to_minor_units(amount, currency) == minor
    assert from_minor_units(minor, currency) == amount


def test_a_successful_charge_sends_yen_whole_and_the_idempotency_key(scripted):
    http, client = scripted
    http.answer(200, stripe_object("payment_intent", id="pi_ok", amount=6000, currency="jpy", status="succeeded"))
    result = charge(client)
    assert (result.outcome, result.payment_intent_id, result.amount, result.currency) == (Outcome.SUCCEEDED, "pi_ok", D("6000"), "JPY")
    (request,) = http.requests
    assert request.path == "v1/payment_intents"
    assert request.headers["Idempotency-Key"] == "renewal-41-cycle-2-attempt-1"
    assert {k: request.params[k] for k in ("amount", "currency", "off_session", "confirm", "customer", "payment_method")} == {
        "amount": "6000", "currency": "jpy", "off_session": "true", "confirm": "true", "customer": "cus_1", "payment_method": "pm_1"}
    assert request.params["metadata[subscription]"] == "41"


def test_an_idempotent_replay_returns_the_first_charge(scripted):
    http, client = scripted
    intent = stripe_object("payment_intent", id="pi_once", amount=6000, currency="jpy", status="succeeded")
    http.answer(200, intent).answer(200, intent, **{"Idempotent-Replayed": "true"})
    first, second = charge(client), charge(client)
    assert first.payment_intent_id == second.payment_intent_id == "pi_once"
    assert (first.replayed, second.replayed) == (False, True)
    assert [r.headers["Idempotency-Key"] for r in http.requests] == ["renewal-41-cycle-2-attempt-1"] * 2


@pytest.mark.parametrize(
    ("code", "decline_code", "outcome"),
    [
        ("card_declined", "insufficient_funds", Outcome.RETRYABLE),
        ("card_declined", "generic_decline", Outcome.RETRYABLE),
        ("processing_error", None, Outcome.RETRYABLE),
        ("expired_card", None, Outcome.NEEDS_CUSTOMER_ACTION),
        ("card_declined", "stolen_card", Outcome.FINAL),
        ("card_declined", "lost_card", Outcome.FINAL),
        ("card_declined", "do_not_honor", Outcome.RETRYABLE),
    ],
)
def test_declines_are_classified(scripted, code, decline_code, outcome):
    http, client = scripted
    failed = stripe_object("payment_intent", id="pi_declined", status="requires_payment_method")
    http.answer(402, card_error(code, decline_code=decline_code, payment_intent=failed))
    result = charge(client)
    assert (result.outcome, result.payment_intent_id) == (outcome, "pi_declined")
    assert result.decline_code == (decline_code or code)


def test_authentication_required_points_at_the_intent_for_the_customer(scripted):
    http, client = scripted
    intent = stripe_object("payment_intent", id="pi_3ds", status="requires_payment_method")
    http.answer(402, card_error("authentication_required", decline_code="authentication_required",
                                message="Your card requires authentication.", payment_intent=intent))
    result = charge(client)
    assert (result.outcome, result.payment_intent_id, result.decline_code) == (
        Outcome.NEEDS_CUSTOMER_ACTION, "pi_3ds", "authentication_required")


@pytest.mark.parametrize("status", [429, 500, 503])
def test_stripe_unavailable_is_retried_later_with_the_same_key(scripted, status):
    http, client = scripted
    http.answer(status, {"error": {"type": "api_error", "message": "Try again."}})
    with pytest.raises(ChargeUnavailable):
        charge(client)
