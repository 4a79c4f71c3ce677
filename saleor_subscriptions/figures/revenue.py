"""What a subscription is worth a month (MRR), priced by the renewals' own pricing, and the channel's totals now.

MRR takes each subscription's coming regular delivery (after a trial: the first delivery past it; price
steps and quantity tiers as the plan says; a per-subscriber price or discount as set) and normalises it to a
month: ×1/N for every N months, ×52/12/N for every N weeks, ×365/12/N for every N days. %-off plans are
valued from the variant's list price as the last renewal read it (`VariantPrice`): no Saleor call here.
"""

import dataclasses
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ..core.money import quantize
from ..plans.pricing import PricingError, price_line
from ..plans.terms import IntervalUnit, Schedule
from ..renewals.lines import lines_of
from ..subscriptions.discounts import combined, discounted, retention_percent_off
from ..subscriptions.models import Subscription
from .models import SubscriptionFigure, VariantPrice

PLACES = Decimal("0.0001")
STATE = {Subscription.Status.TRIALING: SubscriptionFigure.State.TRIAL, Subscription.Status.ACTIVE: SubscriptionFigure.State.PAYING,
         Subscription.Status.PAST_DUE: SubscriptionFigure.State.PAYING, Subscription.Status.PAUSED: SubscriptionFigure.State.PAUSED,
         Subscription.Status.CANCELLED: SubscriptionFigure.State.ENDED, Subscription.Status.COMPLETED: SubscriptionFigure.State.ENDED}
ACTIVE = (SubscriptionFigure.State.TRIAL, SubscriptionFigure.State.PAYING)


def per_month(schedule: Schedule) -> Decimal:
    """How many deliveries a month holds on average."""
    per_unit = {IntervalUnit.MONTH: Decimal(1), IntervalUnit.WEEK: Decimal(52) / 12, IntervalUnit.DAY: Decimal(365) / 12}
    return per_unit[schedule.interval_unit] / schedule.interval_count


def list_prices(installation) -> dict[tuple[str, str], Decimal]:
    """{(channel, variant): list price} as renewals last read them."""
    return {(row.channel_slug, row.variant_id): row.amount for row in VariantPrice.objects.filter(installation=installation)}


@dataclasses.dataclass(frozen=True)
class Delivery:
    amount: Decimal  # what the delivery's lines charge
    undiscounted: Decimal  # before the subscriber's own discounts (a step-mail or cancellation offer, a staff price)


def delivery(subscription: Subscription, cycle: int, prices: dict) -> Delivery:
    """Delivery `cycle`'s lines priced as the renewal will price them; PricingError when a list price is unknown."""
    amount = undiscounted = Decimal(0)
    offered, currency = retention_percent_off(subscription, cycle), subscription.currency
    for line in lines_of(subscription):
        terms = line.plan_version.terms
        listed = prices.get((subscription.channel_slug, line.variant_id))
        regular = price_line(terms, currency=currency, quantity=line.quantity, delivery=cycle, list_price=listed).total
        if line.unit_price_override is not None:
            unit = quantize(line.unit_price_override, currency)
            amount += discounted(unit, offered, currency) * line.quantity
        else:
            amount += price_line(terms, currency=currency, quantity=line.quantity, delivery=cycle, list_price=listed,
                                 percent_off=combined(line.percent_off, offered)).total
        undiscounted += regular
    return Delivery(amount, undiscounted)


def value(subscription: Subscription, prices: dict) -> tuple[Decimal, Decimal, bool]:
    """(MRR, a month's discounts, priced): the coming regular delivery a month's worth; (0, 0, False) when unpriceable."""
    lines = lines_of(subscription)
    if not lines:
        return Decimal(0), Decimal(0), True
    terms = lines[0].plan_version.terms
    cycle = subscription.deliveries + 1
    if terms.trial:
        cycle = max(cycle, terms.trial.deliveries + 1)
    try:
        coming = delivery(subscription, cycle, prices)
    except PricingError:
        return Decimal(0), Decimal(0), False
    factor = per_month(terms.schedule)
    return ((coming.amount * factor).quantize(PLACES), (max(coming.undiscounted - coming.amount, Decimal(0)) * factor).quantize(PLACES),
            True)


@dataclasses.dataclass(frozen=True)
class Current:
    currency: str
    active: int
    subscribers: int
    paused: int
    mrr: Decimal
    trial_mrr: Decimal
    discount_mrr: Decimal
    unpriced: int

    @property
    def arr(self) -> Decimal:
        return self.mrr * 12


def current(installation, channel: str, currency: str) -> Current:
    """The channel's figures as of the last refresh (one indexed aggregate over `SubscriptionFigure`)."""
    rows = SubscriptionFigure.objects.filter(installation=installation, channel_slug=channel, state__in=(*ACTIVE, "paused"))
    paying, trial = Q(state=SubscriptionFigure.State.PAYING), Q(state=SubscriptionFigure.State.TRIAL)
    totals = rows.aggregate(active=Count("pk", filter=paying | trial), paused=Count("pk", filter=Q(state="paused")),
                            subscribers=Count("customer_id", filter=paying | trial, distinct=True),
                            paying_mrr=Sum("mrr", filter=paying), trial_mrr=Sum("mrr", filter=trial),
                            discount_mrr=Sum("discount", filter=paying), unpriced=Count("pk", filter=Q(priced=False)))
    totals["mrr"] = totals.pop("paying_mrr")
    money = {name: quantize(totals[name] or Decimal(0), currency) for name in ("mrr", "trial_mrr", "discount_mrr")}
    return Current(currency, totals["active"], totals["subscribers"], totals["paused"], unpriced=totals["unpriced"], **money)
