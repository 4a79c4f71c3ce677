"""One-time items: another product in the next delivery only, at the channel's price of the day it is added.

They are changes to the next delivery like any other (`actions._check`: the status, the change cut-off,
staff overrides). The renewal that makes the next order takes them (`renewals/one_time.py`); until then
they wait, through skipped deliveries and pauses.
"""

import base64
import binascii
import dataclasses
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..saleor.client import SaleorClient
from ..saleor.languages import saleor_language
from ..saleor.payloads import list_price, on_sale
from .actions import CHANGEABLE, LifecycleError, _check, _locked, _record
from .models import OneTimeItem, Subscription

MAX_QUANTITY = 50  # of one product, as Saleor's checkout lines take at most
MAX_ITEMS = 20  # different products added to one delivery


@dataclasses.dataclass(frozen=True)
class OnSale:
    price: Decimal
    available: int
    product_name: str
    variant_name: str


def waiting_items(subscription):
    """Items no renewal order carries yet: waiting ones, and those a cycle took whose order is not made yet."""
    return subscription.one_time_items.filter(Q(renewal__isnull=True) | Q(renewal__saleor_order_id="")).order_by("pk")


def next_order_items(subscription) -> list[OneTimeItem]:
    """What the next renewal order carries; nothing while the next date retries an order made already (past due)."""
    return [] if subscription.status == Subscription.Status.PAST_DUE else list(waiting_items(subscription))


def _is_variant_id(variant_id: str) -> bool:
    try:
        type_name, _, pk = base64.b64decode(variant_id, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    return type_name == "ProductVariant" and bool(pk) and len(variant_id) <= 255


def on_sale_variant(subscription, variant_id: str) -> OnSale:
    """What the subscription's channel sells the variant for now, and its names in the customer's language (Saleor)."""
    refused = LifecycleError("variantId", "not_available", "this product is not sold in the subscription's channel",
                             words="one_time_not_available")
    if not _is_variant_id(variant_id):
        raise refused
    data = SaleorClient.for_installation(subscription.installation).execute("OneTimeItemVariant", {
        "variantId": variant_id, "channel": subscription.channel_slug, "languageCode": saleor_language(subscription.language)})
    channel, variant = data["channel"], data["productVariant"]
    if (channel is None or not channel["isActive"] or channel["currencyCode"] != subscription.currency or variant is None
            or not on_sale(variant["product"], subscription.channel_slug, timezone.now())):
        raise refused
    price = list_price(variant, subscription.currency)
    if price is None:
        raise refused
    product = variant["product"]
    return OnSale(price=price, available=variant["quantityAvailable"] or 0,
                  product_name=(product.get("translation") or {}).get("name") or product["name"],
                  variant_name=(variant.get("translation") or {}).get("name") or variant["name"])


def _check_quantity(quantity: int, already: int, available: int) -> None:
    if quantity < 1 or quantity + already > MAX_QUANTITY:
        raise LifecycleError("quantity", "quantity_out_of_range", f"1–{MAX_QUANTITY - already} more of this product",
                             words="quantity_range", minimum=1, maximum=max(MAX_QUANTITY - already, 1))
    if quantity + already > available:
        raise LifecycleError("quantity", "out_of_stock", f"only {available} in stock", available=available)


def add_one_time_item(subscription, variant_id: str, quantity: int, *, actor, actor_id="", today, force=False) -> OneTimeItem:
    """`quantity` of a product in the next delivery only; the same product added again adds up (at today's price).

    Saleor is asked first, with no transaction open; the change itself is one short transaction.
    """
    found = on_sale_variant(subscription, variant_id)
    with transaction.atomic():
        subscription = _locked(subscription)
        overridden = _check(subscription, actor, today, force=force)
        if subscription.cancel_at_period_end:
            raise LifecycleError("status", "invalid_status", "the subscription ends before its next delivery",
                                 status=subscription.status)
        waiting = subscription.one_time_items.filter(renewal__isnull=True)
        item = waiting.filter(variant_id=variant_id).order_by("pk").first()
        _check_quantity(quantity, item.quantity if item else 0, found.available)
        if item is None and waiting.count() >= MAX_ITEMS:
            raise LifecycleError("variantId", "too_many", f"at most {MAX_ITEMS} products can be added to one delivery",
                                 words="one_time_too_many", limit=MAX_ITEMS)
        if item is None:
            item = OneTimeItem(subscription=subscription, variant_id=variant_id, quantity=0, currency=subscription.currency)
        item.quantity += quantity
        item.unit_price, item.product_name, item.variant_name = found.price, found.product_name[:255], found.variant_name[:255]
        item.save()
        _record(subscription, "subscription.one_time_item_added", actor, actor_id, item=item.pk, variant=variant_id,
                quantity=quantity, total_quantity=item.quantity, unit_price=str(item.unit_price), currency=item.currency,
                delivery=str(subscription.next_renewal_on), **overridden)
        return item


@transaction.atomic
def remove_one_time_item(subscription, item_id: int, *, actor, actor_id="", today, force=False):
    """The item leaves the next delivery (a paused subscription's too); one already in a renewal order stays there."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force, statuses=(*CHANGEABLE, Subscription.Status.PAUSED))
    item = subscription.one_time_items.select_related("renewal").filter(pk=item_id).first()
    if item is None:
        raise LifecycleError("itemId", "not_found", "no such one-time item in this subscription")
    if item.renewal is not None:
        raise LifecycleError("itemId", "in_order", f"it is in the order of the delivery of {item.renewal.scheduled_for} already",
                             words="one_time_in_order", date=item.renewal.scheduled_for)
    item.delete()
    return _record(subscription, "subscription.one_time_item_removed", actor, actor_id, item=item_id, variant=item.variant_id,
                   quantity=item.quantity, **overridden)
