"""Charging a saved card without the customer present: the one function renewals call."""

import dataclasses
import logging
from decimal import Decimal

import stripe

from . import stripe_api
from .declines import Outcome, classify
from .stripe_api import from_minor_units, to_minor_units

logger = logging.getLogger(__name__)


class ChargeUnavailable(Exception):
    """Stripe could not be reached or asked us to slow down: retry later with the same key."""


@dataclasses.dataclass(frozen=True)
class ChargeResult:
    outcome: Outcome
    payment_intent_id: str | None
    amount: Decimal
    currency: str
    decline_code: str | None = None
    message: str = ""
    replayed: bool = False  # Stripe answered from its idempotency cache


def charge_off_session(*, customer_id: str, payment_method_id: str, amount: Decimal, currency: str,
                       idempotency_key: str, metadata: dict[str, str], description: str = "",
                       client: stripe.StripeClient | None = None) -> ChargeResult:
    """Create and confirm an off-session PaymentIntent.

    `idempotency_key` must be the same for every attempt at the same charge (one per renewal
    attempt): a retry after a crash or timeout then returns the first result instead of charging
    twice.
    """
    client = client or stripe_api.stripe_client()
    params = {
        "amount": to_minor_units(amount, currency),
        "currency": currency.lower(),
        "customer": customer_id,
        "payment_method": payment_method_id,
        "off_session": True,
        "confirm": True,
        "metadata": metadata,
    }
    if description:
        params["description"] = description
    try:
        intent = client.v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key})
    except stripe.CardError as exc:
        error = exc.error
        intent_id = error.payment_intent.id if getattr(error, "payment_intent", None) else None
        decline_code = getattr(error, "decline_code", None)
        outcome = classify(error.code, decline_code)
        logger.info("off-session charge declined: %s/%s → %s", error.code, decline_code, outcome)
        return ChargeResult(outcome, intent_id, amount, currency.upper(),
                            decline_code=decline_code or error.code, message=error.message or "")
    except (stripe.RateLimitError, stripe.APIConnectionError) as exc:
        raise ChargeUnavailable(str(exc)) from exc
    except stripe.APIError as exc:
        if (exc.http_status or 500) >= 500:
            raise ChargeUnavailable(str(exc)) from exc
        raise
    replayed = (intent.last_response.headers.get("idempotent-replayed") == "true") if intent.last_response else False
    charged = from_minor_units(intent.amount, intent.currency)
    if intent.status == "succeeded":
        return ChargeResult(Outcome.SUCCEEDED, intent.id, charged, intent.currency.upper(), replayed=replayed)
    if intent.status == "requires_action":
        return ChargeResult(Outcome.NEEDS_CUSTOMER_ACTION, intent.id, charged, intent.currency.upper(),
                            decline_code="authentication_required", replayed=replayed)
    error = intent.last_payment_error  # a Stripe object: absent fields raise, hence getattr with a default
    code, decline_code = getattr(error, "code", None), getattr(error, "decline_code", None)
    return ChargeResult(classify(code, decline_code), intent.id, charged, intent.currency.upper(),
                        decline_code=decline_code or code, message=getattr(error, "message", None) or intent.status,
                        replayed=replayed)
