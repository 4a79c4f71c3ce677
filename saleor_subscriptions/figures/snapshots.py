"""Keep the figures' tables up to date: read the subscriptions saved since the last run, write what changed.

Each subscription's state and monthly value are compared with what it last counted as
(`SubscriptionFigure`); a difference becomes one or two `FigureMovement` rows, dated the day it happened
in the shop's time zone (started_on for a start, ended_at for an end, else the day it was saved). Runs
on beat (`tasks.refresh_figures`) and before the staff API answers, so the figures are current; comparing
states makes a repeated or overlapping run write nothing twice.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..renewals.lines import prefetch
from ..subscriptions.models import CancellationAttempt, Renewal, Subscription
from . import forecast
from .models import FigureCursor, FigureForecast, FigureMovement, SubscriptionFigure
from .revenue import STATE, list_prices, value

BATCH = 1000
OVERLAP = datetime.timedelta(minutes=10)  # a save committed late carries an earlier updated_at: read again
State, Kind = SubscriptionFigure.State, FigureMovement.Kind
ZERO = Decimal(0)


def refresh(installation, now: datetime.datetime | None = None) -> int:
    """Read what changed since the last run (and forecasts running short); how many subscriptions were read."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(installation.time_zone)
    today = now.astimezone(zone).date()
    with transaction.atomic():
        cursor, _ = FigureCursor.objects.get_or_create(installation=installation)
        cursor = FigureCursor.objects.select_for_update().get(pk=cursor.pk)  # one run per installation at a time
        changed = Subscription.objects.filter(installation=installation)
        if cursor.read_until:
            changed = changed.filter(updated_at__gte=cursor.read_until - OVERLAP)
        ids = set(changed.values_list("pk", flat=True))
        ids |= set(SubscriptionFigure.objects.filter(installation=installation, forecast_until__lt=today + datetime.timedelta(
            days=forecast.HORIZONS[-1])).exclude(state=State.ENDED).values_list("pk", flat=True))
        prices, latest = list_prices(installation), cursor.read_until
        ordered = sorted(ids)
        for start in range(0, len(ordered), BATCH):
            seen = _read(installation, ordered[start:start + BATCH], prices, today, zone)
            latest = max(filter(None, (latest, seen)), default=None)
        cursor.read_until = latest
        cursor.save()
    return len(ids)


def _read(installation, ids: list[int], prices: dict, today: datetime.date, zone) -> datetime.datetime | None:
    subscriptions = list(Subscription.objects.filter(pk__in=ids).select_related("installation"))
    prefetch(subscriptions)
    known = {figure.pk: figure for figure in SubscriptionFigure.objects.filter(pk__in=ids)}
    ended = [s.pk for s in subscriptions if STATE[s.status] == State.ENDED]
    failed = _ended_by_failed_payment(ended)
    reasons = dict(CancellationAttempt.objects.filter(subscription_id__in=ended, outcome=CancellationAttempt.Outcome.CANCELLED)
                   .order_by("subscription_id", "decided_at", "pk").values_list("subscription_id", "reason"))
    movements, figures = [], []
    for subscription in subscriptions:
        mrr, discount, priced = value(subscription, prices)
        figure = SubscriptionFigure(subscription=subscription, installation=installation, channel_slug=subscription.channel_slug,
                                    currency=subscription.currency, customer_id=subscription.customer_id,
                                    state=STATE[subscription.status], mrr=mrr, discount=discount, priced=priced,
                                    forecast_until=today + datetime.timedelta(days=forecast.AHEAD))
        end = (Kind.COMPLETED if subscription.status == Subscription.Status.COMPLETED else
               Kind.CHURNED_INVOLUNTARY if subscription.pk in failed else Kind.CHURNED_VOLUNTARY)
        movements += _movements(known.get(subscription.pk), figure, subscription, zone, end, reasons.get(subscription.pk, ""))
        figures.append(figure)
    FigureMovement.objects.bulk_create(movements)
    SubscriptionFigure.objects.filter(pk__in=ids).delete()
    SubscriptionFigure.objects.bulk_create(figures)
    FigureForecast.objects.filter(subscription_id__in=ids).delete()
    FigureForecast.objects.bulk_create(
        FigureForecast(installation=installation, subscription=subscription, channel_slug=subscription.channel_slug, on=on,
                       amount=amount)
        for subscription in subscriptions for on, amount in forecast.coming(subscription, today, prices))
    return max((s.updated_at for s in subscriptions), default=None)


def _ended_by_failed_payment(ids: list[int]) -> set[int]:
    """Cancelled subscriptions whose last delivery failed for good: dunning ended them, not the customer."""
    last = {}
    for subscription_id, state in (Renewal.objects.filter(subscription_id__in=ids).order_by("subscription_id", "cycle")
                                   .values_list("subscription_id", "state")):
        last[subscription_id] = state
    return {subscription_id for subscription_id, state in last.items() if state == Renewal.State.FAILED}


def _day(moment: datetime.datetime | None, zone, fallback: datetime.date) -> datetime.date:
    return moment.astimezone(zone).date() if moment else fallback


def _movements(before: SubscriptionFigure | None, after: SubscriptionFigure, subscription: Subscription, zone, end: str,
               reason: str) -> list[FigureMovement]:
    """The movements that take `before` (None: never counted) to `after`."""
    changed_on = _day(subscription.updated_at, zone, subscription.started_on)

    def move(kind, on, active=0, mrr=ZERO, reason=""):
        return FigureMovement(installation=after.installation, channel_slug=after.channel_slug, currency=after.currency,
                              subscription_id=subscription.pk, on=on, kind=kind, active=active, mrr=mrr, reason=reason)

    found = []
    if before is None:
        # first seen: it started; counted at its value now (or, once ended or paused, at its last value)
        paying = after.state != State.TRIAL
        found.append(move(Kind.NEW, subscription.started_on, 1, after.mrr if paying else ZERO))
        before = SubscriptionFigure(state=State.PAYING if paying else State.TRIAL, mrr=after.mrr)
    old_mrr = before.mrr if before.state == State.PAYING else ZERO
    new_mrr = after.mrr if after.state == State.PAYING else ZERO
    if before.state == after.state:
        if new_mrr != old_mrr:
            found.append(move(Kind.EXPANSION if new_mrr > old_mrr else Kind.CONTRACTION, changed_on, 0, new_mrr - old_mrr))
    elif after.state == State.ENDED:
        found.append(move(end, _day(subscription.ended_at, zone, changed_on), -1 if before.state != State.PAUSED else 0,
                          -old_mrr, reason if end == Kind.CHURNED_VOLUNTARY else ""))
    elif after.state == State.PAUSED:
        found.append(move(Kind.PAUSED, changed_on, -1 if before.state != State.ENDED else 0, -old_mrr))
    elif before.state in (State.PAUSED, State.ENDED):
        found.append(move(Kind.REACTIVATED, changed_on, 1, new_mrr))
    elif after.state == State.PAYING:  # trial → paying
        found.append(move(Kind.CONVERTED, changed_on, 0, new_mrr))
    else:  # paying → trial (a plan change back into a trial): its value leaves MRR for trial MRR
        found.append(move(Kind.CONTRACTION, changed_on, 0, -old_mrr))
    return found
