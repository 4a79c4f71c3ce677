"""A renewal run: everything due, through the installation's order path (draft orders, or bulk)."""

import datetime

from django.db import transaction

from ..core.models import record_event
from ..subscriptions.actions import LifecycleError
from ..subscriptions.models import Renewal, Subscription
from . import bulk, lease
from .engine import CLAIM, claimable, renew_claimed, renew_leased, window_progress
from .outcomes import RENEWABLE

FINISHED = (Renewal.State.DONE, Renewal.State.SKIPPED)


def run_due(installation, today: datetime.date | None = None, limit: int = 10_000) -> int:
    """Renew everything due; a cycle left unfinished (a problem, an interruption) waits for the next run.

    Without `today`, the date and the renewal window's progress come from the clock.
    """
    progress = 1.0
    if today is None:
        today, progress = window_progress(installation)
    worker = lease.worker_id()
    done, unfinished = 0, set()
    while done < limit:
        if installation.renewal_orders == "bulk":
            renewals = bulk.renew_batch(installation, today, progress, skip=unfinished, worker=worker)
        else:
            renewals = renew_claimed(installation, today, progress, skip=unfinished, worker=worker,
                                     limit=min(CLAIM, limit - done))
        if not renewals:
            return done
        unfinished |= {renewal.subscription_id for renewal in renewals if renewal.state not in FINISHED}
        done += len(renewals)
    return done


def renew_now(subscription: Subscription, *, actor, actor_id="", today: datetime.date) -> Renewal:
    """Staff: the next delivery is ordered (and charged) now, not on its date."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status not in RENEWABLE or subscription.cancel_at_period_end:
            raise LifecycleError("id", "invalid_status", f"a {subscription.status} subscription has no next delivery to order")
        subscription.next_renewal_on = min(subscription.next_renewal_on or today, today)
        subscription.save(update_fields=["next_renewal_on", "updated_at"])
        record_event(subscription.installation, "subscription.renewed_now", actor=actor, actor_id=actor_id,
                     subscription=subscription.pk)
    taken = lease.claim(claimable(subscription.installation, today, 1.0).filter(pk=subscription.pk), lease.worker_id())
    if not taken:
        raise LifecycleError("id", "busy", "a renewal worker is ordering this delivery right now")
    return renew_leased(taken[0], today)
