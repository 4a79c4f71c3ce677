"""A subscription's temporary discount: a percent-off cancellation offer it accepted, on its next M deliveries.

The discounted deliveries are fixed when the offer is accepted (delivery numbers, which skips never
use up), so a renewal priced twice — a crash, a retry, the bulk path falling back to a draft —
prices the same, and nothing has to be counted down in the same transaction as the order.
"""

from decimal import Decimal

from ..core.money import quantize
from .models import CancellationAttempt

HUNDRED = Decimal(100)


def retention_discount(subscription, cycle: int) -> CancellationAttempt | None:
    """The accepted percent-off offer that covers delivery `cycle` (the latest accepted, if several)."""
    accepted = getattr(subscription, "accepted_percent_off", None)  # read with the lines by a renewal
    if accepted is None:
        accepted = accepted_percent_off(subscription.pk).filter(discount_first_cycle__lte=cycle)
    return next((attempt for attempt in accepted
                 if attempt.discount_first_cycle <= cycle < attempt.discount_first_cycle + attempt.offer["deliveries"]), None)


ACCEPTED_PERCENT_OFF = {"outcome": CancellationAttempt.Outcome.SAVED, "offer_kind": "percent_off"}  # what an offer has


def accepted_percent_off(subscription_id: int):
    """The subscription's accepted percent-off offers, the latest first (a renewal reads them all at once: `lines`)."""
    return CancellationAttempt.objects.filter(subscription_id=subscription_id, **ACCEPTED_PERCENT_OFF).order_by("-decided_at", "-pk")


def retention_percent_off(subscription, cycle: int) -> Decimal | None:
    """The percentage taken off every line of delivery `cycle`; None when no offer covers it."""
    attempt = retention_discount(subscription, cycle)
    return Decimal(attempt.offer["percent"]) if attempt else None


def combined(*percents: Decimal | None) -> Decimal | None:
    """Discounts taken one after the other, as one percentage (10 % then 20 % = 28 %)."""
    kept, any_given = HUNDRED, False
    for percent in percents:
        if percent:
            kept, any_given = kept * (HUNDRED - percent) / HUNDRED, True
    return HUNDRED - kept if any_given else None


def discounted(amount: Decimal, percent: Decimal | None, currency: str) -> Decimal:
    return quantize(amount * (HUNDRED - percent) / HUNDRED, currency) if percent else amount


def describe(subscription, cycle: int) -> str:
    """For the renewal order's metadata (staff read it in the Dashboard); empty without a discount."""
    attempt = retention_discount(subscription, cycle)
    if attempt is None:
        return ""
    number = cycle - attempt.discount_first_cycle + 1
    return (f"{Decimal(attempt.offer['percent']).normalize():f}% off, delivery {number} of {attempt.offer['deliveries']} "
            f"(cancellation offer, reason {attempt.reason})")
