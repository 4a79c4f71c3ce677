"""Pure date arithmetic for delivery schedules (calendar dates in the installation's time zone).

"Day 31" means the month's last day in short months and returns to the 31st after: every date is
computed from the subscription's anchor and the cycle number, never from the previous date.
"""

import calendar
import datetime

from dateutil.relativedelta import relativedelta

from .terms import IntervalUnit, Schedule


def _day_in_month(year: int, month: int, schedule: Schedule, start_day: int) -> datetime.date:
    last = calendar.monthrange(year, month)[1]
    if schedule.anchor_last_day:
        return datetime.date(year, month, last)
    if schedule.anchor_week is not None:
        first_weekday = datetime.date(year, month, 1).weekday()
        day = 1 + (schedule.anchor_weekday - first_weekday) % 7 + 7 * (schedule.anchor_week - 1)
        while day > last:  # a 5th weekday that this month lacks: the last one
            day -= 7
        return datetime.date(year, month, day)
    return datetime.date(year, month, min(schedule.anchor_day or start_day, last))


def first_delivery(schedule: Schedule, start: datetime.date) -> datetime.date:
    """The first scheduled date on or after `start` that the anchor allows."""
    if schedule.interval_unit == IntervalUnit.MONTH and (
        schedule.anchor_day or schedule.anchor_last_day or schedule.anchor_week
    ):
        candidate = _day_in_month(start.year, start.month, schedule, start.day)
        if candidate < start:
            following = start + relativedelta(months=1)
            candidate = _day_in_month(following.year, following.month, schedule, start.day)
        return candidate
    if schedule.anchor_weekday is not None and schedule.anchor_week is None:
        return start + datetime.timedelta(days=(schedule.anchor_weekday - start.weekday()) % 7)
    return start


def delivery_date(schedule: Schedule, first: datetime.date, cycle: int) -> datetime.date:
    """The date of delivery number `cycle` (1 = `first`)."""
    steps = (cycle - 1) * schedule.interval_count
    if schedule.interval_unit == IntervalUnit.DAY:
        return first + datetime.timedelta(days=steps)
    if schedule.interval_unit == IntervalUnit.WEEK:
        return first + datetime.timedelta(weeks=steps)
    month = first + relativedelta(day=1, months=steps)
    return _day_in_month(month.year, month.month, schedule, first.day)


def delivery_dates(schedule: Schedule, start: datetime.date, count: int) -> list[datetime.date]:
    first = first_delivery(schedule, start)
    return [delivery_date(schedule, first, cycle) for cycle in range(1, count + 1)]


def _anchored(schedule: Schedule) -> bool:
    return bool(schedule.anchor_day or schedule.anchor_last_day or schedule.anchor_weekday is not None)


def nth_delivery(schedule: Schedule, ordered_on: datetime.date, n: int, *, trial_days: int | None = None) -> datetime.date:
    """Delivery `n` of a subscription ordered on `ordered_on` (1 = the order itself).

    The second comes one interval (or the free trial) later, on the plan's anchor; every date is
    computed from the start, so "the 31st" returns after short months and nothing drifts.
    """
    if n == 1:
        return ordered_on
    if not trial_days and not _anchored(schedule):
        return delivery_date(schedule, ordered_on, n)
    later = ordered_on + datetime.timedelta(days=trial_days) if trial_days else delivery_date(schedule, ordered_on, 2)
    return delivery_date(schedule, first_delivery(schedule, later), n - 1)


def upcoming_deliveries(
    schedule: Schedule, ordered_on: datetime.date, count: int, *, trial_days: int | None = None
) -> list[datetime.date]:
    return [nth_delivery(schedule, ordered_on, n, trial_days=trial_days) for n in range(1, count + 1)]
