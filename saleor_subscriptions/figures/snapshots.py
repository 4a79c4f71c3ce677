"""Keep the figures' tables up to date: read the subscriptions saved since the last run, write what changed.

Each subscription's state and monthly value are compared with what it last counted as
(`SubscriptionFigure`); a difference becomes one or two movements added to `FigureDay`, on the day it
happened in the shop's time zone (started_on for a start, ended_at for an end, else the day it was saved). Runs
on beat (`tasks.refresh_figures`) and before the staff API answers, so the figures are current; comparing
states makes a repeated or overlapping run write nothing twice.
"""

import dataclasses
import datetime
import zoneinfo
from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ..renewals.lines import prefetch
from ..subscriptions.models import CancellationAttempt, Renewal, Subscription
from . import forecast
from .models import FigureCursor, FigureDay, FigureForecast, SubscriptionFigure
from .revenue import STATE, list_prices, value

BATCH = 1000
OVERLAP = datetime.timedelta(minutes=10)  # a save committed late carries an earlier updated_at: read again
State, Kind = SubscriptionFigure.State, FigureDay.Kind
ZERO = Decimal(0)


def refresh(installation, now: datetime.datetime | None = None, limit: int | None = None) -> bool:
    """Read what changed since the last run (and forecasts running short), at most `limit` subscriptions.

    True when all was read; False when the limit was reached and the rest waits for the next run.
    """
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(installation.time_zone)
    today = now.astimezone(zone).date()
    with transaction.atomic():
        cursor, _ = FigureCursor.objects.get_or_create(installation=installation)
        cursor = FigureCursor.objects.select_for_update().get(pk=cursor.pk)  # one run per installation at a time
        changed = Subscription.objects.filter(installation=installation).order_by("updated_at", "pk")
        if cursor.read_id is not None:  # catching up after a run that stopped at its limit
            changed = changed.filter(Q(updated_at__gt=cursor.read_until) | Q(updated_at=cursor.read_until, pk__gt=cursor.read_id))
        elif cursor.read_until:
            changed = changed.filter(updated_at__gte=cursor.read_until - OVERLAP)
        stale = SubscriptionFigure.objects.filter(installation=installation, forecast_until__lt=today + datetime.timedelta(
            days=forecast.HORIZONS[-1])).exclude(state=State.ENDED).order_by("pk").values_list("pk", flat=True)
        rows = list(changed.values_list("pk", "updated_at")[:limit + 1] if limit else changed.values_list("pk", "updated_at"))
        stale = list(stale[:limit + 1] if limit else stale)
        done = limit is None or (len(rows) <= limit and len(stale) <= limit)
        rows, stale = (rows[:limit], stale[:limit]) if limit else (rows, stale)
        prices, ordered = list_prices(installation), sorted({pk for pk, _ in rows} | set(stale))
        for start in range(0, len(ordered), BATCH):
            _read(installation, ordered[start:start + BATCH], prices, today, zone)
        if rows:
            cursor.read_until = rows[-1][1] if not done else max(rows[-1][1], cursor.read_until or rows[-1][1])
        cursor.read_id = None if done or not rows else rows[-1][0]
        cursor.save()
    return done


def _read(installation, ids: list[int], prices: dict, today: datetime.date, zone) -> None:
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
    _add(installation, movements)
    SubscriptionFigure.objects.filter(pk__in=ids).delete()
    SubscriptionFigure.objects.bulk_create(figures)
    FigureForecast.objects.filter(subscription_id__in=ids).delete()
    FigureForecast.objects.bulk_create(
        FigureForecast(installation=installation, subscription=subscription, channel_slug=subscription.channel_slug, on=on,
                       amount=amount)
        for subscription in subscriptions for on, amount in forecast.coming(subscription, today, prices))


def _ended_by_failed_payment(ids: list[int]) -> set[int]:
    """Cancelled subscriptions whose last delivery failed for good: dunning ended them, not the customer."""
    last = {}
    for subscription_id, state in (Renewal.objects.filter(subscription_id__in=ids).order_by("subscription_id", "cycle")
                                   .values_list("subscription_id", "state")):
        last[subscription_id] = state
    return {subscription_id for subscription_id, state in last.items() if state == Renewal.State.FAILED}


@dataclasses.dataclass(frozen=True)
class Movement:
    channel_slug: str
    currency: str
    on: datetime.date
    kind: str
    reason: str
    active: int
    mrr: Decimal


def _add(installation, movements: list[Movement]) -> None:
    """Add the movements to their days' rows (one upsert; PostgreSQL and SQLite alike)."""
    days = defaultdict(lambda: [0, 0, ZERO])
    for move in movements:
        day = days[(move.channel_slug, move.currency, move.on, move.kind, move.reason)]
        day[0], day[1], day[2] = day[0] + 1, day[1] + move.active, day[2] + move.mrr
    if not days:
        return
    table, quote = FigureDay._meta.db_table, connection.ops.quote_name
    columns = ("installation_id", "channel_slug", "currency", "on", "kind", "reason", "subscriptions", "active", "mrr")
    rows = [(installation.pk, *key, n, active, mrr)
            for key, (n, active, mrr) in days.items()]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES "
            + ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
            + " ON CONFLICT (installation_id, channel_slug, " + quote("on") + ", kind, reason) DO UPDATE SET "
            + ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in ("subscriptions", "active", "mrr")),
            [value for row in rows for value in row])


def _day(moment: datetime.datetime | None, zone, fallback: datetime.date) -> datetime.date:
    return moment.astimezone(zone).date() if moment else fallback


def _movements(before: SubscriptionFigure | None, after: SubscriptionFigure, subscription: Subscription, zone, end: str,
               reason: str) -> list[Movement]:
    """The movements that take `before` (None: never counted) to `after`."""
    changed_on = _day(subscription.updated_at, zone, subscription.started_on)

    def move(kind, on, active=0, mrr=ZERO, reason=""):
        return Movement(after.channel_slug, after.currency, on, kind, reason, active, mrr)

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
