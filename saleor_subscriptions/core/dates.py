"""Dates as a reader of each language writes them (Babel/CLDR): 2027年3月7日, March 7, 2027, 2027年3月7日."""

import datetime
from functools import lru_cache

from babel.dates import format_date

from .money import locale


@lru_cache(maxsize=4096)
def format_day(day: datetime.date | str, language: str, format: str = "long") -> str:
    """Remembered: the same few days (a renewal's, its deadline) recur in a day's mails."""
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(day, format=format, locale=locale(language))
