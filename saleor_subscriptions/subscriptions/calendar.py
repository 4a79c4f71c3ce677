"""The merchant's delivery calendar: a delivery never falls on a closed day."""

import datetime

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..core.models import Event, record_event
from ..installations.models import ClosedDay
from ..plans.schedule import nth_delivery
from .models import Subscription

HORIZON = 60  # a calendar closing more consecutive days than this is a mistake, not a holiday


def next_open_day(installation, date: datetime.date) -> datetime.date:
    closed = _closed_days(installation)
    weekdays = set(installation.closed_weekdays or ())
    for _ in range(HORIZON):
        if date not in closed and date.weekday() not in weekdays:
            return date
        date += datetime.timedelta(days=1)
    raise ValueError(f"no open delivery day within {HORIZON} days of {date}")


_CLOSED: dict[tuple, frozenset[datetime.date]] = {}


def _closed_days(installation) -> frozenset[datetime.date]:
    """The installation's closed days, read once per process until its settings change (`updated_at`)."""
    key = (installation.pk, installation.updated_at)
    closed = _CLOSED.get(key)
    if closed is None:
        if len(_CLOSED) > 256:
            _CLOSED.clear()
        closed = _CLOSED[key] = frozenset(ClosedDay.objects.filter(installation=installation).values_list("date", flat=True))
    return closed


@receiver([post_save, post_delete], sender=ClosedDay, dispatch_uid="closed_days_changed")
def _changed(**kwargs):
    _CLOSED.clear()  # settings bump `updated_at` too; this covers a day saved on its own (the admin, a shell)


def move_off_closed_days(installation, today: datetime.date) -> int:
    """Scheduled deliveries that the calendar now closes move to the next open day; answers how many moved.

    Only deliveries whose renewal order is not made yet (after today plus the order lead time): one already
    ordered keeps its date. A day opened again does not pull deliveries back: customers may have been told.
    """
    weekdays = installation.closed_weekdays or []
    closed = Q(next_renewal_on__in=ClosedDay.objects.filter(installation=installation).values("date"))
    if weekdays:
        closed |= Q(next_renewal_on__iso_week_day__in=[day + 1 for day in weekdays])
    scheduled = Subscription.objects.select_for_update().filter(
        closed, installation=installation, status__in=(Subscription.Status.ACTIVE, Subscription.Status.TRIALING),
        next_renewal_on__gt=today + datetime.timedelta(days=installation.order_lead_days))
    moved = 0
    for subscription in scheduled:
        moved_from, subscription.next_renewal_on = subscription.next_renewal_on, next_open_day(installation,
                                                                                                subscription.next_renewal_on)
        subscription.save(update_fields=["next_renewal_on", "updated_at"])
        record_event(installation, "subscription.rescheduled", actor=Event.Actor.SYSTEM, subscription=subscription.pk,
                     moved_from=str(moved_from), to=str(subscription.next_renewal_on), reason="closed_day")
        moved += 1
    return moved


def planned_deliveries(installation, terms, first_on: datetime.date, count: int) -> list[datetime.date]:
    """The first `count` delivery dates of a subscription whose first delivery is `first_on`, as the renewals date them."""
    return [first_on] + [next_open_day(installation, nth_delivery(terms.schedule, first_on, n, trial_days=terms.free_trial_days))
                         for n in range(2, count + 1)]


def slot_date(subscription, slot: int, terms=None) -> datetime.date:
    """The delivery date of schedule slot `slot` (1 = the first order), on an open day.

    Dates count from the schedule's anchor: the start, or the delivery at which the interval last
    changed. Counting from an anchor, never from the previous date, keeps "the 31st" and the rhythm.
    """
    terms = terms or subscription.lines.select_related("plan_version").first().plan_version.terms
    anchor_on = subscription.schedule_anchor_on or subscription.started_on
    trial_days = terms.free_trial_days if subscription.schedule_anchor_slot == 1 else None
    return next_open_day(subscription.installation, nth_delivery(
        terms.schedule, anchor_on, slot - subscription.schedule_anchor_slot + 1, trial_days=trial_days))


def upcoming_deliveries(subscription, terms, count: int = 6) -> list[datetime.date]:
    """The next `count` delivery dates from the next renewal on, the calendar applied; none when nothing is scheduled."""
    if subscription.next_renewal_on is None:
        return []
    first = subscription.deliveries + 1 + subscription.skipped
    return [subscription.next_renewal_on] + [slot_date(subscription, slot, terms) for slot in range(first + 1, first + count)]


def movable_days(subscription, today: datetime.date) -> list[datetime.date]:
    """The days the next delivery may move to: from the cut-off on, before the following delivery, on open days."""
    installation = subscription.installation
    earliest = today + datetime.timedelta(days=installation.change_cutoff_days)
    following = slot_date(subscription, subscription.deliveries + 2 + subscription.skipped)
    closed = set(ClosedDay.objects.filter(installation=installation, date__gte=earliest, date__lt=following)
                 .values_list("date", flat=True))
    weekdays = set(installation.closed_weekdays or ())
    days = (earliest + datetime.timedelta(days=n) for n in range(max(0, (following - earliest).days)))
    return [day for day in days
            if day not in closed and day.weekday() not in weekdays and day != subscription.next_renewal_on]
