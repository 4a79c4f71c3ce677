"""A renewal run: everything due, through the installation's order path (draft orders, or bulk)."""

import datetime

from ..subscriptions.models import Renewal
from . import bulk, lease
from .engine import renew_next, window_progress

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
            renewal = renew_next(installation, today, skip=unfinished, progress=progress, worker=worker)
            renewals = [renewal] if renewal else []
        if not renewals:
            return done
        unfinished |= {renewal.subscription_id for renewal in renewals if renewal.state not in FINISHED}
        done += len(renewals)
    return done
