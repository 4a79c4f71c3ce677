"""What a renewal's invoice says: the order as Saleor priced and taxed it, how to pay it, and who sends it.

Amounts are Saleor's (the order's lines, shipping and total with their tax rates), so the invoice matches the
order staff see; the payment numbers are the ones the payment mail gave. The consumption tax is stated as a qualified
invoice (適格請求書) must: per rate, computed once from that rate's tax-included total and rounded down, not summed
from Saleor's rounded line taxes (which may differ by a yen or two).
"""

import dataclasses
import datetime
import zoneinfo
from decimal import ROUND_DOWN, Decimal

from ..core.money import from_saleor, precision
from ..payment_methods import registry
from ..payments.models import PaymentInstructions
from ..plans.terms import PaymentMethodKind
from ..saleor.client import SaleorClient
from ..saleor.payloads import person_name
from ..subscriptions.models import Renewal
from .texts import CHAINS

class NoInvoice(Exception):
    """The renewal has no invoice: paid by card, or its order is not (or no longer) in Saleor."""


@dataclasses.dataclass(frozen=True)
class Line:
    name: str
    quantity: int
    unit: Decimal  # with tax, as Japanese invoices show prices
    total: Decimal
    tax_rate: Decimal  # percent


@dataclasses.dataclass(frozen=True)
class TaxGroup:
    """消費税の税率ごとの対象額 (tax included) and the tax in it."""

    rate: Decimal
    amount: Decimal
    tax: Decimal


@dataclasses.dataclass(frozen=True)
class Store:
    chain: str
    payment_code: str
    confirmation_number: str


@dataclasses.dataclass(frozen=True)
class Invoice:
    language: str
    currency: str
    order_number: str
    issued_on: datetime.date
    cycle: int
    shop_name: str
    shop_address: str
    shop_email: str
    shop_registration: str  # 適格請求書発行事業者登録番号, "" when the shop has none
    customer_name: str
    customer_address: list[str]
    lines: list[Line]
    shipping: Decimal
    shipping_tax_rate: Decimal
    total: Decimal
    tax_groups: list[TaxGroup]
    how_to_pay: str  # the method's line, konbini's with `{deadline}`
    stores: list[Store] = dataclasses.field(default_factory=list)
    deadline: datetime.datetime | None = None  # konbini: in the shop's time zone
    voucher_url: str = ""
    bank: str = ""
    message: str = ""


def invoiceable(renewal: Renewal) -> bool:
    """Its order went out with the amount pending, by a method that invoices (cash on delivery, konbini, bank
    transfer, a plug-in with `invoice_texts`)."""
    method = registry.find(renewal.payment_kind)
    return bool(renewal.saleor_order_id and method and method.invoice_texts)


def _in_language(texts: dict, installation, language: str) -> str:
    return texts.get(language) or texts.get(installation.default_language) or ""


def _percent(rate) -> Decimal:
    """Saleor's tax rate (0.1) as a percent (10), without trailing zeros."""
    percent = (Decimal(str(rate or 0)) * 100).quantize(Decimal("0.01")).normalize()
    return percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent  # 10, not 1E+1


def address_lines(address: dict | None) -> list[str]:
    """A postal address as a Japanese envelope reads (〒 code, prefecture to street; a company on its own line)."""
    if not address:
        return []
    japan = (address.get("country") or {}).get("code") == "JP"
    code = address.get("postalCode") or ""
    place = " ".join(part for part in (address.get("countryArea"), address.get("city"), address.get("cityArea"),
                                       address.get("streetAddress1"), address.get("streetAddress2")) if part)
    return [line for line in (f"〒{code}" if japan and code else code, place, address.get("companyName") or "") if line]


def _chain_order(item) -> tuple:
    """The chains in the order Stripe lists them (a JSON column may keep them in another)."""
    known = list(CHAINS["en"])
    return (known.index(item[0]) if item[0] in known else len(known), item[0])


