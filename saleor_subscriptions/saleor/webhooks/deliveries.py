"""Recording accepted deliveries once, and processing them with retries that survive crashes."""

import datetime
import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .handlers import HANDLERS
from .models import WebhookDelivery
from .verification import VerifiedWebhook, parse_body

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# If the hand-off to a worker is lost (broker down, process killed), the sweeper finds it then.
HANDOFF_GRACE = datetime.timedelta(minutes=2)


def retry_delay(attempts: int) -> datetime.timedelta:
    """30 s, 2 min, 8 min, 32 min, ~2 h between attempts."""
    return datetime.timedelta(seconds=30 * 4 ** (attempts - 1))


def record(verified: VerifiedWebhook) -> tuple[WebhookDelivery, bool]:
    """Store a delivery; a redelivery of the same bytes returns the existing row and `False`."""
    digest = hashlib.sha256(verified.body).hexdigest()
    issued_at = verified.payload.get("issuedAt")
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                installation=verified.installation,
                event_type=verified.event,
                body_sha256=digest,
                body=verified.body.decode("utf-8"),
                issued_at=parse_datetime(issued_at) if isinstance(issued_at, str) else None,
                next_attempt_at=timezone.now() + HANDOFF_GRACE,
            )
    except IntegrityError:
        existing = WebhookDelivery.objects.get(installation=verified.installation, body_sha256=digest)
        return existing, False
    return delivery, True


def process(delivery_id: int) -> str | None:
    """Run the handler for one delivery unless it is done or another worker holds it."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("installation")
            .filter(pk=delivery_id, status__in=(WebhookDelivery.Status.RECEIVED, WebhookDelivery.Status.FAILED))
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        handler = HANDLERS.get(delivery.event_type)
        try:
            if handler is not None:
                with transaction.atomic():
                    handler(delivery.installation, parse_body(delivery.body.encode()))
        except Exception as exc:
            logger.exception("webhook delivery %s (%s) failed", delivery.pk, delivery.event_type)
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            retry = delivery.attempts < MAX_ATTEMPTS
            delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts) if retry else None
        else:
            delivery.status = WebhookDelivery.Status.PROCESSED if handler else WebhookDelivery.Status.IGNORED
            delivery.last_error = ""
            delivery.next_attempt_at = None
            delivery.processed_at = timezone.now()
        delivery.save()
        return delivery.status


def due_for_retry(now=None, installations=None) -> list[int]:
    """Deliveries to process again (of these installations' ids, if given), oldest first."""
    pending = WebhookDelivery.objects.filter(
        status__in=(WebhookDelivery.Status.RECEIVED, WebhookDelivery.Status.FAILED),
        next_attempt_at__lte=now or timezone.now(),
    )
    if installations is not None:
        pending = pending.filter(installation__in=installations)
    return list(pending.order_by("next_attempt_at").values_list("pk", flat=True)[:500])
