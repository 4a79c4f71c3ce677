from celery import shared_task
from django.utils import timezone

from ..installations.models import Installation
from . import awaiting_card, member_metadata
from .models import OrderAwaitingCard


@shared_task(acks_late=True)
def write_member_metadata(installation_id: int, customer_id: str) -> bool:
    return member_metadata.write(installation_id, customer_id)


@shared_task
def sweep_member_metadata() -> int:
    """Beat: memberships that ended at their paid-through date, and metadata writes Saleor missed."""
    return member_metadata.sweep_all()


@shared_task
def settle_orders_awaiting_cards() -> None:
    """Beat: ¥0 orders waiting for their card start if Stripe saved it, and are refused a day after the order."""
    now = timezone.now()
    waiting = OrderAwaitingCard.objects.filter(outcome=OrderAwaitingCard.Outcome.WAITING).values("installation")
    for installation in Installation.objects.active().filter(pk__in=waiting):
        awaiting_card.sweep(installation, now)
