from celery import shared_task
from django.conf import settings
from django.utils import timezone

from ..installations.models import Installation
from ..saleor.client import SaleorTransportError
from ..subscriptions.models import Subscription
from ..subscriptions.actions import resume_due
from . import deadlines, engine, outcomes, runs


@shared_task
def renew_due():
    """Beat: resume ended pauses, then start renewal workers per installation (they share via SKIP LOCKED)."""
    for installation in Installation.objects.active():
        resume_due(installation, engine.today_in(installation))
        for _ in range(settings.RENEWAL_WORKERS_PER_INSTALLATION):
            renew_installation.delay(installation.pk)


@shared_task(acks_late=True)
def renew_installation(installation_id: int) -> int:
    installation = Installation.objects.active().filter(pk=installation_id).first()
    return runs.run_due(installation) if installation else 0


@shared_task(acks_late=True, autoretry_for=(SaleorTransportError,), retry_backoff=60, max_retries=6)
def discard_unpaid_orders(subscription_id: int) -> None:
    """A subscription cancelled while a cycle waited for its payment: that cycle's order leaves Saleor."""
    subscription = Subscription.objects.select_related("installation").filter(pk=subscription_id).first()
    if subscription is not None and subscription.installation.is_active:
        outcomes.discard_unpaid_orders(subscription)


@shared_task
def payment_deadlines():
    """Beat: reminders before, and the method's rule after, each pending renewal payment's deadline."""
    now = timezone.now()
    for installation in Installation.objects.active():
        deadlines.sweep(installation, now)
