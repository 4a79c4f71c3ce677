"""Off-session renewal charges: minor units, one intent per cycle recorded before it is confirmed, and what each decline means."""

from decimal import Decimal

import pytest
import stripe

from saleor_subscriptions.payments.charges import ChargeUnavailable, charge_once
from saleor_subscriptions.payments.declines import Outcome
from saleor_subscriptions.payments import stripe_api
from saleor_subscriptions.payments.stripe_api import from_minor_units, to_minor_units

from .stripe_scripted import ScriptedStripe, card_error, stripe_object

D = Decimal


@pytest.fixture
def scripted(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_scripted"
    settings.STRIPE_API_BASE = None
    http = ScriptedStripe()
    return http, stripe_api.plain_calls(None, http)


def charge(client, amount=D("6000"), currency="JPY", known="pi_1", recorded=None):
    return charge_once(key="sub-1-41-2", customer_id="cus_1", payment_method_id="pm_1", amount=amount, currency=currency,
                       attempt_key="sub-1-41-2-attempt-1", known_intent_id=known, metadata={"subscription": "41", "cycle": "2"},
                       on_intent=[].append if recorded is None else recorded.append, client=client)


def unconfirmed(**fields):
    return stripe_object("payment_intent", **{"id": "pi_1", "amount": 6000, "currency": "jpy", "status": "requires_confirmation",
                                              "metadata": {"renewal": "sub-1-41-2"}, **fields})


@pytest.mark.parametrize(("amount", "currency", "minor"), [
    (D("6000"), "JPY", 6000), (D("60.00"), "USD", 6000), (D("9.99"), "EUR", 999), (D("1500"), "KRW", 1500),
    (D("88.00"), "CNY", 8800), (D("300.00"), "TWD", 30000), (D("1.234"), "BHD", 1234),
])
def test_amounts_go_to_stripe_in_its_minor_units(amount, currency, minor):
    assert to_minor_units(amount, currency) == minor
    assert from_minor_units(minor, currency) == amount


def test_a_new_cycle_records_its_intent_before_confirming_it_off_session(scripted):
    http, client = scripted
    recorded = []
    http.answer(200, {"object": "list", "url": "/v1/payment_intents", "has_more": False, "data": []})
    http.answer(200, unconfirmed(id="pi_new"))
    http.answer(200, unconfirmed(id="pi_new", status="succeeded"))
    result = charge(client, known="", recorded=recorded)
    assert (result.outcome, result.payment_intent_id, result.amount, result.currency) == (Outcome.SUCCEEDED, "pi_new", D("6000"), "JPY")
    assert recorded == ["pi_new"]
    listing, create, confirm = http.requests
    assert (listing.path, listing.params["customer"]) == ("v1/payment_intents", "cus_1")
    assert {k: create.params[k] for k in ("amount", "currency", "customer", "payment_method", "metadata[renewal]")} == {
        "amount": "6000", "currency": "jpy", "customer": "cus_1", "payment_method": "pm_1", "metadata[renewal]": "sub-1-41-2"}
    assert "confirm" not in create.params  # confirmed only once recorded
    assert (confirm.path, confirm.params["off_session"], confirm.headers["Idempotency-Key"]) == (
        "v1/payment_intents/pi_new/confirm", "true", "sub-1-41-2-attempt-1")
    assert (listing.params["created[gte]"], create.headers["Idempotency-Key"]) == ("0", "sub-1-41-2-intent")
    # as stripe-python sends them: the key, and the API version the library speaks
    assert {(r.headers["Authorization"], r.headers["Stripe-Version"]) for r in http.requests} == {
        ("Bearer sk_test_scripted", stripe.api_version)}


def test_an_intent_made_by_a_crashed_attempt_is_found_by_its_metadata_not_made_twice(scripted):
    http, client = scripted
    recorded = []
    other = unconfirmed(id="pi_other", metadata={"renewal": "sub-1-41-1"}, status="succeeded")
    http.answer(200, {"object": "list", "url": "/v1/payment_intents", "has_more": False, "data": [other, unconfirmed(id="pi_mine")]})
    http.answer(200, unconfirmed(id="pi_mine", status="succeeded"))
    assert charge(client, known="", recorded=recorded).payment_intent_id == "pi_mine"
    assert recorded == ["pi_mine"] and [r.path for r in http.requests] == ["v1/payment_intents", "v1/payment_intents/pi_mine/confirm"]


@pytest.mark.parametrize("status", ["succeeded", "processing"])
def test_a_recorded_intent_that_succeeded_or_is_processing_is_never_confirmed_again(scripted, status):
    http, client = scripted
    http.answer(200, unconfirmed(status=status))
    result = charge(client)
    assert result.outcome == (Outcome.SUCCEEDED if status == "succeeded" else Outcome.PENDING)
    assert [r.path for r in http.requests] == ["v1/payment_intents/pi_1"]


def test_a_confirmation_racing_another_worker_takes_stripes_word(scripted):
    http, client = scripted
    http.answer(200, unconfirmed(status="requires_payment_method"))
    http.answer(400, {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                                "message": "This PaymentIntent's status is succeeded."}})
    http.answer(200, unconfirmed(status="succeeded"))
    assert charge(client).outcome == Outcome.SUCCEEDED


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
    failed = unconfirmed(status="requires_payment_method")
    http.answer(200, failed).answer(402, card_error(code, decline_code=decline_code, payment_intent=failed))
    result = charge(client)
    assert (result.outcome, result.payment_intent_id) == (outcome, "pi_1")
    assert result.decline_code == (decline_code or code)


def test_authentication_required_points_at_the_intent_for_the_customer(scripted):
    http, client = scripted
    intent = unconfirmed(id="pi_3ds", status="requires_payment_method")
    http.answer(200, intent).answer(402, card_error("authentication_required", decline_code="authentication_required",
                                message="Your card requires authentication.", payment_intent=intent))
    result = charge(client, known="pi_3ds")
    assert (result.outcome, result.payment_intent_id, result.decline_code) == (
        Outcome.NEEDS_CUSTOMER_ACTION, "pi_3ds", "authentication_required")


@pytest.mark.parametrize("status", [429, 500, 503])
def test_stripe_unavailable_is_retried_later(scripted, status):
    http, client = scripted
    http.answer(status, {"error": {"type": "api_error", "message": "Try again."}})
    with pytest.raises(ChargeUnavailable):
        charge(client)
