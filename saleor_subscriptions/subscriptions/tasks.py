from celery import shared_task

from . import member_metadata


@shared_task(acks_late=True)
def write_member_metadata(installation_id: int, customer_id: str) -> bool:
    return member_metadata.write(installation_id, customer_id)


@shared_task
def sweep_member_metadata() -> int:
    """Beat: memberships that ended at their paid-through date, and metadata writes Saleor missed."""
    return member_metadata.sweep_all()
