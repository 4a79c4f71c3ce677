from celery import shared_task
from django.conf import settings

from ..installations.models import Installation
from ..subscriptions.actions import resume_due
from . import engine, runs


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
