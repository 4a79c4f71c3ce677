from celery import shared_task
from django.conf import settings

from ..installations.models import Installation
from . import engine


@shared_task
def renew_due():
    """Beat: start renewal workers for every installation; they share the work through SKIP LOCKED."""
    for installation_id in Installation.objects.active().values_list("pk", flat=True):
        for _ in range(settings.RENEWAL_WORKERS_PER_INSTALLATION):
            renew_installation.delay(installation_id)


@shared_task(acks_late=True)
def renew_installation(installation_id: int) -> int:
    installation = Installation.objects.active().filter(pk=installation_id).first()
    return engine.run_due(installation) if installation else 0
