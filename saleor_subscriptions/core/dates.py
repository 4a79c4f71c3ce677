"""Dates as a reader of each language writes them (Babel/CLDR): 2027年3月7日, March 7, 2027, 2027年3月7日."""

import datetime

from babel.dates import format_date

from .money import locale


def format_day(day: datetime.date | str, language: str, format: str = "long") -> str:
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(day, format=format, locale=locale(language))
