"""Pricing a phone order before it exists: lines at their plans' prices, shipping for the address, statements.

Read-only in Saleor (no checkout or draft is made): the variants' stock and list prices, and the
channel's shipping zones for the address. Every refusal is an `InputError` naming the field.
"""

import dataclasses
import datetime
from decimal import Decimal

from ..checkout.disclosure import Shipping, describe
from ..core.errors import InputError
from ..core.error_texts import error_text
from ..core.money import from_saleor, quantize
from ..payment_methods import registry
from ..plans.models import Plan, PlanVersion
from ..plans.pricing import PricingError, price_line
from ..renewals.catalogue import shipping_method_pk
from ..renewals.engine import today_in
from ..saleor.client import SaleorClient
from ..saleor.payloads import list_price


@dataclasses.dataclass(frozen=True)
class LineRequest:
    variant_id: str
    plan: str
    quantity: int


@dataclasses.dataclass(frozen=True)
class OrderRequest:
    """A phone order as the operator entered it (addresses in the stored, webhook shape)."""

    channel: str
    language: str
    lines: tuple[LineRequest, ...]
    payment: str
    shipping_address: dict | None = None
    shipping_method_id: str | None = None


@dataclasses.dataclass(frozen=True)
class QuotedLine:
    variant_id: str
    name: str
    plan: Plan
    version: PlanVersion
    plan_name: str
    quantity: int
    first_unit: Decimal
    first_total: Decimal
    regular_unit: Decimal
    statements: list[str]


@dataclasses.dataclass(frozen=True)
class ShippingOption:
    id: str
    name: str
    price: Decimal


@dataclasses.dataclass(frozen=True)
class Quote:
    channel_id: str
    currency: str
    language: str
    lines: list[QuotedLine]
    shipping_methods: list[ShippingOption]
    shipping: ShippingOption | None
    payment_methods: list[str]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.first_total for line in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.subtotal + (self.shipping.price if self.shipping else Decimal(0))


def _plan(installation, code: str, field: str) -> Plan:
    plan = Plan.objects.filter(installation=installation, code=code, is_archived=False).select_related("product").first()
    if plan is None:
        raise InputError(field, "not_found", error_text("plan_not_found", code=code), words="plan_not_found", code=code)
    return plan


def payment_methods(installation, channel: str, currency: str, versions) -> list[str]:
    """The channel's methods that every plan takes and that take the currency (konbini: yen), as at checkout, and
    that staff may take for the customer (built in or a plug-in's, `PaymentMethod.taken_by_staff`)."""
    return [name for name in registry.offered_in(installation, channel=channel, currency=currency,
                                                 plans=[version.terms.payment_methods for version in versions])
            if registry.get(name).taken_by_staff]


def _in_zone(zone: dict, channel: str, address: dict) -> bool:
    country = (address.get("country") or {}).get("code")
    return (channel in {c["slug"] for c in zone.get("channels") or ()} or not zone.get("channels")) and \
        country in {c["code"] for c in zone["countries"] or ()}


def _postal_code_allowed(method: dict, postal_code: str) -> bool:
    """Saleor's postal-code rules: EXCLUDE ranges refuse, INCLUDE ranges (if any) are the only ones served."""
    code = postal_code.replace("-", "").replace(" ", "").upper()
    rules = method.get("postalCodeRules") or ()

    def matches(rule):
        start, end = rule["start"].replace("-", "").upper(), (rule["end"] or rule["start"]).replace("-", "").upper()
        return start <= code <= end

    if any(rule["inclusionType"] == "EXCLUDE" and matches(rule) for rule in rules):
        return False
    included = [rule for rule in rules if rule["inclusionType"] == "INCLUDE"]
    return not included or any(matches(rule) for rule in included)


def shipping_options(client: SaleorClient, channel: str, currency: str, address: dict | None, subtotal: Decimal) -> list[ShippingOption]:
    """The methods Saleor would offer for the address and the order's amount, cheapest first."""
    if not address:
        return []
    options = {}
    for edge in client.execute("ShippingOptions", {"channel": channel})["shippingZones"]["edges"]:
        zone = edge["node"]
        if not _in_zone(zone, channel, address):
            continue
        for method in zone["shippingMethods"] or ():
            listing = next((item for item in method["channelListings"] or () if item["channel"]["slug"] == channel), None)
            if not listing or not listing["price"] or not _postal_code_allowed(method, address.get("postalCode") or ""):
                continue
            low, high = listing.get("minimumOrderPrice"), listing.get("maximumOrderPrice")
            if (low and subtotal < from_saleor(low["amount"], currency)) or (high and subtotal > from_saleor(high["amount"], currency)):
                continue
            price = quantize(Decimal(str(listing["price"]["amount"])), currency)
            options[shipping_method_pk(method["id"])] = ShippingOption(method["id"], method["name"], price)
    return sorted(options.values(), key=lambda option: (option.price, option.name))


