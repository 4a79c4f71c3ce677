import logging
from functools import cache

from django.db import transaction
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ...core.rejections import Rejected
from .. import documents
from . import deliveries
from .handlers import SYNC_HANDLERS
from .tasks import process_delivery
from .verification import verify_request

logger = logging.getLogger(__name__)


@cache
def async_events() -> frozenset[str]:
    return frozenset(
        event.lower() for spec in documents.webhook_specs() if spec.is_async for event in spec.events
    )


@csrf_exempt
@require_POST
def async_webhook_view(request):
    """All async events: verify, record once, answer at once; a worker does the rest."""
    try:
        verified = verify_request(request, async_events())
    except Rejected as rejected:
        logger.warning("rejected Saleor webhook: %s %s", rejected.code, rejected.message)
        return rejected.response()
    delivery, created = deliveries.record(verified)
    if created:
        transaction.on_commit(lambda: process_delivery.delay(delivery.pk), robust=True)
    return JsonResponse({})


@cache
def sync_events() -> dict[str, frozenset[str]]:
    return {spec.name: frozenset(e.lower() for e in spec.events) for spec in documents.webhook_specs() if not spec.is_async}


@csrf_exempt
@require_POST
def sync_webhook_view(request, name):
    """A payment session or action: verified like every webhook, answered with the handler's JSON."""
    if name not in sync_events():
        raise Http404(name)
    try:
        verified = verify_request(request, sync_events()[name])
    except Rejected as rejected:
        logger.warning("rejected Saleor sync webhook %s: %s %s", name, rejected.code, rejected.message)
        return rejected.response()
    return JsonResponse(SYNC_HANDLERS[verified.event](verified.installation, verified.payload))
