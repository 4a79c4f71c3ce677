"""What a customer sees of a subscription: items, the next delivery priced as the renewal will price it, dates,
payment method, orders so far. The portal's pages and the customer API both show this.

The next delivery's lines come from the renewal engine's own pricing (trial, steps, tiers, overrides, list
prices of the day), its one-time items from the lines the renewal adds for them, and shipping from the channel's shipping method for the address, so the amount shown is
the amount charged. Saleor is asked once per channel for names, once for prices and once for shipping.
"""

import datetime
from decimal import Decimal

from ..core.money import format_money, quantize
from ..payments.models import PaymentMethod
from ..phone_orders.quote import shipping_options
from ..plans.pricing import PricingError
from ..renewals.catalogue import shipping_method_pk
from ..renewals import one_time
from ..renewals.engine import _lines
from ..renewals.problems import RenewalProblem
from ..renewals.stock import Variant, cycle_variant_ids, stock_and_prices
from ..saleor.client import SaleorClient, SaleorError
from ..saleor.variant_names import variant_names
from ..subscriptions.addons import next_order_items
from ..subscriptions.calendar import upcoming_deliveries
from ..subscriptions.models import Subscription

UPCOMING = 6


def money(amount: Decimal, currency: str, language: str) -> dict:
    return {"amount": quantize(amount, currency), "currency": currency, "formatted": format_money(amount, currency, language)}


def payment_method(subscription: Subscription) -> dict:
    """{kind, brand, last4, exp_month, exp_year}: the card's brand and last 4, or only the kind (cod, konbini, …)."""
    card: PaymentMethod | None = subscription.payment_method if subscription.payment_kind == "card" else None
    return {"kind": subscription.payment_kind, "brand": card.brand if card else None, "last4": card.last4 if card else None,
            "exp_month": card.exp_month if card else None, "exp_year": card.exp_year if card else None}


def overview(subscription: Subscription, language: str) -> dict:
    return overviews([subscription], language)[0]


def overviews(subscriptions: list[Subscription], language: str) -> list[dict]:
    """Each subscription as its customer sees it, in `language`."""
    if not subscriptions:
        return []
    installation = subscriptions[0].installation
    client = SaleorClient.for_installation(installation)
    ids_by_channel: dict[str, set[str]] = {}
    for subscription in subscriptions:
        ids = {line.variant_id for line in subscription.lines.all()}
        if subscription.next_renewal_on:
            ids |= cycle_variant_ids(subscription, subscription.deliveries + 1)
            ids |= {item.variant_id for item in next_order_items(subscription)}
        ids_by_channel.setdefault(subscription.channel_slug, set()).update(ids)
    names, variants = {}, {}
    for channel, ids in ids_by_channel.items():
        names.update(variant_names(installation, channel, ids, language))
        variants[channel] = _variants(client, channel, subscriptions[0].currency, ids)
    return [_one(subscription, language, client, names, variants.get(subscription.channel_slug)) for subscription in subscriptions]


def _variants(client, channel: str, currency: str, ids: set[str]) -> dict[str, Variant] | None:
    try:
        return stock_and_prices(client, channel, currency, ids)
    except SaleorError:
        return None


def _one(subscription: Subscription, language: str, client, names: dict, variants: dict | None) -> dict:
    rows = list(subscription.lines.select_related("plan_version").order_by("pk"))
    terms = rows[0].plan_version.terms if rows else None
    installation = subscription.installation
    return {
        "id": subscription.pk,
        "status": subscription.status,
        "plan_name": terms.text(language, installation.default_language).name if terms else subscription.plan.code,
        "lines": [{"id": line.pk, "variant_id": line.variant_id, "quantity": line.quantity,
                   "product_name": names.get(line.variant_id, {}).get("product"),
                   "variant_name": names.get(line.variant_id, {}).get("variant")} for line in rows],
        "next_delivery": _next_delivery(subscription, language, client, names, variants),
        "upcoming": upcoming_deliveries(subscription, terms, UPCOMING) if terms else [],
        "paused_until": subscription.paused_until,
        "cancel_at_period_end": subscription.cancel_at_period_end,
        "payment_method": payment_method(subscription),
        "shipping_address": subscription.shipping_address,
        "orders": [{"cycle": renewal.cycle, "number": renewal.saleor_order_number or None, "date": renewal.scheduled_for,
                    "amount": money(renewal.amount, renewal.currency or subscription.currency, language)
                    if renewal.amount is not None else None, "payment_status": renewal.payment_status}
                   for renewal in subscription.renewals.exclude(saleor_order_id="").order_by("-cycle")],
        "started_on": subscription.started_on,
    }


def _next_delivery(subscription, language, client, names, variants) -> dict | None:
    """The next delivery's date, lines and amounts; None when none is scheduled, amounts None when Saleor cannot price it."""
    on: datetime.date | None = subscription.next_renewal_on
    if on is None or subscription.status not in (Subscription.Status.TRIALING, Subscription.Status.ACTIVE,
                                                 Subscription.Status.PAST_DUE):
        return None
    currency, cycle = subscription.currency, subscription.deliveries + 1
    once = next_order_items(subscription)
    try:
        if variants is None:
            raise RenewalProblem("saleor_unanswered")
        lines = _lines(subscription, cycle, variants)
    except (RenewalProblem, PricingError, KeyError):
        return {"date": on, "cycle": cycle, "lines": [], "one_time_items": [], "items_total": None, "shipping": None,
                "total": None}
    added = one_time.order_lines(once)
    items = sum((Decimal(line["price"]) * line["quantity"] for line in lines + added), Decimal(0))
    shipping = _shipping(subscription, client, items)

    def shown(line: dict) -> dict:
        return {"variant_id": line["variantId"], "quantity": line["quantity"],
                "product_name": names.get(line["variantId"], {}).get("product"),
                "variant_name": names.get(line["variantId"], {}).get("variant"),
                "unit_price": money(Decimal(line["price"]), currency, language),
                "amount": money(Decimal(line["price"]) * line["quantity"], currency, language)}

    return {
        "date": on, "cycle": cycle,
        "lines": [shown(line) for line in lines],
        "one_time_items": [_named(item, shown(line)) for item, line in zip(once, added, strict=True)],
        "items_total": money(items, currency, language),
        "shipping": money(shipping, currency, language) if shipping is not None else None,
        "total": money(items + shipping, currency, language) if shipping is not None else None,
    }


def _named(item, shown: dict) -> dict:
    """A one-time item of this delivery only (its id removes it), named as when added where Saleor no longer says."""
    return shown | {"id": item.pk, "product_name": shown["product_name"] or item.product_name,
                    "variant_name": shown["variant_name"] or item.variant_name}


def _shipping(subscription, client, items: Decimal) -> Decimal | None:
    """The subscription's shipping method's price for its address and this amount (0 with no method: nothing shipped)."""
    if not subscription.shipping_method_id:
        return Decimal(0)
    try:
        options = shipping_options(client, subscription.channel_slug, subscription.currency,
                                   subscription.shipping_address, items)
    except SaleorError:
        return None
    wanted = shipping_method_pk(subscription.shipping_method_id)
    return next((option.price for option in options if shipping_method_pk(option.id) == wanted), None)

