"""One-time items in a renewal order: the cycle takes them just before its order is made, so one order carries them.

Taking is committed under the lease before Saleor is asked to make the order. A run that resumes the
cycle finds the order (and builds nothing), or builds it again from the same items: never twice, never
in the following cycle's order. An item the delivery cannot carry (no longer sold, short of stock)
waits for the next delivery, as items do through skipped ones.
"""

from collections import Counter, defaultdict

from django.db.models import Q

from ..core import rows
from ..core.models import record_event
from ..core.money import quantize
from ..subscriptions.models import OneTimeItem, Renewal, Subscription
from . import lease


def _candidates(subscription: Subscription, renewal: Renewal):
    """Waiting items, and those this cycle took in a run that stopped before its order was made."""
    return subscription.one_time_items.filter(Q(renewal__isnull=True) | Q(renewal=renewal)).order_by("pk")


def variant_ids(subscription: Subscription, renewal: Renewal) -> set[str]:
    return set(_candidates(subscription, renewal).values_list("variant_id", flat=True))


def batch_variant_ids(renewals: dict[int, Renewal]) -> dict[int, set[str]]:
    """`variant_ids` of a batch ({subscription id: its cycle's renewal}) in one statement (written out: the ORM built
    it anew for each claim)."""
    found = {subscription_id: set() for subscription_id in renewals}
    ids = [renewal.pk for renewal in renewals.values()]
    cursor = rows.cursor()
    cursor.execute(f"SELECT subscription_id, variant_id FROM {OneTimeItem._meta.db_table} WHERE subscription_id IN "
                   f"({rows.places(found)}) AND (renewal_id IS NULL OR renewal_id IN ({rows.places(ids)}))", [*found, *ids])
    for subscription_id, variant_id in cursor.fetchall():
        found[subscription_id].add(variant_id)
    return found


def take(subscription: Subscription, renewal: Renewal, variants: dict, lines: list[dict]) -> list[dict]:
    """`lines` with the one-time items the delivery carries, each at its price of the day it was added.

    A product is carried whole or not at all, if the stock left after `lines` holds it.
    """
    with lease.held(subscription, fresh=False):  # its lock orders this after any change a customer is making
        groups: dict[str, list[OneTimeItem]] = defaultdict(list)
        for item in _candidates(subscription, renewal):
            groups[item.variant_id].append(item)
        ordered = Counter()
        for line in lines:
            ordered[line["variantId"]] += line["quantity"]
        taken, held = [], []
        for variant_id, items in groups.items():
            wanted, variant = sum(item.quantity for item in items), variants.get(variant_id)
            if variant is not None and variant.available >= ordered[variant_id] + wanted:
                ordered[variant_id] += wanted
                taken += items
            else:
                held += items
        OneTimeItem.objects.filter(pk__in=[item.pk for item in taken]).update(renewal=renewal)
        OneTimeItem.objects.filter(pk__in=[item.pk for item in held]).update(renewal=None)
        if held:
            record_event(subscription.installation, "renewal.one_time_items_held", subscription=subscription.pk,
                         cycle=renewal.cycle, variants=sorted({item.variant_id for item in held}))
    return lines + order_lines(taken)


def order_lines(items) -> list[dict]:
    """One-time items as renewal order lines, at their price of the day they were added (also what customers are shown)."""
    return [{"variantId": item.variant_id, "quantity": item.quantity, "price": str(quantize(item.unit_price, item.currency)),
             "forceNewLine": True} for item in items]
