"""Each Saleor instance's signing keys: fetched from its origin, cached on the installation."""

import datetime
import functools
from urllib.parse import urlsplit

import jwt
from django.db.models import Q
from django.utils import timezone

from ..core import bounded_json
from ..installations.models import Installation
from . import http

# Saleor's kid is the key's RFC 7638 thumbprint, so a new kid means a new key. An unknown kid
# re-fetches the JWKS, but not more often than this per installation, successful or not, so forged
# kids can neither hammer Saleor nor hold our server threads while its JWKS answers slowly.
REFETCH_INTERVAL = datetime.timedelta(seconds=10)
REFETCH_TIMEOUT = (2, 3)


class JWKSError(Exception):
    pass


class UnknownSigningKey(Exception):
    pass


def jwks_url(api_url: str) -> str:
    """The JWKS lives at the root of the instance's origin, never under /graphql/."""
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}/.well-known/jwks.json"


def fetch_jwks(url: str, *, timeout=http.TIMEOUT) -> dict:
    """GET a JWKS and check it holds at least one usable RS256 key."""
    try:
        response = http.request("GET", url, timeout=timeout)
    except http.TransportError as exc:
        raise JWKSError(f"cannot fetch {url}: {type(exc).__name__}") from exc
    if response.status != 200:
        raise JWKSError(f"{url} answered HTTP {response.status}")
    try:
        jwks = bounded_json.loads(response.content)
        keys = [key for key in jwks["keys"] if _usable(key)]
    except (ValueError, KeyError, TypeError):
        raise JWKSError(f"{url} did not return a JWKS document") from None
    if not keys:
        raise JWKSError(f"{url} holds no RSA signing key")
    return {"keys": keys}


def _usable(key: dict) -> bool:
    if key.get("kty") != "RSA" or not key.get("kid") or key.get("use", "sig") != "sig":
        return False
    try:
        jwt.PyJWK(key, algorithm="RS256")
    except jwt.PyJWTError:
        return False
    return True


def _lookup(jwks: dict, kid: str):
    for key in jwks.get("keys", ()):
        if key.get("kid") == kid:
            return _public_key(kid, key.get("n"), key.get("e"))
    return None


@functools.lru_cache(maxsize=256)
def _public_key(kid: str, n: str, e: str):
    """The key object of an RSA JWK, built once per process: it is all in (n, e), whatever the kid claims."""
    return jwt.PyJWK({"kty": "RSA", "kid": kid, "n": n, "e": e}, algorithm="RS256").key


def signing_key(installation, kid: str):
    """The public key for `kid`, re-fetching the instance's JWKS once if the kid is new."""
    key = _lookup(installation.jwks, kid)
    if key is None and _claim_refetch(installation):
        try:
            installation.jwks = fetch_jwks(jwks_url(installation.saleor_api_url), timeout=REFETCH_TIMEOUT)
        except JWKSError as exc:
            raise UnknownSigningKey(f"key {kid!r} unknown and the JWKS could not be refreshed: {exc}") from exc
        installation.save(update_fields=["jwks", "updated_at"])
        key = _lookup(installation.jwks, kid)
    if key is None:
        raise UnknownSigningKey(f"key {kid!r} is not in the instance's JWKS")
    return key


def _claim_refetch(installation) -> bool:
    """Record a fetch attempt now, before fetching, unless one was made within REFETCH_INTERVAL.

    `jwks_fetched_at` is the last attempt. The conditional UPDATE lets exactly one of many
    concurrent requests fetch; the others are answered at once from the cached keys.
    """
    now = timezone.now()
    due = Q(jwks_fetched_at__isnull=True) | Q(jwks_fetched_at__lte=now - REFETCH_INTERVAL)
    claimed = Installation.objects.filter(due, pk=installation.pk).update(jwks_fetched_at=now)
    if claimed:
        installation.jwks_fetched_at = now
    return bool(claimed)
