from celery import shared_task

from ..installations.models import Installation
from . import snapshots


CHUNK = 10_000  # subscriptions read per transaction


@shared_task
def refresh_figures() -> None:
    """Beat: bring every installation's figures up to date (only the subscriptions saved since the last run)."""
    for installation in Installation.objects.active():
        while not snapshots.refresh(installation, limit=CHUNK):
            pass
