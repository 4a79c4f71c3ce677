"""A renewal run: everything due, through the installation's order path (draft orders, or bulk)."""

import datetime

from ..subscriptions.models import Renewal
from . import bulk
from .engine import renew_next, window_progress


def run_due(installation, today: datetime.date | None = None, limit: int = 10_000) -> int:
    """Renew everything due; a cycle with a problem is left for the next run, not retried in a loop.

    Without `today`, the date and the renewal window's progress come from the clock.
    """
    progress = 1.0
    if today is None:
        today, progress = window_progress(installation)
    done, problems = 0, set()
    while done < limit:
        if installation.renewal_orders == "bulk":
            renewals = bulk.renew_batch(installation, today, progress, skip=problems)
        else:
            renewals = [renewal] if (renewal := renew_next(installation, today, skip=problems, progress=progress)) else []
        if not renewals:
            return done
        problems |= {renewal.subscription_id for renewal in renewals
                     if renewal.state == Renewal.State.FAILED and renewal.last_error and not renewal.decline_code}
        done += len(renewals)
    return done
