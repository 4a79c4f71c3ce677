"""Everything a Saleor webhook request must pass before we act on it (async and sync alike)."""

import dataclasses
import json
from decimal import Decimal

from django.http import JsonResponse

from ...config import normalize_api_url
from ...installations.models import Installation
from ..documents import event_enum_name
from ..signatures import InvalidSignature, verify_webhook_signature


@dataclasses.dataclass(frozen=True)
class VerifiedWebhook:
    installation: Installation
    event: str  # lower snake case, as in the Saleor-Event header
    body: bytes
    payload: dict


class WebhookRejected(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> JsonResponse:
        return JsonResponse({"error": {"code": self.code, "message": self.message}}, status=self.status)


def parse_body(body: bytes) -> dict:
    """Saleor's JSON with amounts as Decimal (never float)."""
    return json.loads(body, parse_float=Decimal)


def verify_request(request, allowed_events: frozenset[str]) -> VerifiedWebhook:
    signature = request.headers.get("Saleor-Signature")
    if not signature:
        raise WebhookRejected(401, "signature_missing", "the Saleor-Signature header is required")
    try:
        api_url = normalize_api_url(request.headers.get("Saleor-Api-Url", ""))
    except ValueError:
        raise WebhookRejected(400, "api_url_missing", "a valid Saleor-Api-Url header is required") from None
    installation = Installation.objects.active().filter(saleor_api_url=api_url).first()
    if installation is None:
        raise WebhookRejected(403, "unknown_instance", f"{api_url} has no active installation of this app")
    body = request.body
    try:
        verify_webhook_signature(installation, body, signature)
    except InvalidSignature as exc:
        raise WebhookRejected(401, "invalid_signature", str(exc)) from None

    # Only the body is signed: the event header must agree with the signed __typename.
    event = request.headers.get("Saleor-Event", "").lower()
    if event not in allowed_events:
        raise WebhookRejected(400, "unexpected_event", f"this endpoint does not take {event or 'unnamed'} events")
    try:
        payload = parse_body(body)
        typename = payload["__typename"]
    except (ValueError, KeyError, TypeError):
        raise WebhookRejected(400, "invalid_payload", "the body is not a Saleor event payload") from None
    if event_enum_name(str(typename)).lower() != event:
        raise WebhookRejected(400, "event_mismatch", f"Saleor-Event {event} does not match payload {typename}")
    recipient = (payload.get("recipient") or {}).get("id")
    if recipient != installation.app_id:
        raise WebhookRejected(403, "wrong_app", "the event was addressed to another app")
    return VerifiedWebhook(installation, event, body, payload)
