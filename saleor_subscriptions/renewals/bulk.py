"""Renewal orders through `orderBulkCreate`: up to 50 orders in one call, for volume.

A batch claims up to 50 due subscriptions (SKIP LOCKED, as the draft path does), reads each
channel's catalogue once, applies the stock policies, and creates the orders **unconfirmed** in
one call. Each order then goes through the same steps as a draft order: the charge for the
order's total (the cycle's one PaymentIntent), then the transaction, on which Saleor confirms
the order (in channels that confirm new orders automatically). Nothing ships unpaid, and a
declined card leaves an unconfirmed order waiting for its retry.

Crash safety: the batch's subscriptions are leased (no transaction is open during the calls), and
orders a crashed run created are found first by their `subscription.renewal` metadata and
finished, never created twice (Saleor also refuses a used external reference). Anything the bulk
input cannot say correctly (`catalogue.NeedsDraft`) is renewed through the draft path instead.
"""

import datetime
import logging
from decimal import Decimal

from django.utils import timezone

from ..figures import prices
from ..payment_methods import registry
from ..saleor.client import SaleorClient
from ..saleor.languages import saleor_language
from ..subscriptions.models import Renewal, Subscription
from . import catalogue as catalogues
from . import lease, lines, one_time, outcomes
from .catalogue import Catalogue, NeedsDraft
from .engine import (
    RenewalProblem,
    address_input,
    check_sold,
    claimable,
    order_metadata,
    renew_leased,
    saved_card,
    stocked_lines,
)
from .outcomes import renewal_rows
from .stock import cycle_variant_ids

logger = logging.getLogger(__name__)
BATCH = 50  # Saleor's limit per orderBulkCreate call
# (connect, read) seconds: a live 3.23.28 spends about 140 ms of CPU per imported order, and calls
# from parallel workers queue behind each other; a timeout leaves orders that the next run finds.
BULK_TIMEOUT = (2, 180)


def renew_batch(installation, today: datetime.date, progress: float = 1.0, skip=(), worker: str | None = None) -> list[Renewal]:
    """Lease up to 50 due subscriptions and renew them; an empty list when nothing is left."""
    claimed = lease.claim(claimable(installation, today, progress, skip), worker or lease.worker_id(), limit=BATCH,
                          installation=installation)
    if not claimed:
        return []
    pending = {subscription.pk: subscription for subscription in claimed}
    try:
        return _renew(installation, today, claimed, pending)
    finally:
        for subscription in pending.values():  # those not handed to renew_leased (which releases its own)
            lease.release(subscription)


def _renew(installation, today: datetime.date, claimed: list[Subscription], pending: dict[int, Subscription]) -> list[Renewal]:
    def handed(subscription, order=None, made=False):
        """`made`: the order (or, without one, the draft to make) is this run's own, none could exist before."""
        pending.pop(subscription.pk)
        return renew_leased(subscription, today, order, renewals[subscription.pk], new=made and subscription.pk in made_now)

    client = SaleorClient.for_installation(installation)
    lines.prefetch(claimed)
    renewals, made_now = renewal_rows(claimed)
    shipped = {subscription.pk: cycle_variant_ids(subscription, renewals[subscription.pk].cycle) for subscription in claimed}
    made = _orders_made(client, [renewal for pk, renewal in renewals.items() if pk not in made_now])
    one_time_ids = one_time.batch_variant_ids(renewals)
    ordered = {s.pk: shipped[s.pk] | one_time_ids[s.pk] for s in claimed}  # one-time items too
    shop = _catalogues(client, claimed, ordered)
    done, rows = [], []
    for subscription in claimed:
        renewal = renewals[subscription.pk]
        order = made.get(renewal.external_reference)
        if order is not None or subscription.cancel_at_period_end:
            done.append(handed(subscription, order))
            continue
        try:
            row = _order_input(subscription, renewal, today, shop[subscription.channel_slug], shipped[subscription.pk],
                               bool(one_time_ids[subscription.pk]))
        except NeedsDraft as reason:
            logger.info("subscription #%s renews through a draft order: %s", subscription.pk, reason)
            done.append(handed(subscription, made=True))
            continue
        except RenewalProblem as problem:
            done.append(outcomes.problem(subscription, problem))
            continue
        if row is None:  # waiting for stock, or skipped: recorded by the stock policy
            done.append(renewal)
        else:
            rows.append((subscription, row))
    if rows:
        done += _create(client, rows, handed)
    return done


def _create(client: SaleorClient, rows: list[tuple[Subscription, dict]], handed) -> list[Renewal]:
    orders = [row for _, row in rows]
    results = client.execute("OrderBulkCreate", {"orders": orders}, timeout=BULK_TIMEOUT)["orderBulkCreate"]["results"]
    done = []
    for (subscription, _), result in zip(rows, results, strict=True):
        codes = {error["code"] for error in result["errors"] or ()}
        if result["order"] is not None:
            done.append(handed(subscription, result["order"], made=True))
        elif "UNIQUE" in codes:  # an earlier run made it: the draft path finds it by reference
            done.append(handed(subscription))
        else:
            refused = "; ".join(f"{error['path']}: {error['message']} ({error['code']})" for error in result["errors"])
            done.append(outcomes.problem(subscription, RenewalProblem("bulk_refused", detail=str(refused))))
    return done