def _variant_name(line: dict) -> str:
    """Saleor names an unnamed variant by its SKU, or "ID:<pk>" without one: neither is a name for the customer."""
    name = line["variantName"] or ""
    return "" if name == line.get("productSku") or name.startswith("ID:") else name


def tax_groups(priced: list[tuple[Decimal, Decimal]], currency: str) -> list[TaxGroup]:
    """Per rate, highest first: what is charged at it (tax included) and the tax in it, rounded down once per rate
    and invoice (the qualified-invoice rule)."""
    amounts: dict[Decimal, Decimal] = {}
    for rate, gross in priced:
        amounts[rate] = amounts.get(rate, Decimal(0)) + gross
    unit = Decimal(1).scaleb(-precision(currency))
    return [TaxGroup(rate, amount, (amount * rate / (100 + rate)).quantize(unit, rounding=ROUND_DOWN))
            for rate, amount in sorted(amounts.items(), reverse=True) if amount]


def gather(renewal: Renewal) -> Invoice:
    """The renewal's invoice in its subscription's language (raises NoInvoice); reads the order from Saleor (raises
    SaleorError if unreachable)."""
    subscription = renewal.subscription
    installation = subscription.installation
    if not invoiceable(renewal):
        raise NoInvoice("this renewal was not ordered with the amount pending")
    order = SaleorClient.for_installation(installation).execute("InvoiceOrder", {"id": renewal.saleor_order_id})["order"]
    if order is None:
        raise NoInvoice("the renewal's order is not in Saleor")
    language = subscription.language
    currency = order["total"]["gross"]["currency"]

    def money(taxed) -> Decimal:
        return from_saleor(taxed["gross"]["amount"], currency)

    lines, priced = [], []
    for line in order["lines"]:
        total = money(line["totalPrice"])
        name = " ".join(part for part in (line.get("translatedProductName") or line["productName"],
                                          line.get("translatedVariantName") or _variant_name(line)) if part)
        lines.append(Line(name, line["quantity"], money(line["unitPrice"]), total, _percent(line["taxRate"])))
        priced.append((lines[-1].tax_rate, total))
    shipping = money(order["shippingPrice"])
    priced.append((_percent(order["shippingTaxRate"]), shipping))
    zone = zoneinfo.ZoneInfo(installation.time_zone)
    address = order.get("billingAddress") or subscription.billing_address or order.get("shippingAddress") \
        or subscription.shipping_address
    invoice = dict(
        language=language, currency=currency, order_number=order["number"], cycle=renewal.cycle,
        issued_on=datetime.datetime.fromisoformat(order["created"]).astimezone(zone).date(),
        shop_name=installation.sender_name, shop_address=installation.sender_address, shop_email=installation.sender_email,
        shop_registration=installation.invoice_registration_number,
        customer_name=person_name(address, language) or subscription.email, customer_address=address_lines(address),
        lines=lines, shipping=shipping, shipping_tax_rate=_percent(order["shippingTaxRate"]),
        total=from_saleor(order["total"]["gross"]["amount"], currency), tax_groups=tax_groups(priced, currency),
        how_to_pay=registry.get(renewal.payment_kind).invoice_text(language),
        message=_in_language(installation.invoice_message, installation, language))
    if renewal.payment_kind == PaymentMethodKind.BANK_TRANSFER:
        invoice["bank"] = _in_language(installation.bank_transfer_details, installation, language)
    konbini = PaymentInstructions.objects.filter(installation=installation, payment_intent_id=renewal.payment_intent_id).first() \
        if renewal.payment_kind == PaymentMethodKind.KONBINI and renewal.payment_intent_id else None
    if konbini is not None:
        invoice.update(stores=[Store(chain, store.get("paymentCode") or "", store.get("confirmationNumber") or "")
                               for chain, store in sorted(konbini.stores.items(), key=_chain_order)],
                       deadline=konbini.expires_at.astimezone(zone), voucher_url=konbini.voucher_url)
    return Invoice(**invoice)
