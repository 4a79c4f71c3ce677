"""Typed views of the Saleor objects our webhooks carry (money as Decimal, metadata as dicts)."""

import dataclasses
import datetime
from decimal import Decimal

from ..core.money import from_saleor


def list_price(variant: dict, currency: str) -> Decimal | None:
    """A variant's channel price (`pricing.price.gross`), or None where it is not priced."""
    pricing = variant.get("pricing")
    return from_saleor(pricing["price"]["gross"]["amount"], currency) if pricing else None


def on_sale(product: dict, channel: str, now: datetime.datetime) -> bool:
    """Published and available for purchase in the channel now, as Saleor shows it to a shopper.

    `visibleInListings` is not asked: it only keeps a product off category and search pages, and
    Saleor still sells it from its own page.
    """
    listing = next((item for item in product.get("channelListings") or () if item["channel"]["slug"] == channel), None)

    published_at = listing and listing["publishedAt"]
    # Saleor hides a listing published for a later date; isAvailableForPurchase already compares its date with now
    return bool(listing and listing["isPublished"] and listing["isAvailableForPurchase"]
                and (published_at is None or datetime.datetime.fromisoformat(published_at) <= now))


def person_name(address: dict | None, language: str = "ja") -> str:
    """As `language` writes names: "Alice Doe" (en), "山田 花子" (ja, konbini vouchers), "王小明" (zh): family name first."""
    address = address or {}
    first, last = address.get("firstName") or "", address.get("lastName") or ""
    latin = any(char.isascii() and char.isalpha() for char in first + last)
    separator = "" if language.startswith("zh") and not latin else " "
    return separator.join(part for part in ((first, last) if language == "en" else (last, first)) if part)


def _metadata(items) -> dict[str, str]:
    return {item["key"]: item["value"] for item in items or ()}


def _gross(taxed) -> Decimal | None:
    return Decimal(str(taxed["gross"]["amount"])) if taxed else None


def _shipping_method(delivery: dict | None) -> str | None:
    """Only a shipping method repeats on renewals; click-and-collect (a warehouse) does not."""
    return delivery["id"] if delivery and delivery.get("__typename") == "ShippingMethod" else None


@dataclasses.dataclass(frozen=True)
class OrderLine:
    id: str
    variant_id: str | None
    product_id: str | None
    quantity: int
    unit_price_gross: Decimal
    total_price_gross: Decimal
    is_price_overridden: bool
    metadata: dict[str, str]

    @classmethod
    def from_payload(cls, line: dict) -> "OrderLine":
        return cls(
            id=line["id"],
            variant_id=(line.get("variant") or {}).get("id"),
            product_id=((line.get("variant") or {}).get("product") or {}).get("id"),
            quantity=int(line["quantity"]),
            unit_price_gross=_gross(line["unitPrice"]),
            total_price_gross=_gross(line["totalPrice"]),
            is_price_overridden=bool(line.get("isPriceOverridden")),
            metadata=_metadata(line.get("metadata")),
        )


@dataclasses.dataclass(frozen=True)
class Order:
    id: str
    number: str
    external_reference: str | None
    channel_id: str
    channel_slug: str
    currency: str
    language_code: str | None
    user_id: str | None
    user_email: str | None
    lines: tuple[OrderLine, ...]
    total_gross: Decimal
    charge_status: str | None
    shipping_address: dict | None
    billing_address: dict | None
    shipping_method_id: str | None
    psp_references: tuple[str, ...]
    created: str | None
    metadata: dict[str, str]

    @classmethod
    def from_payload(cls, order: dict) -> "Order":
        user = order.get("user") or {}
        return cls(
            id=order["id"],
            number=str(order["number"]),
            external_reference=order.get("externalReference"),
            channel_id=order["channel"]["id"],
            channel_slug=order["channel"]["slug"],
            currency=order["channel"]["currencyCode"],
            language_code=order.get("languageCodeEnum"),
            user_id=user.get("id"),
            user_email=order.get("userEmail") or user.get("email"),
            lines=tuple(OrderLine.from_payload(line) for line in order["lines"]),
            total_gross=_gross(order["total"]),
            charge_status=order.get("chargeStatus"),
            shipping_address=order.get("shippingAddress"),
            billing_address=order.get("billingAddress"),
            shipping_method_id=_shipping_method(order.get("deliveryMethod")),
            psp_references=tuple(t["pspReference"] for t in order.get("transactions") or () if t.get("pspReference")),
            created=order.get("created"),
            metadata=_metadata(order.get("metadata")),
        )
