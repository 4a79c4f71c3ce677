"""Everything the beat schedule would do now, run in the calling process (`saleor-subscriptions run-due`)."""

import dataclasses
import datetime

from ..funnels.actions import send_due_steps
from ..mail import sending
from ..mail.scheduled import send_digest, send_reminders
from ..renewals import runs
from ..renewals.engine import today_in
from ..saleor.webhooks import deliveries
from ..subscriptions import member_metadata
from ..subscriptions.actions import resume_due


@dataclasses.dataclass
class DueWork:
    resumed: int = 0
    renewals: int = 0
    funnel_steps: int = 0
    reminders: int = 0
    mails_retried: int = 0
    webhooks_retried: int = 0
    memberships_written: int = 0


def run_due_work(installations) -> DueWork:
    """Resume ended pauses, renew, send funnel steps and scheduled mails, retry failed mails and webhooks, write
    memberships into Saleor whose paid-through moment passed or whose write failed."""
    done = DueWork()
    ids = set()
    for installation in installations:
        ids.add(installation.pk)
        today = today_in(installation)
        done.resumed += resume_due(installation, today)
        done.renewals += runs.run_due(installation)
        done.funnel_steps += send_due_steps(installation, today)
        done.reminders += send_reminders(installation, today)
        send_digest(installation, today - datetime.timedelta(days=1))
        done.memberships_written += member_metadata.sweep(installation)
    for mail_id in sending.due_for_retry(installations=ids):
        sending.deliver(mail_id)
        done.mails_retried += 1
    for delivery_id in deliveries.due_for_retry(installations=ids):
        deliveries.process(delivery_id)
        done.webhooks_retried += 1
    return done
