"""What the last screen before ordering must show for each subscription line (特定商取引法 第12条の6).

`describe` builds the statements for one subscription as the renewals will deliver and charge it;
the checkout's final screen (`disclose`) and a step-mail offer page both use it. A checkout line is
described from the plan version it was priced with, in the checkout's language, and refused when
its price no longer matches that version.
"""

import dataclasses
import datetime
import zoneinfo
from decimal import Decimal

from babel.dates import format_date
from django.utils import timezone

from ..core.money import LOCALES, format_money, from_saleor
from ..payment_methods import registry
from ..payments.gateway import available_methods
from ..plans.pricing import LinePrice, PricingError, price_line
from ..plans.terms import PlanTerms
from ..portal.links import portal_url
from ..saleor.client import SaleorClient
from ..saleor.languages import language_for
from ..saleor.payloads import list_price
from ..subscriptions.calendar import planned_deliveries
from ..plans.models import PlanVersion
from .actions import CheckoutError, call_saleor, line_metadata
from .line_plan import names_plan, plan_version
from .texts import TEXTS, cycle_text

EXAMPLE_DELIVERIES = 3


@dataclasses.dataclass(frozen=True)
class Shipping:
    """Shipping of the first delivery and of each later one (the shipping method's price in the channel).

    `shared_with`: the product of another line delivered in the same parcels, which carries the fee.
    """

    first: Decimal
    later: Decimal
    shared_with: str = ""

    def of(self, delivery: int) -> Decimal:
        return Decimal(0) if self.shared_with else self.first if delivery == 1 else self.later


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
    shipping: Shipping | None
    payment_methods: list[str]
    statements: list[str]


@dataclasses.dataclass(frozen=True)
class Disclosure:
    checkout_id: str
    language: str
    currency: str
    lines: list[DisclosedLine]


def describe(installation, terms: PlanTerms, *, product: str, plan_name: str, quantity: int, currency: str, language: str,
             first_on: datetime.date, payment_methods: list[str], shipping: Shipping | None, list_price: Decimal | None = None,
             percent_off: Decimal | None = None, card: str = "", line_id: str = "") -> DisclosedLine:
    """The final-screen statements of one subscription; raises `PricingError` when a delivery cannot be priced."""
    texts = TEXTS[language]

    def price(delivery: int) -> LinePrice:
        return price_line(terms, currency=currency, quantity=quantity, delivery=delivery, list_price=list_price,
                          percent_off=percent_off)

    def money(amount):
        return format_money(amount, currency, language)

    first = price(1)
    trial_end = terms.trial.deliveries if terms.trial else 1
    later = [(trial_end + 1, price(trial_end + 1))] + [(step.from_delivery, price(step.from_delivery)) for step in terms.steps]
    committed = terms.min_commitment or terms.billing_limit
    committed_total = sum((price(n).total + (shipping.of(n) if shipping else 0) for n in range(1, committed + 1)),
                          Decimal(0)) if committed else None
    cycle = cycle_text(terms.schedule, language)
    dates = planned_deliveries(installation, terms, first_on, EXAMPLE_DELIVERIES)

    statements = [
        texts["fixed_course"].format(product=product, plan=plan_name, n=terms.billing_limit)
        if terms.billing_limit else texts["open_ended"].format(product=product, plan=plan_name),
        texts["cycle"].format(cycle=cycle),
        texts["first_range" if trial_end > 1 else "first"].format(
            last=trial_end, unit=money(first.unit), quantity=quantity, total=money(first.total)),
        *(texts["from"].format(n=n, unit=money(p.unit), quantity=quantity, total=money(p.total)) for n, p in later),
    ]
    if shipping is not None:
        statements.append(_shipping_statement(texts, shipping, money))
    if terms.min_commitment:
        statements.append(texts["commitment"].format(n=terms.min_commitment, total=money(committed_total)))
    elif terms.billing_limit:
        statements.append(texts["course_total"].format(n=terms.billing_limit, total=money(committed_total)))
    order_day = (texts["order_day_before"].format(n=installation.order_lead_days) if installation.order_lead_days
                 else texts["order_day_same"])
    statements += [registry.get(method).disclosure(language, order_day=order_day,
                                                   card=texts["card_detail"].format(card=card) if card else "")
                   for method in payment_methods]
    statements.append(texts["dates"].format(
        dates=texts["separator"].join(format_date(date, "long", locale=LOCALES[language]) for date in dates)))
    method = installation.cancellation_method.get(language) or texts["default_method"].format(url=portal_url(installation))
    statements.append(texts["cancel"].format(method=method, days=installation.change_cutoff_days))

    return DisclosedLine(
        line_id=line_id, product_name=product, plan_name=plan_name, quantity=quantity, first=first, later=later,
        cycle=cycle, upcoming_deliveries=dates, billing_limit=terms.billing_limit, min_commitment=terms.min_commitment,
        committed_total=committed_total, shipping=shipping, payment_methods=payment_methods, statements=statements,
    )


