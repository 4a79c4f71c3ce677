"""The month grids of the "move the next delivery" page: only the open days the plan allows can be chosen."""

import calendar
import datetime

from babel import Locale
from babel.dates import format_skeleton, get_day_names

from ..core.dates import format_day
from ..core.money import LOCALES
from ..installations.models import ClosedDay
from ..subscriptions.calendar import slot_date


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


def month_grids(days: list[datetime.date], current: datetime.date | None, language: str) -> tuple[list[str], list[dict]]:
    """Weekday headings and, per month from the first to the last of `days`, its weeks of day cells (None: padding)."""
    if not days:
        return [], []
    locale = Locale.parse(LOCALES[language])
    first_weekday = locale.first_week_day
    names = get_day_names("abbreviated", locale=locale)
    headings = [names[(first_weekday + n) % 7] for n in range(7)]
    chosen = set(days)
    months, month = [], days[0].replace(day=1)
    while month <= days[-1]:
        weeks = calendar.Calendar(first_weekday).monthdatescalendar(month.year, month.month)
        months.append({"title": format_skeleton("yMMMM", month, locale=locale), "weeks": [
            [{"number": day.day, "iso": day.isoformat(), "open": day in chosen, "current": day == current,
              "label": format_day(day, language, "full")} if day.month == month.month else None for day in week]
            for week in weeks]})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return headings, months
