"""Public holidays from the maintained `holidays` package, to close the delivery calendar on them."""

import datetime

import holidays

from ..core.error_texts import error_text
from ..core.errors import InputError

# our language → the package's, tried in order; a country without any of them names its days in its own language
_PACKAGE_LANGUAGES = {"en": ("en_US",), "ja": ("ja",), "zh-hans": ("zh_CN",), "zh-hant": ("zh_TW", "zh_CN")}
YEARS = range(2000, 2101)


def public_holidays(country: str, year: int, language: str) -> list[tuple[datetime.date, str]]:
    """`country`'s public holidays in `year`, named in `language` where the package has the words."""
    country = country.upper()
    if country not in holidays.list_supported_countries():
        raise InputError("country", "invalid", error_text("holiday_country", country=country), country=country)
    if year not in YEARS:
        raise InputError("year", "invalid", error_text("holiday_year", low=YEARS.start, high=YEARS.stop - 1),
                         low=YEARS.start, high=YEARS.stop - 1)
    supported = holidays.country_holidays(country).supported_languages
    wanted = next((code for code in _PACKAGE_LANGUAGES.get(language, ()) if code in supported), None)
    found = holidays.country_holidays(country, years=year, language=wanted)
    return sorted(found.items())
