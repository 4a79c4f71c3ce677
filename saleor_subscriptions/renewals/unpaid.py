"""A payment requested and not made in time (a konbini voucher that expires, a method's deadline that passes with
`after="stop"`): the subscription stops as after its last failed retry.

Konbini is paid by the customer at the till, so there is nothing to retry off-session. When Stripe
reports the renewal's PaymentIntent failed (the voucher expired), the renewal fails, the
subscription is paused or cancelled by the installation's `after_last_retry` setting, and the
unpaid order is cancelled unless it has shipped already. The `renewal.declined` event tells the
customer and the merchant, as for a card whose last retry failed.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..core.models import Event, record_event
from ..payments.declines import Outcome
from ..saleor.client import SaleorClient, SaleorMutationError
from ..subscriptions.models import Renewal, Subscription
from .outcomes import RENEWABLE

logger = logging.getLogger(__name__)


def voucher_expired(installation, payment_intent_id: str, message: str) -> Renewal | None:
    """Act once on an expired voucher of a renewal; None when it belongs to no (unfinished) renewal."""
    return stop_unpaid(installation, Q(payment_intent_id=payment_intent_id), "konbini_expired", message)


def stop_unpaid(installation, which: Q, decline_code: str, message: str) -> Renewal | None:
    """The renewal `which` names was not paid in time: it fails as after its last retry (the subscription is paused or
    cancelled by `after_last_retry`) and its order is cancelled unless shipped. Once: None when no unfinished renewal.

    Our rows change in one short transaction; the order is cancelled in Saleor after it commits.
    """
    with transaction.atomic():
        renewal = (Renewal.objects.select_for_update().select_related("subscription")
                   .filter(which, subscription__installation=installation, state=Renewal.State.DONE, paid_at=None).first())
        if renewal is None:
            return None
        subscription = renewal.subscription
        renewal.state, renewal.decline_code, renewal.last_error = Renewal.State.FAILED, decline_code, message
        renewal.save()
        if subscription.status in RENEWABLE:
            paused = installation.after_last_retry == "pause"
            subscription.status = Subscription.Status.PAUSED if paused else Subscription.Status.CANCELLED
            subscription.next_renewal_on, subscription.ended_at = None, None if paused else timezone.now()
            subscription.save()
        record_event(installation, "renewal.declined", actor=Event.Actor.SYSTEM, subscription=subscription.pk,
                     cycle=renewal.cycle, outcome=Outcome.FINAL, decline_code=renewal.decline_code, next_attempt="None",
                     status=subscription.status)
    try:
        SaleorClient.for_installation(installation).execute("OrderCancel", {"id": renewal.saleor_order_id})
    except SaleorMutationError as exc:  # fulfilled already: the merchant collects or writes it off
        logger.warning("unpaid order %s was not cancelled: %s", renewal.saleor_order_id, exc)
    return renewal
