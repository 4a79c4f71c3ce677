"""Revenue to come: each subscription's next deliveries within `AHEAD` days, priced as renewals will price them.

The schedule decides the dates (next renewal date, then the plan's slots with the shop's closed days), the
pricing code the amounts (trial → regular, price steps, tiers, discounts still running); a billing limit
ends the list, a cancellation at period end or a pause without an end date empties it, a pause with an end
date starts it at the first slot from that day. Amounts are the lines' total, before shipping and taxes.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from ..core.money import quantize
from ..plans.pricing import PricingError
from ..renewals.lines import lines_of, terms_of
from ..subscriptions.calendar import slot_date
from ..subscriptions.models import Subscription
from .models import FigureForecast
from .revenue import delivery

AHEAD = 120  # days written ahead; the figures look at most `HORIZONS[-1]` ahead, so a row lasts 30 days
HORIZONS = (30, 60, 90)
SLOTS = 400  # a daily plan over AHEAD days, with room for skips


def coming(subscription: Subscription, today: datetime.date, prices: dict) -> list[tuple[datetime.date, Decimal]]:
    """(date, amount) of the deliveries from today to today + AHEAD."""
    status = subscription.status
    if subscription.cancel_at_period_end or status not in (Subscription.Status.TRIALING, Subscription.Status.ACTIVE,
                                                           Subscription.Status.PAST_DUE, Subscription.Status.PAUSED):
        return []
    if (status == Subscription.Status.PAUSED and subscription.paused_until is None) or not lines_of(subscription):
        return []
    terms, until = terms_of(subscription), today + datetime.timedelta(days=AHEAD)
    slot, cycle = subscription.deliveries + 1 + subscription.skipped, subscription.deliveries + 1
    on = subscription.next_renewal_on if status != Subscription.Status.PAUSED else None
    if on is None:
        on = slot_date(subscription, slot, terms)
    resumes = subscription.paused_until if status == Subscription.Status.PAUSED else None
    found = []
    for _ in range(SLOTS):
        if on > until or (terms.billing_limit and cycle > terms.billing_limit):
            break
        if resumes is None or on >= resumes:
            try:  # a renewal overdue is made as soon as the workers catch up: today
                found.append((max(on, today), delivery(subscription, cycle, prices).amount))
            except PricingError:
                break  # a %-off plan whose list price no renewal has read yet: nothing to forecast
            cycle += 1
        slot += 1
        on = slot_date(subscription, slot, terms)
    return found


@dataclasses.dataclass(frozen=True)
class Horizon:
    days: int
    renewals: int
    amount: Decimal


def horizons(installation, channel: str, currency: str, today: datetime.date) -> list[Horizon]:
    """Deliveries and their amounts in the N days from today (today included), for N in HORIZONS."""
    rows = FigureForecast.objects.filter(installation=installation, channel_slug=channel, on__gte=today,
                                         on__lt=today + datetime.timedelta(days=HORIZONS[-1]))
    per_day = {row["on"]: row for row in rows.values("on").annotate(renewals=Count("pk"), amount=Sum("amount"))}
    result = []
    for days in HORIZONS:
        within = [row for on, row in per_day.items() if on < today + datetime.timedelta(days=days)]
        result.append(Horizon(days, sum(row["renewals"] for row in within),
                              quantize(sum((row["amount"] for row in within), Decimal(0)), currency)))
    return result
