import datetime

from celery import shared_task

from ..installations.models import Installation
from ..renewals.engine import today_in
from . import sending
from .scheduled import send_digest, send_reminders


@shared_task(acks_late=True)
def deliver_mail(mail_id: int):
    return sending.deliver(mail_id).status


@shared_task
def retry_failed_mails():
    """Beat: send again the mails whose last attempt failed for a transient reason."""
    pending = sending.due_for_retry()
    for mail_id in pending:
        deliver_mail.delay(mail_id)
    return len(pending)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=30, max_retries=5)
def notify_event(event_id: int):
    from .notifications import notify  # notifications hands events to this task

    notify(event_id)


@shared_task
def send_scheduled_mails():
    """Beat (hourly): today's reminders and yesterday's digest per installation; keys make reruns harmless."""
    for installation in Installation.objects.active():
        today = today_in(installation)
        send_reminders(installation, today)
        send_digest(installation, today - datetime.timedelta(days=1))
