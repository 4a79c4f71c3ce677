from celery import shared_task

from . import deliveries


@shared_task(acks_late=True)
def process_delivery(delivery_id: int):
    return deliveries.process(delivery_id)


@shared_task
def requeue_stalled_deliveries():
    """Beat: hand deliveries whose processing failed or never started back to the workers."""
    pending = deliveries.due_for_retry()
    for delivery_id in pending:
        process_delivery.delay(delivery_id)
    return len(pending)
