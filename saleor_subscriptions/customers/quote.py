"""What a change would make of the next delivery, shown before the customer confirms it: tried, priced, undone.

The change runs as it will for real (subscriptions/actions.py, with the same refusals) in a transaction that
is rolled back. Saleor is asked before it (prices and stock of every variant concerned) and after it
(shipping for the new amount), never while it is open.
"""

from django.db import transaction

from ..renewals.engine import cycle_variant_ids
from ..saleor.client import SaleorClient
from ..saleor.variant_names import variant_names
from ..subscriptions.models import Subscription
from .overview import _variants, delivery, priced_lines


class _Undo(Exception):
    """Rolls the tried change back, carrying what it made."""


def quote(subscription: Subscription, language: str, change, *, variant_ids=()) -> dict:
    """{"current", "changed"}: the next delivery now and after `change(subscription)` (database only); nothing is kept.

    `variant_ids`: variants the change brings in (a new variant, the free inserts of a new plan).
    """
    installation, channel = subscription.installation, subscription.channel_slug
    client = SaleorClient.for_installation(installation)
    ids = cycle_variant_ids(subscription, subscription.deliveries + 1) | set(variant_ids)
    variants = _variants(client, channel, subscription.currency, ids)
    names = variant_names(installation, channel, ids, language)
    current = priced_lines(subscription, variants)
    try:
        with transaction.atomic():
            tried = change(subscription)
            raise _Undo(tried, priced_lines(tried, variants))
    except _Undo as undone:
        tried, lines = undone.args
    return {"current": delivery(subscription, current, language, client, names),
            "changed": delivery(tried, lines, language, client, names)}
