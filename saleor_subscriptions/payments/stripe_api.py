"""The Stripe client of each installation's account (the environment's by default) and Stripe's minor units."""

import dataclasses
import functools
import json
from decimal import Decimal
from urllib.parse import urlencode

import stripe
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

from ..core.money import quantize
from ..saleor import http

# Stripe's API contract, not a precision table (https://docs.stripe.com/currencies): these take
# whole units, these three decimals, every other currency cents.
ZERO_DECIMAL = frozenset("BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split())
THREE_DECIMAL = frozenset("BHD JOD KWD OMR TND".split())


class StripeNotConfigured(Exception):
    pass


def _exponent(currency: str) -> int:
    currency = currency.upper()
    return 0 if currency in ZERO_DECIMAL else 3 if currency in THREE_DECIMAL else 2


def to_minor_units(amount: Decimal, currency: str) -> int:
    """¥6,000 → 6000; $60.00 → 6000 (rounded to the currency's precision first)."""
    return int(quantize(amount, currency.upper()).scaleb(_exponent(currency)))


def from_minor_units(amount: int, currency: str) -> Decimal:
    return quantize(Decimal(amount).scaleb(-_exponent(currency)), currency.upper())


@dataclasses.dataclass(frozen=True)
class StripeAccess:
    """What an installation is paid with: its own keys, a Connect account under the platform's, or the environment's."""

    secret_key: str
    publishable_key: str
    webhook_secret: str
    connected_account: str = ""  # acct_…, sent as `Stripe-Account`
    account_id: str = ""  # the account its Stripe customers live in; empty: the environment's

    @property
    def browser_options(self) -> dict:
        """Stripe.js's options: a Connect account's objects are only found under its id."""
        return {"stripeAccount": self.connected_account} if self.connected_account else {}


def environment_access() -> StripeAccess:
    """The deployment's own account (`STRIPE_*`), also the platform of Connect accounts."""
    return StripeAccess(settings.STRIPE_SECRET_KEY or "", settings.STRIPE_PUBLISHABLE_KEY or "",
                        settings.STRIPE_WEBHOOK_SECRET or "")


def access(installation) -> StripeAccess:
    """The installation's account (read once per loaded installation row), or the environment's when it has none."""
    try:
        account = installation.stripe_account if installation is not None else None
    except ObjectDoesNotExist:
        account = None
    if account is None:
        return environment_access()
    if account.connected_account:
        return dataclasses.replace(environment_access(), connected_account=account.connected_account,
                                   account_id=account.account_id)
    return StripeAccess(account.secret_key, account.publishable_key, account.webhook_secret, "", account.account_id)


def is_live(installation) -> bool:
    return access(installation).secret_key.startswith(("sk_live_", "rk_live_"))


def stripe_client(installation, http_client: stripe.HTTPClient | None = None) -> stripe.StripeClient:
    """The Stripe client of an installation's account (None: the environment's): one per process and account, so
    its connections to Stripe are kept alive."""
    account = access(installation)
    if not account.secret_key:
        raise StripeNotConfigured("the shop has no Stripe account of its own and STRIPE_SECRET_KEY is not set")
    return client_for(account.secret_key, account.connected_account, http_client)


def client_for(key: str, connected_account: str = "", http_client: stripe.HTTPClient | None = None) -> stripe.StripeClient:
    """The client of a key (and Connect account); pooled unless an HTTP client is given."""
    if http_client is not None:
        return _client(key, settings.STRIPE_API_BASE, connected_account, http_client)
    return _pooled(key, settings.STRIPE_API_BASE, connected_account)


@functools.lru_cache(maxsize=64)
def _pooled(key: str, api_base: str, connected_account: str = "") -> stripe.StripeClient:
    return _client(key, api_base, connected_account, PooledHTTP())


def plain_calls(installation, http_client: stripe.HTTPClient | None = None) -> "PlainCalls":
    """The renewal's Stripe calls for an installation's account (None: the environment's), as `stripe_client`."""
    account = access(installation)
    if not account.secret_key:
        raise StripeNotConfigured("the shop has no Stripe account of its own and STRIPE_SECRET_KEY is not set")
    if http_client is not None:
        return PlainCalls(account.secret_key, settings.STRIPE_API_BASE, account.connected_account, http_client)
    return _plain(account.secret_key, settings.STRIPE_API_BASE, account.connected_account)


@functools.lru_cache(maxsize=64)
def _plain(key: str, api_base: str, connected_account: str = "") -> "PlainCalls":
    return PlainCalls(key, api_base, connected_account, PooledHTTP())


class PlainCalls:
    """Stripe API calls answered as plain JSON and sent straight through an HTTP client of stripe-python's interface,
    with the headers stripe-python sends (key, API version, Connect account, idempotency key). A renewal reads four
    fields of an intent: stripe-python's request building (telemetry, log formatting, its objects for an intent's ~60
    nested ones) cost it more CPU than the calls. Errors raise stripe-python's own exceptions, as its client does."""

    def __init__(self, key: str, api_base: str | None, connected_account: str, http_client: stripe.HTTPClient):
        self.base, self.http = (api_base or stripe.api_base).rstrip("/"), http_client
        self.headers = {"Authorization": f"Bearer {key}", "Stripe-Version": stripe.api_version,
                        "Content-Type": "application/x-www-form-urlencoded",
                        **({"Stripe-Account": connected_account} if connected_account else {})}

    def __call__(self, method: str, path: str, *, idempotency_key: str | None = None, **params) -> dict:
        form, url, headers = urlencode(list(_form(params))), self.base + path, self.headers
        if idempotency_key:
            headers = {**headers, "Idempotency-Key": idempotency_key}
        if method == "get":
            content, status, answer_headers = self.http.request(method, f"{url}?{form}" if form else url, headers)
        else:
            content, status, answer_headers = self.http.request(method, url, headers, form)
        try:
            body = json.loads(content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise stripe.APIError(f"Invalid response body from API: {content[:200]!r} (HTTP {status})", content, status)
        if status >= 400:
            raise _error(content, status, body, answer_headers)
        return body


def _form(params: dict, prefix: str = ""):
    """Stripe's form encoding: nested keys in brackets (`metadata[renewal]`), lists by index, booleans in words."""
    for name, value in params.items():
        key = f"{prefix}[{name}]" if prefix else name
        if isinstance(value, dict):
            yield from _form(value, key)
        elif isinstance(value, list | tuple):
            yield from _form(dict(enumerate(value)), key)
        elif value is not None:
            yield key, ("true" if value else "false") if isinstance(value, bool) else value


def _error(content, status: int, body: dict, headers) -> stripe.StripeError:
    """The exception stripe-python raises for a v1 error answer."""
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    message, code, param = error.get("message"), error.get("code"), error.get("param")
    if status == 429 or (status == 400 and code == "rate_limit"):
        return stripe.RateLimitError(message, content, status, body, headers)
    if status in (400, 404):
        if error.get("type") == "idempotency_error":
            return stripe.IdempotencyError(message, content, status, body, headers)
        return stripe.InvalidRequestError(message, param, code, content, status, body, headers)
    if status == 402:
        return stripe.CardError(message, param, code, content, status, body, headers)
    if status == 401:
        return stripe.AuthenticationError(message, content, status, body, headers)
    if status == 403:
        return stripe.PermissionError(message, content, status, body, headers)
    return stripe.APIError(message, content, status, body, headers)


class PooledHTTP(stripe.HTTPClient):
    """stripe-python's calls through our keep-alive pools (`saleor.http`): one connection per worker thread and
    host, proxies read once per host, none of `requests`' per-call rebuilding."""

    name = "saleor-subscriptions"
    TIMEOUT = (10, 80)  # Stripe's own client allows 80 s for an answer

    def request(self, method, url, headers, post_data=None):
        try:
            body = post_data.encode() if isinstance(post_data, str) else post_data
            answer = http.request(method.upper(), url, body=body, headers=headers, timeout=self.TIMEOUT)
        except http.TransportError as exc:
            raise stripe.APIConnectionError(f"Unexpected error communicating with Stripe: {exc}",
                                            should_retry=True) from exc
        return answer.content, answer.status, answer.headers

    def close(self):
        pass


def _client(key: str, api_base: str, connected_account: str, http_client: stripe.HTTPClient | None) -> stripe.StripeClient:
    base = {"api": api_base} if api_base else None
    # Retries are ours to make, always with the same idempotency key.
    return stripe.StripeClient(key, stripe_account=connected_account or None, base_addresses=base,
                               http_client=http_client, max_network_retries=0)