def quote(installation, request: OrderRequest, *, today: datetime.date | None = None,
          client: SaleorClient | None = None) -> Quote:
    """Price the order as its first order and renewals will be; refuse what cannot be ordered."""
    client = client or SaleorClient.for_installation(installation)
    if not request.lines:
        raise InputError("lines", "required", error_text("required"))
    ids = sorted({line.variant_id for line in request.lines})
    data = client.execute("PhoneOrderVariants", {"ids": ids, "channel": request.channel})
    if data["channel"] is None:
        raise InputError("channel", "not_found", f"no channel {request.channel!r}", channel=request.channel)
    currency = data["channel"]["currencyCode"]
    variants = {edge["node"]["id"]: edge["node"] for edge in data["productVariants"]["edges"]}
    language, today = request.language, today or today_in(installation)
    versions, priced = [], []
    for n, line in enumerate(request.lines):
        field = f"lines.{n}"
        variant = variants.get(line.variant_id)
        if variant is None:
            raise InputError(f"{field}.variantId", "not_found", f"variant {line.variant_id} is not sold in {request.channel!r}",
                             words="not_found.variantId")
        plan = _plan(installation, line.plan, f"{field}.plan")
        if plan.product.product_id != variant["product"]["id"] or not plan.product.covers(line.variant_id):
            raise InputError(f"{field}.plan", "invalid", "this plan is not offered for this product", words="plan_not_for_variant")
        version = plan.current_version
        terms = version.terms
        if line.quantity < terms.min_quantity or (terms.max_quantity and line.quantity > terms.max_quantity):
            raise InputError(f"{field}.quantity", "quantity_out_of_range", f"quantity {line.quantity} is outside the plan's range",
                             minimum=terms.min_quantity)
        wanted = sum(other.quantity for other in request.lines if other.variant_id == line.variant_id)
        available = variant["quantityAvailable"] or 0
        if wanted > available:
            raise InputError(f"{field}.quantity", "out_of_stock", f"only {available} in stock", available=available)
        listed = list_price(variant, currency)
        try:
            first = price_line(terms, currency=currency, quantity=line.quantity, delivery=1, list_price=listed)
            after_trial = (terms.trial.deliveries + 1) if terms.trial else 1
            regular = price_line(terms, currency=currency, quantity=line.quantity, delivery=after_trial, list_price=listed)
        except PricingError:
            raise InputError(f"{field}.plan", "price_unavailable", "the plan has no price in this currency") from None
        versions.append(version)
        priced.append((line, variant, plan, version, listed, first, regular))
    methods = payment_methods(installation, request.channel, currency, versions)
    subtotal = sum((first.total for *_, first, _ in priced), Decimal(0))
    options = shipping_options(client, request.channel, currency, request.shipping_address, subtotal)
    chosen = None
    if request.shipping_method_id:
        chosen = next((o for o in options if shipping_method_pk(o.id) == shipping_method_pk(request.shipping_method_id)), None)
        if chosen is None:
            raise InputError("shippingMethodId", "no_shipping", "the method does not ship to this address")
    lines, carriers = [], {}
    for line, variant, plan, version, listed, first, regular in priced:
        name = f"{variant['product']['name']} {variant['name']}".strip()
        # lines of one plan version become one subscription: one parcel, one shipping fee per delivery
        shipping = None if chosen is None else Shipping(first=chosen.price if not carriers else Decimal(0), later=chosen.price,
                                                         shared_with=carriers.get(version.pk, ""))
        plan_name = version.terms.text(language, installation.default_language).name
        statements = describe(installation, version.terms, product=name, plan_name=plan_name, quantity=line.quantity,
                              currency=currency, language=language, first_on=today,
                              payment_methods=[request.payment] if request.payment in methods else methods,
                              shipping=shipping, list_price=listed).statements
        carriers.setdefault(version.pk, name)
        lines.append(QuotedLine(line.variant_id, name, plan, version, plan_name, line.quantity, first.unit, first.total,
                                regular.unit, statements))
    return Quote(data["channel"]["id"], currency, language, lines, options, chosen, methods)
