"""Deleting a subscription for good (staff), e.g. one entered by mistake.

What happens in Saleor: orders already placed stay (they are the shop's records: fulfil, refund or
cancel them there); an unpaid renewal order of ours that never became a real sale goes (a draft is
deleted, an unconfirmed order cancelled). The subscription, its lines, renewals and schedule are
deleted here; the event log keeps who deleted what (an installation event with the staff e-mail and a
summary). A renewal worker's lease is taken first, so no renewal is ordering or charging meanwhile;
a cycle that is being charged, or was charged without its order completed, refuses the deletion.
"""

from dataclasses import dataclass

from ..core.models import Event, record_event
from ..renewals import lease
from ..renewals.outcomes import discard_unpaid_order
from ..saleor.client import SaleorClient
from .actions import LifecycleError
from .models import Renewal, Subscription

# a cycle whose money may be moving or already taken while its order is not complete
IN_FLIGHT = (Renewal.State.CHARGING, Renewal.State.CHARGED)
# cycles whose order may still be unpaid: drafted and left, declined, or skipped for stock
MAYBE_UNPAID = (Renewal.State.DRAFTED, Renewal.State.FAILED, Renewal.State.RETRY_SCHEDULED, Renewal.State.SKIPPED)


@dataclass(frozen=True)
class Effects:
    orders_kept: int  # placed orders that stay in Saleor (the first order included)
    drafts_deleted: int  # unpaid renewal orders of ours that leave Saleor (at most)


def effects(subscription: Subscription) -> Effects:
    """What deleting would do in Saleor, from our records (no call to Saleor)."""
    with_order = subscription.renewals.exclude(saleor_order_id="")
    unpaid = with_order.filter(state__in=MAYBE_UNPAID, paid_at__isnull=True).count()
    return Effects(orders_kept=1 + with_order.count() - unpaid, drafts_deleted=unpaid)


def delete(subscription: Subscription, *, actor_id: str) -> int:
    """Delete the subscription; the number of unpaid renewal orders removed from Saleor."""
    taken = lease.claim(Subscription.objects.filter(pk=subscription.pk), lease.worker_id())
    if not taken:
        raise LifecycleError("id", "busy", "a renewal worker is ordering this delivery right now; try again in a moment")
    subscription = taken[0]
    try:
        if subscription.renewals.filter(state__in=IN_FLIGHT).exists():
            raise LifecycleError("id", "busy", "a delivery of this subscription is being charged; try again later",
                                 words="renewal_in_flight")
        removed = _remove_unpaid_orders(subscription)
        with lease.held(subscription):
            kept = [r.saleor_order_number or r.saleor_order_id for r in subscription.renewals.exclude(saleor_order_id="")]
            record_event(subscription.installation, "subscription.deleted", actor=Event.Actor.STAFF, actor_id=actor_id,
                         subscription=subscription.pk, email=subscription.email, customer=subscription.customer_id,
                         plan=subscription.plan.code, status=subscription.status, deliveries=subscription.deliveries,
                         origin_order=subscription.origin_order_id, orders_kept=kept, saleor_orders_removed=removed)
            subscription.delete()
    except BaseException:
        lease.release(subscription)
        raise
    return removed


def _remove_unpaid_orders(subscription: Subscription) -> int:
    """Unpaid renewal orders leave Saleor (found again by reference, so a retry repeats nothing)."""
    client = SaleorClient.for_installation(subscription.installation)
    removed = 0
    for renewal in subscription.renewals.filter(state__in=MAYBE_UNPAID, paid_at__isnull=True).exclude(saleor_order_id=""):
        order = client.execute("OrderByReference", {"externalReference": renewal.external_reference})["order"]
        if order is not None and order["chargeStatus"] == "NONE" and order["status"] in ("DRAFT", "UNCONFIRMED"):
            discard_unpaid_order(client, order)
            removed += 1
    return removed
