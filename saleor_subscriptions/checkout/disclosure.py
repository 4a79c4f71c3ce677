"""What the last screen before ordering must show for each subscription line of a checkout.

Derived from the plan version the line was priced with (the one that will price the renewals), in
the checkout's language, and refused when the line's price no longer matches that version.
"""

import dataclasses
import datetime
import zoneinfo
from decimal import Decimal

from babel.dates import format_date
from django.utils import timezone

from ..core.money import LOCALES, format_money, from_saleor
from ..plans.pricing import LinePrice, PricingError, price_line
from ..plans.schedule import upcoming_deliveries
from ..saleor.client import SaleorClient
from ..saleor.languages import language_for
from ..saleor.payloads import list_price
from .actions import CheckoutError, call_saleor, line_metadata
from .line_plan import names_plan, plan_version
from .texts import TEXTS, cycle_text

EXAMPLE_DELIVERIES = 3


@dataclasses.dataclass(frozen=True)
class DisclosedLine:
    line_id: str
    product_name: str
    plan_name: str
    quantity: int
    first: LinePrice
    later: list[tuple[int, LinePrice]]
    cycle: str
    upcoming_deliveries: list[datetime.date]
    billing_limit: int | None
    min_commitment: int | None
    committed_total: Decimal | None
    statements: list[str]


@dataclasses.dataclass(frozen=True)
class Disclosure:
    checkout_id: str
    language: str
    currency: str
    lines: list[DisclosedLine]


def disclose(installation, *, checkout_id: str, language_code: str | None = None, today: datetime.date | None = None) -> Disclosure:
    client = SaleorClient.for_installation(installation)
    checkout = call_saleor(client, "CheckoutDisclosure", {"id": checkout_id})["checkout"]
    if checkout is None:
        raise CheckoutError("checkoutId", "not_found", f"no checkout {checkout_id} in this Saleor")
    language = language_for(language_code or checkout["languageCode"], installation.default_language)
    currency = checkout["channel"]["currencyCode"]
    today = today or timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()
    lines = [
        _line(installation, line, currency=currency, language=language, today=today)
        for line in checkout["lines"]
        if names_plan(line_metadata(line))
    ]
    return Disclosure(checkout_id, language, currency, lines)


ALIASES = {"en": "en", "ja": "ja", "zh-hans": "zhHans", "zh-hant": "zhHant"}


def _translated(node: dict, language: str) -> str:
    return (node.get(ALIASES[language]) or {}).get("name") or node["name"]


def _line(installation, line: dict, *, currency: str, language: str, today: datetime.date) -> DisclosedLine:
    version = plan_version(installation, line_metadata(line))
    if version is None:
        raise CheckoutError("lineId", "not_found", f"line {line['id']} names a plan version that does not exist")
    terms = version.terms
    variant, quantity = line["variant"], line["quantity"]
    variant_price = list_price(variant, currency)

    def price(delivery: int) -> LinePrice:
        return price_line(terms, currency=currency, quantity=quantity, delivery=delivery, list_price=variant_price)

    try:
        first = price(1)
        trial_end = terms.trial.deliveries if terms.trial else 1
        later = [(trial_end + 1, price(trial_end + 1))] + [(step.from_delivery, price(step.from_delivery)) for step in terms.steps]
        committed = terms.min_commitment or terms.billing_limit
        committed_total = sum((price(n).total for n in range(1, committed + 1)), Decimal(0)) if committed else None
    except PricingError as exc:
        raise CheckoutError("lineId", "price_unavailable", str(exc)) from None
    charged = from_saleor(line["unitPrice"]["gross"]["amount"], currency)
    if charged != first.unit:
        raise CheckoutError("lineId", "price_mismatch",
                            f"line {line['id']} costs {charged} but its plan says {first.unit}: update the line")

    dates = upcoming_deliveries(terms.schedule, today, EXAMPLE_DELIVERIES, trial_days=terms.free_trial_days)
    texts = TEXTS[language]

    def money(amount):
        return format_money(amount, currency, language)

    product = f"{_translated(variant['product'], language)} {_translated(variant, language)}".strip()
    plan_name = terms.text(language, installation.default_language).name
    cycle = cycle_text(terms.schedule, language)

    statements = [
        texts["fixed_course"].format(product=product, plan=plan_name, n=terms.billing_limit)
        if terms.billing_limit else texts["open_ended"].format(product=product, plan=plan_name),
        texts["cycle"].format(cycle=cycle),
        texts["first_range" if trial_end > 1 else "first"].format(
            last=trial_end, unit=money(first.unit), quantity=quantity, total=money(first.total)),
        *(texts["from"].format(n=n, unit=money(p.unit), quantity=quantity, total=money(p.total)) for n, p in later),
    ]
    if terms.min_commitment:
        statements.append(texts["commitment"].format(n=terms.min_commitment, total=money(committed_total)))
    elif terms.billing_limit:
        statements.append(texts["course_total"].format(n=terms.billing_limit, total=money(committed_total)))
    statements.append(texts["dates"].format(
        dates=texts["separator"].join(format_date(date, "long", locale=LOCALES[language]) for date in dates)))
    method = installation.cancellation_method.get(language) or texts["default_method"]
    statements.append(texts["cancel"].format(method=method, days=installation.change_cutoff_days))

    return DisclosedLine(
        line_id=line["id"], product_name=product, plan_name=plan_name, quantity=quantity, first=first, later=later,
        cycle=cycle, upcoming_deliveries=dates, billing_limit=terms.billing_limit, min_commitment=terms.min_commitment,
        committed_total=committed_total, statements=statements,
    )
