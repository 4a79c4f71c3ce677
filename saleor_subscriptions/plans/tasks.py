from celery import shared_task

from ..installations.models import Installation
from . import moves, product_metadata


@shared_task(acks_late=True)
def publish_product_metadata(product_pk: int) -> bool:
    return product_metadata.publish(product_pk)


@shared_task
def publish_pending_product_metadata() -> int:
    """Beat: write product metadata that Saleor refused, that a lost hand-off never wrote, or that predates this."""
    return sum(product_metadata.publish_pending(installation) for installation in Installation.objects.active())


@shared_task
def apply_due_plan_moves() -> int:
    """Beat: subscribers announced a move to a plan's new version take it on the announced day."""
    return sum(moves.apply_due(installation) for installation in Installation.objects.active())
