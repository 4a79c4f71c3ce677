"""Everything a Saleor webhook request must pass before we act on it (async and sync alike)."""

import dataclasses
from decimal import Decimal

from ...config import normalize_api_url
from ...core import bounded_json
from ...core.rejections import Rejected
from ...installations import recent
from ...installations.models import Installation
from ..documents import event_enum_name
from ..signatures import InvalidSignature, verify_webhook_signature


@dataclasses.dataclass(frozen=True)
class VerifiedWebhook:
    installation: Installation
    event: str  # lower snake case, as in the Saleor-Event header
    body: bytes
    payload: dict


def parse_body(body: bytes) -> dict:
    """Saleor's JSON with amounts as Decimal (never float)."""
    return bounded_json.loads(body, parse_float=Decimal)


def verify_request(request, allowed_events: frozenset[str]) -> VerifiedWebhook:
    """Signed by the Saleor named in `Saleor-Api-Url`, with its current keys, for its current app."""
    signature = request.headers.get("Saleor-Signature")
    if not signature:
        raise Rejected(401, "signature_missing", "the Saleor-Signature header is required")
    try:
        api_url = normalize_api_url(request.headers.get("Saleor-Api-Url", ""))
    except ValueError:
        raise Rejected(400, "api_url_missing", "a valid Saleor-Api-Url header is required") from None
    event, body = request.headers.get("Saleor-Event", "").lower(), request.body
    try:
        return _verified(recent.active(api_url), api_url, event, body, signature, allowed_events)
    except Rejected as rejected:
        if rejected.code not in ("unknown_instance", "invalid_signature", "wrong_app"):
            raise
    # the remembered row may predate a re-install or a new signing key: once more, as the database has it
    return _verified(recent.active(api_url, fresh=True), api_url, event, body, signature, allowed_events)


def _verified(installation, api_url: str, event: str, body: bytes, signature: str, allowed_events) -> VerifiedWebhook:
    if installation is None:
        raise Rejected(403, "unknown_instance", f"{api_url} has no active installation of this app")
    try:
        verify_webhook_signature(installation, body, signature)
    except InvalidSignature as exc:
        raise Rejected(401, "invalid_signature", str(exc)) from None

    # Only the body is signed: the event header must agree with the signed __typename.
    if event not in allowed_events:
        raise Rejected(400, "unexpected_event", f"this endpoint does not take {event or 'unnamed'} events")
    try:
        payload = parse_body(body)
        typename = payload["__typename"]
    except (ValueError, KeyError, TypeError):
        raise Rejected(400, "invalid_payload", "the body is not a Saleor event payload") from None
    if event_enum_name(str(typename)).lower() != event:
        raise Rejected(400, "event_mismatch", f"Saleor-Event {event} does not match payload {typename}")
    recipient = (payload.get("recipient") or {}).get("id")
    if recipient != installation.app_id:
        raise Rejected(403, "wrong_app", "the event was addressed to another app")
    return VerifiedWebhook(installation, event, body, payload)
