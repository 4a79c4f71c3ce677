from celery import shared_task

from . import sending


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
    from .notifications import notify

    notify(event_id)
