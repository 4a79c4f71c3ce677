"""The access check for web servers (nginx `auth_request`, Traefik ForwardAuth): is this shopper a member?

`GET /api/access?plan=<code>` (or `?product=<Saleor product id>`), with the shopper's Saleor access
token in `Authorization: Bearer` or in a cookie (default: the one the Saleor auth SDK keeps it in,
`<Saleor API URL>+saleor_auth_access_token`; `?cookie=<name>` names another). The Saleor is the one
`?saleor=<API URL>` or the `Saleor-Api-Url` header names, or the only installation. Answers 200 (a
member), 401 (no valid token; with `WWW-Authenticate`), 403 (signed in, not a member), 400 (a wrong
question), 404 (unknown Saleor).

Nothing on this path calls Saleor: the token is checked offline against the cached keys, and
memberships come from our database, remembered for a few seconds per process (all of an
installation's in one snapshot while they are up to 20,000, else each customer's), as is the
installation; a verified token is remembered until it expires.
"""

import hashlib
import threading
import time

import jwt
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..api.context import UnknownInstance, installation_for
from ..customers.identity import NotSignedIn, bearer_token, customer_from_token
from ..subscriptions.membership import everyone, matching, memberships

AUTH_COOKIE = "+saleor_auth_access_token"  # the auth SDK's key, after the API URL
REMEMBER_SECONDS = 5.0


class Recent:
    """A few seconds of memory per process; cleared whole when full."""

    def __init__(self, seconds: float, size: int):
        self.seconds, self.size, self.entries, self.lock = seconds, size, {}, threading.Lock()

    def get(self, key, make):
        """The value remembered for `key`, else `make()`'s `(value, seconds)`, remembered that long (capped)."""
        entry, clock = self.entries.get(key), time.monotonic()
        if entry is not None and entry[0] > clock:
            return entry[1]
        value, seconds = make()
        with self.lock:
            if len(self.entries) >= self.size:
                self.entries.clear()
            self.entries[key] = (clock + min(seconds, self.seconds), value)
        return value


installations = Recent(REMEMBER_SECONDS, 1_000)
# Offline, a verified token stays as good as it was until it expires (revocation is invisible either way).
tokens = Recent(3600.0, 100_000)  # ~200 bytes each: a digest and a user id
members = Recent(REMEMBER_SECONDS, 50_000)
snapshots = Recent(REMEMBER_SECONDS, 50)  # installations: each snapshot takes a few MB at most
SNAPSHOT_LIMIT = 20_000  # subscriptions giving a membership: a snapshot of a few MB, read in tens of milliseconds


def _refused(status: int, code: str, realm: str = "") -> HttpResponse:
    response = HttpResponse(code, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # an everyday answer here, not a warning for the log (django.request)
    if status == 401:
        # RFC 6750: no error attribute when no token came at all
        error = "" if code == "token_missing" else f', error="invalid_token", error_description="{code}"'
        response["WWW-Authenticate"] = f'Bearer realm="{realm}"{error}'
    return response


def _installation(request):
    """By `?saleor=<API URL>` (a web server that cannot add headers), else as the GraphQL API: the header."""
    api_url = request.GET.get("saleor") or request.headers.get("Saleor-Api-Url", "")
    return installations.get(api_url, lambda: (installation_for(request, api_url), REMEMBER_SECONDS))


def _user_id(installation, token: str) -> str:
    """The customer a token proves, remembered until it expires; refusals raise NotSignedIn."""
    def check():
        customer = customer_from_token(installation, token)
        exp = jwt.decode(token, options={"verify_signature": False})["exp"]  # verified just now
        return customer.user_id, exp - timezone.now().timestamp()

    return tokens.get((installation.pk, hashlib.blake2b(token.encode(), digest_size=16).digest()), check)


def _memberships(installation, user_id: str):
    """From the installation's snapshot of every membership while it has a few thousand; else the customer's own."""
    snapshot = snapshots.get(installation.pk, lambda: (everyone(installation, limit=SNAPSHOT_LIMIT), REMEMBER_SECONDS))
    if snapshot is not None:
        found = snapshot.get(user_id, ())
    else:
        found = members.get((installation.pk, user_id), lambda: (memberships(installation, user_id), REMEMBER_SECONDS))
    now = timezone.now()  # one that ended while remembered is gone
    return [member for member in found if member.renews or member.paid_through is None or member.paid_through > now]


@require_safe
def access_view(request):
    plan, product = request.GET.get("plan"), request.GET.get("product")
    if bool(plan) == bool(product):
        return _refused(400, "give exactly one of plan and product")
    try:
        installation = _installation(request)
    except UnknownInstance:
        return _refused(404, "unknown_instance")
    realm = installation.saleor_domain or installation.saleor_api_url
    token = bearer_token(request) or request.COOKIES.get(request.GET.get("cookie") or installation.saleor_api_url + AUTH_COOKIE, "")
    try:
        user_id = _user_id(installation, token.strip())
    except NotSignedIn as exc:
        return _refused(401, exc.code, realm)
    member = matching(_memberships(installation, user_id), plan_code=plan or None, product_id=product or None)
    if member is None:
        return _refused(403, "not_a_member")
    response = HttpResponse("member", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Member-Paid-Through"] = member.paid_through.isoformat() if member.paid_through else ""
    response["X-Member-Renews"] = "true" if member.renews else "false"
    return response