def _shipping_statement(texts: dict, shipping: Shipping, money) -> str:
    if shipping.shared_with:
        return texts["shipping_shared"].format(product=shipping.shared_with)
    if shipping.first == shipping.later:
        return texts["shipping_free"] if not shipping.later else texts["shipping"].format(amount=money(shipping.later))
    return texts["shipping_first"].format(first=money(shipping.first), amount=money(shipping.later))


def disclose(installation, *, checkout_id: str, language_code: str | None = None, payment_method: str | None = None,
             today: datetime.date | None = None) -> Disclosure:
    """Every subscription line of a checkout; `payment_method` narrows the payment statements to the one chosen."""
    client = SaleorClient.for_installation(installation)
    checkout = call_saleor(client, "CheckoutDisclosure", {"id": checkout_id})["checkout"]
    if checkout is None:
        raise CheckoutError("checkoutId", "not_found", f"no checkout {checkout_id} in this Saleor")
    language = language_for(language_code or checkout["languageCode"], installation.default_language)
    currency = checkout["channel"]["currencyCode"]
    today = today or timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()
    methods = available_methods(installation, checkout)
    if payment_method is not None:
        if payment_method not in methods:
            raise CheckoutError("paymentMethod", "invalid",
                                f"{payment_method} is not offered for this checkout; offered: {', '.join(methods) or 'none'}")
        methods = [payment_method]
    lines, carriers = [], {}
    for line in checkout["lines"]:
        if not names_plan(line_metadata(line)):
            continue
        version = _version(installation, line)
        # lines of one plan version become one subscription: one parcel, one shipping fee per delivery
        shipping = _shipping(checkout, currency, first_order=not carriers, shared_with=carriers.get(version.pk, ""))
        disclosed = _line(installation, line, version, currency=currency, language=language, today=today,
                          methods=methods, shipping=shipping)
        carriers.setdefault(version.pk, disclosed.product_name)
        lines.append(disclosed)
    return Disclosure(checkout_id, language, currency, lines)


def _shipping(checkout: dict, currency: str, *, first_order: bool, shared_with: str) -> Shipping | None:
    """This order's shipping (carried by the first subscription) and the method's price, which every renewal pays."""
    if not checkout["isShippingRequired"]:
        return None
    method = (checkout["delivery"] or {}).get("shippingMethod")
    if method is None:
        raise CheckoutError("checkoutId", "shipping_method_required",
                            "choose a shipping method first: the final screen states the shipping of every delivery")
    first = from_saleor(checkout["shippingPrice"]["gross"]["amount"], currency) if first_order else Decimal(0)
    return Shipping(first=first, later=from_saleor(method["price"]["amount"], currency), shared_with=shared_with)


ALIASES = {"en": "en", "ja": "ja", "zh-hans": "zhHans", "zh-hant": "zhHant"}


def translated(node: dict, language: str) -> str:
    """A product's or variant's name in `language`, from the `...Names` fragments."""
    return (node.get(ALIASES[language]) or {}).get("name") or node["name"]


def product_name(variant: dict, language: str) -> str:
    return f"{translated(variant['product'], language)} {translated(variant, language)}".strip()


def _version(installation, line: dict) -> PlanVersion:
    version = plan_version(installation, line_metadata(line))
    if version is None:
        raise CheckoutError("lineId", "not_found", f"line {line['id']} names a plan version that does not exist")
    return version


def _line(installation, line: dict, version: PlanVersion, *, currency: str, language: str, today: datetime.date,
          methods: list[str], shipping: Shipping | None) -> DisclosedLine:
    terms = version.terms
    variant = line["variant"]
    try:
        disclosed = describe(
            installation, terms, product=product_name(variant, language),
            plan_name=terms.text(language, installation.default_language).name, quantity=line["quantity"],
            currency=currency, language=language, first_on=today, payment_methods=methods, shipping=shipping,
            list_price=list_price(variant, currency), line_id=line["id"])
    except PricingError as exc:
        raise CheckoutError("lineId", "price_unavailable", str(exc)) from None
    charged = from_saleor(line["unitPrice"]["gross"]["amount"], currency)
    if charged != disclosed.first.unit:
        raise CheckoutError("lineId", "price_mismatch",
                            f"line {line['id']} costs {charged} but its plan says {disclosed.first.unit}: update the line")
    return disclosed

