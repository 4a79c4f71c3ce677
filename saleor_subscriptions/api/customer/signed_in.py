"""Who is asking: the installation, the rate limits, the shopper's access token (and, for money, Saleor's word).

Limits count every customer field of a request: per caller IP first (before the token is even read),
then per customer. A request over a limit is answered `THROTTLED` with `retryAfter` in the payload and
an HTTP `Retry-After` header; the status stays 200 so GraphQL clients read the payload as usual.
"""

from dataclasses import dataclass

from ...core.error_texts import error_text
from ...customers import throttle
from ...customers.identity import Customer, NotSignedIn, bearer_token, confirm_online, customer_from_token
from ..context import UnknownInstance, installation_for
from .errors import Refused


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    per_seconds: int


PER_IP = Limit("customer_api_ip", 300, 60)
PER_CUSTOMER = Limit("customer_api", 60, 60)
CARD_SETUPS = Limit("customer_api_card", 10, 3600)  # each one is a Stripe SetupIntent
LIMITS_TEXT = ("Rate limits: 300 requests a minute per IP and 60 per customer (each customer field counts); "
               "over a limit the payload carries THROTTLED with retryAfter (HTTP status 200, header Retry-After).")
ONLINE_TEXT = "The token is confirmed with Saleor first (TOKEN_REVOKED, or SALEOR_UNREACHABLE: nothing changed)."


def hit(request, limit: Limit, key: str) -> None:
    try:
        throttle.hit(limit.scope, key, limit=limit.limit, per_seconds=limit.per_seconds)
    except throttle.Throttled as exc:
        request.retry_after = max(exc.retry_after, getattr(request, "retry_after", 0))
        raise Refused(None, "throttled", error_text("throttled", seconds=exc.retry_after),
                      retry_after=exc.retry_after) from None


def signed_in(info, *, online: bool = False) -> Customer:
    """The customer the request's token names, within the limits; `online`: Saleor still accepts the token."""
    request = info.context
    hit(request, PER_IP, throttle.client_ip(request))
    try:
        installation = installation_for(request)
    except UnknownInstance as exc:
        raise Refused(None, "unknown_instance", str(exc)) from None
    try:
        customer = customer_from_token(installation, bearer_token(request))
        hit(request, PER_CUSTOMER, f"{installation.pk}:{customer.user_id}")
        if online:
            confirm_online(customer)
    except NotSignedIn as exc:
        raise Refused(None, exc.code, exc.message) from None
    return customer
