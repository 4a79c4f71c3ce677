"""A fixed clock for tests: no test may depend on the day it runs."""

import datetime
from unittest import mock

from django.utils import timezone

TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def fixed_clock(day: datetime.date, hour: int = 12):
    """The app's clock (`django.utils.timezone.now`) at `hour` o'clock Tokyo time on `day`."""
    now = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO).astimezone(datetime.UTC)
    return mock.patch.object(timezone, "now", return_value=now)
