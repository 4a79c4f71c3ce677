"""The Stripe client (keys from the environment) and Stripe's minor units."""

import functools
from decimal import Decimal

import stripe
from django.conf import settings

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


def is_live() -> bool:
    return (settings.STRIPE_SECRET_KEY or "").startswith(("sk_live_", "rk_live_"))


def stripe_client(http_client: stripe.HTTPClient | None = None) -> stripe.StripeClient:
    """The Stripe client for the configured key: one per process, so its connections to Stripe are kept alive."""
    if not settings.STRIPE_SECRET_KEY:
        raise StripeNotConfigured("STRIPE_SECRET_KEY is not set")
    if http_client is not None:
        return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, http_client)
    return _pooled(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


@functools.lru_cache(maxsize=16)
def _pooled(key: str, api_base: str) -> stripe.StripeClient:
    return _client(key, api_base, PooledHTTP())


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


def _client(key: str, api_base: str, http_client: stripe.HTTPClient | None) -> stripe.StripeClient:
    base = {"api": api_base} if api_base else None
    # Retries are ours to make, always with the same idempotency key.
    return stripe.StripeClient(key, base_addresses=base, http_client=http_client, max_network_retries=0)