def _orders_made(client: SaleorClient, renewals) -> dict[str, dict]:
    """Orders of these cycles that exist already (a crashed run made them), by external reference.

    Only cycles whose rows an earlier run made are asked about: a row made now has no order yet."""
    references = [renewal.external_reference for renewal in renewals]
    if not references:
        return {}
    edges = client.execute("RenewalOrders", {"references": references})["orders"]["edges"]
    return {edge["node"]["externalReference"]: edge["node"] for edge in edges}


def _catalogues(client: SaleorClient, claimed: list[Subscription], shipped: dict[int, set[str]]) -> dict[str, Catalogue]:
    """One catalogue per channel of the batch, with every variant its cycles ship (one-time items included)."""
    wanted: dict[str, tuple[str, set[str]]] = {}
    for subscription in claimed:
        currency, ids = wanted.setdefault(subscription.channel_slug, (subscription.currency, set()))
        ids |= shipped[subscription.pk]
    shop = {channel: catalogues.fetch(client, channel, currency, ids) for channel, (currency, ids) in wanted.items()}
    for channel, catalogue in shop.items():
        prices.remember(claimed[0].installation_id, channel, catalogue.variants)
    return shop


def _order_input(subscription: Subscription, renewal: Renewal, today: datetime.date, shop: Catalogue,
                 shipped: set[str], one_time_items: bool) -> dict | None:
    """The cycle's `OrderBulkCreateInput`, priced and taxed as Saleor's flat rates would; None when stock says wait or skip."""
    if registry.charged_off_session(subscription.payment_kind):
        saved_card(subscription)  # no order that could never be paid
    check_sold(subscription, shipped, shop.variants.keys())
    lines = stocked_lines(subscription, renewal, shop.variants, today, one_time_items)
    if lines is None:
        return None
    address = subscription.shipping_address or subscription.billing_address
    if not address:
        raise NeedsDraft("no address to tax the order by")
    country = (address.get("country") or {}).get("code")
    now = timezone.now().isoformat()
    rows, rates, taken = [], set(), []
    for line in lines:
        variant = shop.variants[line["variantId"]]
        if variant.tax_class is None:
            raise NeedsDraft(f"{variant.product_name} has no tax class")
        rate = shop.rate(country, variant.tax_class)
        net, gross = shop.taxed(line["quantity"] * Decimal(line["price"]), rate)
        undiscounted = shop.taxed(line["quantity"] * Decimal(line.get("undiscountedPrice", line["price"])), rate)
        warehouse = shop.warehouse(line["variantId"], line["quantity"] + sum(q for v, _, q in taken if v == line["variantId"]))
        taken.append((line["variantId"], warehouse, line["quantity"]))
        rates.add(rate)
        total = {"net": str(net), "gross": str(gross)}
        before_discount = {"net": str(undiscounted[0]), "gross": str(undiscounted[1])}
        rows.append({
            "variantId": line["variantId"], "productName": variant.product_name, "variantName": variant.name,
            "productSku": variant.sku, "createdAt": now, "isShippingRequired": variant.shipping_required, "isGiftCard": False,
            "quantity": line["quantity"], "totalPrice": total, "undiscountedTotalPrice": before_discount, "warehouse": warehouse,
            "taxClassId": variant.tax_class, "taxRate": str(rate / 100),
        })
    order = {
        "externalReference": renewal.external_reference, "channel": subscription.channel_slug, "createdAt": now,
        "status": "UNCONFIRMED", "currency": subscription.currency, "languageCode": saleor_language(subscription.language),
        "user": {"id": subscription.customer_id} if subscription.customer_id else {"email": subscription.email},
        "billingAddress": address_input(subscription.billing_address or address),
        "shippingAddress": address_input(subscription.shipping_address), "lines": rows,
        "metadata": order_metadata(subscription, renewal),
    }
    if any(row["isShippingRequired"] for row in rows):
        order["deliveryMethod"] = _delivery(subscription, shop, country, rates)
    for variant_id, warehouse, quantity in taken:
        shop.take(variant_id, warehouse, quantity)
    return order


def _delivery(subscription: Subscription, shop: Catalogue, country: str, line_rates: set) -> dict:
    if not subscription.shipping_method_id:
        raise NeedsDraft("no shipping method")
    method = shop.shipping.get(catalogues.shipping_method_pk(subscription.shipping_method_id))
    if method is None or method.tax_class is None:
        raise NeedsDraft("the shipping method has no price or tax class in this channel")
    if shop.weighted_shipping(country):
        if len(line_rates) != 1:
            raise NeedsDraft("shipping is taxed at the lines' weighted rate")
        (rate,) = line_rates
    else:
        rate = shop.rate(country, method.tax_class)
    net, gross = shop.taxed(method.price, rate)
    return {"shippingMethodId": catalogues.shipping_method_id(method.pk), "shippingMethodName": method.name,
            "shippingPrice": {"net": str(net), "gross": str(gross)}, "shippingTaxClassId": method.tax_class,
            "shippingTaxRate": str(rate / 100)}
