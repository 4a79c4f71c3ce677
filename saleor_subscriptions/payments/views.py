"""Stripe's signed events: `/api/webhooks/stripe` (the environment's account and its Connect accounts) and
`/api/webhooks/stripe/<portal key>` (a shop's own account, verified with that shop's signing secret)."""

import json

import stripe
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..core.rejections import Rejected
from ..installations.models import Installation
from . import stripe_api, stripe_events
from .models import StripeEvent


def _endpoint(shop: str | None) -> tuple[Installation | None, stripe_api.StripeAccess]:
    if shop is None:
        return None, stripe_api.environment_access()
    installation = Installation.objects.active().select_related("stripe_account").filter(portal_key=shop).first()
    if installation is None:
        raise Rejected(404, "unknown_shop", "no shop receives Stripe events here")
    return installation, stripe_api.access(installation)


def _verified(request, account: stripe_api.StripeAccess) -> dict:
    if not account.webhook_secret:
        raise Rejected(503, "not_configured", "no Stripe webhook signing secret is set for this endpoint")
    signature = request.headers.get("Stripe-Signature")
    if not signature:
        raise Rejected(400, "signature_missing", "the Stripe-Signature header is required")
    try:
        stripe.Webhook.construct_event(request.body, signature, account.webhook_secret)
    except stripe.SignatureVerificationError:
        raise Rejected(400, "invalid_signature", "the Stripe signature does not match the body") from None
    except ValueError:
        raise Rejected(400, "invalid_payload", "the body is not a Stripe event") from None
    event = json.loads(request.body)
    if account.connected_account and event.get("account") != account.connected_account:
        # the platform's secret signs every Connect account's events: only this shop's account's are its
        raise Rejected(400, "wrong_account", "the event is another Stripe account's")
    return event


@csrf_exempt
@require_POST
def stripe_webhook_view(request, shop: str | None = None):
    try:
        installation, account = _endpoint(shop)
        event = _verified(request, account)
    except Rejected as rejected:
        return rejected.response()
    record = stripe_events.handle(event, installation)
    if record.status == StripeEvent.Status.FAILED:
        # Stripe retries non-2xx answers for three days; the event is kept and tried again then.
        return JsonResponse({"error": {"code": "processing_failed", "message": record.last_error}}, status=500)
    return JsonResponse({"status": record.status})
