"""Money as Decimal with the currency's own precision (JPY 0 decimals, USD 2, BHD 3 …)."""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import format_currency, get_currency_precision, list_currencies


class UnknownCurrency(ValueError):
    pass


@cache
def precision(currency: str) -> int:
    """Decimal places of an ISO 4217 currency, from CLDR (via Babel)."""
    if currency not in list_currencies():
        raise UnknownCurrency(f"unknown currency {currency!r}")
    return get_currency_precision(currency)


def from_saleor(amount, currency: str) -> Decimal:
    """A Saleor amount (JSON number, parsed as Decimal or float) at the currency's precision."""
    return quantize(Decimal(str(amount)), currency)


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half up to the currency's precision, as Saleor does."""
    return amount.quantize(Decimal(1).scaleb(-precision(currency)), rounding=ROUND_HALF_UP)



LOCALES = {"en": "en_US", "ja": "ja_JP", "zh-hans": "zh_Hans_CN", "zh-hant": "zh_Hant_TW"}


@cache
def locale(language: str) -> Locale:
    """Babel's locale for `language` (English for any other), parsed once: a mail formats several amounts and dates."""
    return Locale.parse(LOCALES.get(language, "en_US"))


@lru_cache(maxsize=4096)
def format_money(amount: Decimal, currency: str, language: str) -> str:
    """As a shopper reading `language` expects it: ￥6,000 / $60.00 / US$60.00. Remembered: a shop's few prices recur
    in its mails, and Babel reads the locale's pattern anew at each call."""
    return format_currency(quantize(amount, currency), currency, locale=locale(language))
