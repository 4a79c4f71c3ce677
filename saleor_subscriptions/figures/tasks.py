from celery import shared_task

from ..installations.models import Installation
from . import snapshots


@shared_task
def refresh_figures() -> int:
    """Beat: bring every installation's figures up to date (only the subscriptions saved since the last run)."""
    return sum(snapshots.refresh(installation) for installation in Installation.objects.active())
