"""What a change would make of the next delivery, shown before the customer confirms it: tried, priced, undone.

The change runs as it will for real (subscriptions/actions.py, with the same refusals) in a transaction that
is rolled back, and the next delivery is priced there as the overview prices it. Saleor is asked before the
transaction opens (prices, stock, the shipping zones); nothing inside it calls out.
"""

from django.db import transaction

from ..renewals.stock import cycle_variant_ids
from ..saleor.client import SaleorClient, SaleorError
from ..saleor.variant_names import variant_names
from ..subscriptions.models import Subscription
from .overview import _next_delivery, _variants


class _Undo(Exception):
    """Rolls the tried change back, carrying the delivery it made."""


class _Asked:
    """A Saleor client answering from what was asked before the transaction; any other question is a bug (KeyError)."""

    def __init__(self, client, subscription):
        self.answers = {}
        if subscription.shipping_method_id:  # else the delivery ships nothing and no shipping is asked for
            try:
                self.answers["ShippingOptions"] = client.execute("ShippingOptions", {"channel": subscription.channel_slug})
            except SaleorError as exc:
                self.answers["ShippingOptions"] = exc  # shown as the overview shows it: no shipping, no total

    def execute(self, operation: str, variables=None, **_):
        answer = self.answers[operation]
        if isinstance(answer, SaleorError):
            raise answer
        return answer


def quote(subscription: Subscription, language: str, change, *, variant_ids=()) -> dict:
    """{"current", "changed"}: the next delivery now and after `change(subscription)` (database only); nothing is kept.

    `variant_ids`: variants the change brings in (a new variant, the free inserts of a new plan).
    """
    installation, channel = subscription.installation, subscription.channel_slug
    client = SaleorClient.for_installation(installation)
    ids = cycle_variant_ids(subscription, subscription.deliveries + 1) | set(variant_ids)
    variants = _variants(client, channel, subscription.currency, ids)
    names = variant_names(installation, channel, ids, language)
    asked = _Asked(client, subscription)
    current = _next_delivery(subscription, language, asked, names, variants)
    try:
        with transaction.atomic():
            tried = change(subscription)
            raise _Undo(_next_delivery(tried, language, asked, names, variants))
    except _Undo as undone:
        (changed,) = undone.args
    return {"current": current, "changed": changed}
