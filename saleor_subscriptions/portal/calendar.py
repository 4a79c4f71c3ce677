"""The month grids of the "move the next delivery" page: only the open days the plan allows can be chosen."""

import calendar
import datetime

from babel import Locale
from babel.dates import format_skeleton, get_day_names

from ..core.dates import format_day
from ..core.money import LOCALES


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
