"""The merchant's delivery calendar: a delivery never falls on a closed day."""

import datetime

from ..installations.models import ClosedDay

HORIZON = 60  # a calendar closing more consecutive days than this is a mistake, not a holiday


def next_open_day(installation, date: datetime.date) -> datetime.date:
    closed = set(ClosedDay.objects.filter(installation=installation, date__gte=date,
                                          date__lte=date + datetime.timedelta(days=HORIZON)).values_list("date", flat=True))
    weekdays = set(installation.closed_weekdays or ())
    for _ in range(HORIZON):
        if date not in closed and date.weekday() not in weekdays:
            return date
        date += datetime.timedelta(days=1)
    raise ValueError(f"no open delivery day within {HORIZON} days of {date}")
