"""`/api/webhooks/stripe`: Stripe's signed events."""

import json

import stripe
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..core.rejections import Rejected
from . import stripe_events
from .models import StripeEvent


@csrf_exempt
@require_POST
def stripe_webhook_view(request):
    try:
        if not settings.STRIPE_WEBHOOK_SECRET:
            raise Rejected(503, "not_configured", "STRIPE_WEBHOOK_SECRET is not set")
        signature = request.headers.get("Stripe-Signature")
        if not signature:
            raise Rejected(400, "signature_missing", "the Stripe-Signature header is required")
        try:
            stripe.Webhook.construct_event(request.body, signature, settings.STRIPE_WEBHOOK_SECRET)
        except stripe.SignatureVerificationError:
            raise Rejected(400, "invalid_signature", "the Stripe signature does not match the body") from None
        except ValueError:
            raise Rejected(400, "invalid_payload", "the body is not a Stripe event") from None
    except Rejected as rejected:
        return rejected.response()
    record = stripe_events.handle(json.loads(request.body))
    if record.status == StripeEvent.Status.FAILED:
        # Stripe retries non-2xx answers for three days; the event is kept and tried again then.
        return JsonResponse({"error": {"code": "processing_failed", "message": record.last_error}}, status=500)
    return JsonResponse({"status": record.status})
