"""Charging a saved card without the customer present, at most once per renewal cycle.

Stripe keeps idempotency keys for about a day, so they cannot be what makes a charge happen once:
a cycle stuck longer (Saleor down over a weekend) would be charged again. Instead each cycle has
one PaymentIntent, created unconfirmed, recorded by the caller (committed) before it is confirmed,
and found again by that record or by its `renewal` metadata among the customer's intents. An
intent that succeeded or is processing is never confirmed again; a declined one is confirmed again
for the next attempt. A PaymentIntent succeeds at most once, so the cycle is charged at most once.
"""

import dataclasses
import logging
from collections.abc import Callable
from decimal import Decimal

import stripe

from .declines import Outcome, classify
from .stripe_api import PlainCalls, from_minor_units, to_minor_units

logger = logging.getLogger(__name__)
SETTLED = ("succeeded", "processing", "requires_capture")  # never confirmed again


class ChargeUnavailable(Exception):
    """Stripe could not be reached or asked us to slow down: retry later, the same intent is found again."""


@dataclasses.dataclass(frozen=True)
class ChargeResult:
    outcome: Outcome
    payment_intent_id: str | None
    amount: Decimal
    currency: str
    decline_code: str | None = None
    message: str = ""


def charge_once(*, key: str, customer_id: str, payment_method_id: str, amount: Decimal, currency: str,
                metadata: dict[str, str], attempt_key: str, known_intent_id: str = "", may_exist: bool = True,
                created_since: int = 0, on_intent: Callable[[str], None] = lambda intent_id: None,
                client: PlainCalls) -> ChargeResult:
    """Charge the cycle `key` (one off-session PaymentIntent) unless it was charged already.

    `known_intent_id`: the intent recorded for the cycle; without one and with `may_exist` (a crash
    may have come between creating one and recording it), the customer's intents from
    `created_since` (a Unix time) are looked through; `on_intent(id)`
    must commit the id before this confirms it; `attempt_key`: the idempotency key of this confirmation;
    `client`: the calls of the installation's account (`stripe_api.plain_calls(installation)`).
    """
    minor = to_minor_units(amount, currency)
    try:
        intent = None
        if known_intent_id:
            intent = client("get", f"/v1/payment_intents/{known_intent_id}")
        elif may_exist:
            intent = find_intent(client, customer_id, key, created_since)
        if intent is not None and intent["status"] in SETTLED:
            return result_of(intent)
        if intent is None or intent["status"] == "canceled":
            intent = client("post", "/v1/payment_intents", amount=minor, currency=currency.lower(),
                           customer=customer_id, payment_method=payment_method_id, metadata={**metadata, "renewal": key},
                           idempotency_key=f"{key}-intent" + (f"-after-{intent['id']}" if intent else ""))
        if intent["id"] != known_intent_id:
            on_intent(intent["id"])
        if intent["amount"] != minor:
            client("post", f"/v1/payment_intents/{intent['id']}", amount=minor)
        intent = client("post", f"/v1/payment_intents/{intent['id']}/confirm", payment_method=payment_method_id,
                       off_session=True, idempotency_key=attempt_key)
    except stripe.CardError as exc:
        return _declined(exc.error, amount, currency)
    except stripe.InvalidRequestError as exc:
        if exc.code != "payment_intent_unexpected_state" or intent is None:
            raise
        # confirmed meanwhile by another worker (its lease expired under it): Stripe's word is final
        return result_of(client("get", f"/v1/payment_intents/{intent['id']}"))
    except (stripe.RateLimitError, stripe.APIConnectionError) as exc:
        raise ChargeUnavailable(str(exc)) from exc
    except stripe.APIError as exc:
        if (exc.http_status or 500) >= 500:
            raise ChargeUnavailable(str(exc)) from exc
        raise
    return result_of(intent)


def find_intent(client: PlainCalls, customer_id: str, key: str, created_since: int) -> dict | None:
    """The cycle's intent among the customer's recent ones (listing is consistent, unlike search), if any."""
    params = {"customer": customer_id, "created": {"gte": created_since}, "limit": 100}
    while True:
        page = client("get", "/v1/payment_intents", **params)
        for intent in page["data"]:
            if (intent.get("metadata") or {}).get("renewal") == key and intent["status"] != "canceled":
                return intent
        if not page.get("has_more") or not page["data"]:
            return None
        params["starting_after"] = page["data"][-1]["id"]


def _declined(error, amount: Decimal, currency: str) -> ChargeResult:
    intent_id = error.payment_intent.id if getattr(error, "payment_intent", None) else None
    decline_code = getattr(error, "decline_code", None)
    outcome = classify(error.code, decline_code)
    logger.info("off-session charge declined: %s/%s → %s", error.code, decline_code, outcome)
    return ChargeResult(outcome, intent_id, amount, currency.upper(), decline_code=decline_code or error.code,
                        message=error.message or "")


def result_of(intent: dict) -> ChargeResult:
    """What an off-session PaymentIntent's status means for the cycle."""
    status, intent_id = intent["status"], intent["id"]
    charged, currency = from_minor_units(intent["amount"], intent["currency"]), intent["currency"].upper()
    if status == "succeeded":
        return ChargeResult(Outcome.SUCCEEDED, intent_id, charged, currency)
    if status in ("processing", "requires_capture", "requires_confirmation"):
        return ChargeResult(Outcome.PENDING, intent_id, charged, currency, message=status)
    if status == "requires_action":
        return ChargeResult(Outcome.NEEDS_CUSTOMER_ACTION, intent_id, charged, currency, decline_code="authentication_required")
    error = intent.get("last_payment_error") or {}
    code, decline_code = error.get("code"), error.get("decline_code")
    return ChargeResult(classify(code, decline_code), intent_id, charged, currency,
                        decline_code=decline_code or code, message=error.get("message") or status)
