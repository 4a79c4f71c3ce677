"""Movements per day, week (from Monday) or month: new, churned both ways, paused, reactivated, and MRR moved.

Added up from the `FigureDay` rows (one per channel, day, kind and reason) with one GROUP BY; the active count
at each period's start is their running sum, so churn rate = churned (voluntary + involuntary) / active at the start.
"""

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Trunc

from ..core.money import quantize
from .models import FigureDay

Kind = FigureDay.Kind
PERIODS = ("day", "week", "month")
ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # the last day, inclusive (cut to the range asked)
    active_at_start: int
    new: int
    churned_voluntary: int
    churned_involuntary: int
    completed: int
    paused: int
    reactivated: int
    mrr_new: Decimal
    mrr_expansion: Decimal
    mrr_contraction: Decimal  # amounts lost are positive
    mrr_churn: Decimal

    @property
    def churn_rate(self) -> float | None:
        churned = self.churned_voluntary + self.churned_involuntary
        return round(churned / self.active_at_start, 4) if self.active_at_start else None

    @property
    def mrr_net(self) -> Decimal:
        return self.mrr_new + self.mrr_expansion - self.mrr_contraction - self.mrr_churn


def period_start(day: datetime.date, period: str) -> datetime.date:
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1) if period == "month" else day


def _next(start: datetime.date, period: str) -> datetime.date:
    if period == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start + datetime.timedelta(days=7 if period == "week" else 1)


def periods(installation, channel: str, currency: str, first: datetime.date, last: datetime.date, period: str) -> list[Period]:
    """One row per period touching [first, last]; only movements within [first, last] count."""
    days = FigureDay.objects.filter(installation=installation, channel_slug=channel)
    active = days.filter(on__lt=first).aggregate(counted=Sum("active"))["counted"] or 0
    sums = defaultdict(lambda: {"n": 0, "mrr": ZERO, "active": 0})
    rows = (days.filter(on__gte=first, on__lte=last).annotate(period=Trunc("on", period))
            .values("period", "kind").annotate(n=Sum("subscriptions"), moved=Sum("mrr"), counted=Sum("active")))
    for row in rows:
        start = row["period"]
        start = start.date() if isinstance(start, datetime.datetime) else start
        sums[(start, row["kind"])] = {"n": row["n"], "mrr": row["moved"] or ZERO, "active": row["counted"] or 0}
    result, start = [], period_start(first, period)
    while start <= last:
        def n(kind):
            return sums[(start, kind)]["n"]

        def mrr(*kinds):
            return quantize(abs(sum((sums[(start, kind)]["mrr"] for kind in kinds), ZERO)), currency)

        # expansion and contraction are each the sum of their rows' changes; resumed and paused values join them
        result.append(Period(
            start=max(start, first), end=min(_next(start, period) - datetime.timedelta(days=1), last), active_at_start=active,
            new=n(Kind.NEW), churned_voluntary=n(Kind.CHURNED_VOLUNTARY), churned_involuntary=n(Kind.CHURNED_INVOLUNTARY),
            completed=n(Kind.COMPLETED), paused=n(Kind.PAUSED), reactivated=n(Kind.REACTIVATED),
            mrr_new=mrr(Kind.NEW, Kind.CONVERTED), mrr_expansion=mrr(Kind.EXPANSION, Kind.REACTIVATED),
            mrr_contraction=mrr(Kind.CONTRACTION, Kind.PAUSED),
            mrr_churn=mrr(Kind.CHURNED_VOLUNTARY, Kind.CHURNED_INVOLUNTARY, Kind.COMPLETED)))
        active += sum(sums[(start, kind)]["active"] for kind in Kind.values)
        start = _next(start, period)
    return result


def churn_reasons(installation, channel: str, first: datetime.date, last: datetime.date) -> list[tuple[str, int]]:
    """(reason code, voluntary churns) over the range, most first; "" for churns with no reason given."""
    rows = (FigureDay.objects.filter(installation=installation, channel_slug=channel, kind=Kind.CHURNED_VOLUNTARY,
                                     on__gte=first, on__lte=last)
            .values("reason").annotate(n=Sum("subscriptions")).order_by("-n", "reason"))
    return [(row["reason"], row["n"]) for row in rows]
