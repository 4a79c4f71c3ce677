"""The carrier's webhook: `/api/payment-methods/carrier_billing/<shop>/webhook`."""

import hmac
import json
from decimal import Decimal

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from saleor_subscriptions.payment_methods import confirm
from saleor_subscriptions.payments.offline import NotPending

from . import carrier


@require_POST
def webhook(request, *, installation):
    """`{"type": "charge.paid", "payment_id", "transaction_id", "amount"}`, signed in `X-Carrier-Signature`."""
    signature = request.headers.get("X-Carrier-Signature", "")
    if not hmac.compare_digest(signature, carrier.sign(request.body)):
        return JsonResponse({"error": {"code": "invalid_signature", "message": "the signature does not match"}}, status=400)
    event = json.loads(request.body)
    if event.get("type") != "charge.paid":
        return JsonResponse({"status": "ignored"})
    try:
        received = confirm.received(installation, method="carrier_billing", transaction_id=event["transaction_id"],
                                    amount=Decimal(str(event["amount"])), reference=event["payment_id"],
                                    message="paid through the phone bill")
    except NotPending:
        return JsonResponse({"error": {"code": "not_found", "message": "no carrier payment of this shop"}}, status=404)
    return JsonResponse({"status": "processed", "remaining": str(received.remaining)})
