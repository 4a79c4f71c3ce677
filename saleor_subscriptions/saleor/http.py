"""The HTTP transport of every call to a Saleor instance and to Stripe (keep-alive pools, bounded timeouts).

urllib3 directly: `requests` rebuilt and re-checked each request (cookies, hooks, environment, redirects) for
about half the client's CPU per call, and a renewal makes five calls. The environment's proxies
(`HTTPS_PROXY`, `NO_PROXY`, …) and CA bundle (`REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`, else certifi's) are
honoured as `requests` would, read once per process and host. No redirects are followed and nothing is retried
here: callers decide what is safe to send again.
"""

import functools
import os
from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

import certifi
import urllib3
from requests.utils import get_environ_proxies

from .. import __version__

# Saleor answers within its own 2 s / 18 s budget; we allow the same.
TIMEOUT = (2, 18)
USER_AGENT = f"saleor-subscriptions/{__version__}"
POOL_SIZE = 8  # connections kept per host: one per worker thread of a process


class TransportError(Exception):
    """The peer could not be reached, or the connection failed before a whole answer came back."""


class Answer(NamedTuple):
    status: int
    headers: Mapping[str, str]  # case-insensitive
    content: bytes


def request(method: str, url: str, *, body: bytes | None = None, headers: Mapping[str, str] | None = None,
            timeout: tuple[float, float] = TIMEOUT) -> Answer:
    """Send one request and read the whole answer."""
    parts = urlsplit(url)
    pool = _pool(parts.scheme, parts.netloc)
    if not isinstance(pool, urllib3.ProxyManager):  # the host's own pool: it is sent the path only
        url = f"{parts.path or '/'}?{parts.query}" if parts.query else parts.path or "/"
    try:
        response = pool.urlopen(method, url, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})},
                                timeout=_timeout(*timeout), redirect=False, retries=False)
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise TransportError(f"{type(exc).__name__}: {exc}") from exc
    return Answer(response.status, response.headers, response.data)


@functools.lru_cache(maxsize=256)
def _pool(scheme: str, netloc: str) -> urllib3.HTTPConnectionPool | urllib3.ProxyManager:
    """The host's own connection pool, or the manager of the environment's proxy for it. A host's pool is
    kept here rather than looked up in a `PoolManager` on each call (which parsed the URL and rebuilt its pool key
    every time)."""
    proxy = get_environ_proxies(f"{scheme}://{netloc}/").get(scheme)
    if proxy:
        return _proxied(proxy, maxsize=POOL_SIZE, ca_certs=_ca_bundle())
    tls = {"ca_certs": _ca_bundle()} if scheme == "https" else {}
    return urllib3.connection_from_url(f"{scheme}://{netloc}", maxsize=POOL_SIZE, **tls)


@functools.lru_cache(maxsize=16)
def _proxied(proxy: str, **options) -> urllib3.ProxyManager:
    return urllib3.ProxyManager(proxy, **options)


@functools.lru_cache(maxsize=8)
def _timeout(connect: float, read: float) -> urllib3.Timeout:
    return urllib3.Timeout(connect=connect, read=read)


def _ca_bundle() -> str:
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
