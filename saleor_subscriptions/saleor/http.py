"""The HTTP transport of every call to a Saleor instance and to Stripe (keep-alive connections, bounded timeouts).

libcurl (pycurl): one handle per thread, whose connections (and TLS sessions) to each host it keeps alive between
calls. It spends well under half the CPU of urllib3's request and response objects and `http.client`'s header
parsing on a call, and a draft renewal makes five calls. The environment's proxies (`HTTPS_PROXY`, `NO_PROXY`, …)
and CA bundle (`REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`, else certifi's) are honoured as `requests` would, read once
per process and host. No redirects are followed and nothing is retried here: callers decide what is safe to send
again. Within `pinned`, a host's calls connect to the address its caller checked, not to what DNS answers by then.
"""

import contextlib
import functools
import io
import math
import os
import threading
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import NamedTuple
from urllib.parse import urlsplit

import certifi
import pycurl
from requests.utils import get_environ_proxies

from .. import __version__

# Saleor answers within its own 2 s / 18 s budget; we allow the same.
TIMEOUT = (2, 18)
USER_AGENT = f"saleor-subscriptions/{__version__}"


class TransportError(Exception):
    """The peer could not be reached, or the connection failed before a whole answer came back."""


class Answer(NamedTuple):
    status: int
    headers: Mapping[str, str]  # case-insensitive
    content: bytes


def request(method: str, url: str, *, body: bytes | None = None, headers: Mapping[str, str] | None = None,
            timeout: tuple[float, float] = TIMEOUT) -> Answer:
    """Send one request and read the whole answer."""
    curl, received, header_lines = _handle(), io.BytesIO(), []
    curl.reset()  # options only: the handle's live connections stay
    curl.setopt(pycurl.NOSIGNAL, 1)
    curl.setopt(pycurl.URL, url)
    curl.setopt(pycurl.HTTP_VERSION, pycurl.CURL_HTTP_VERSION_1_1)
    proxy = _proxy(*urlsplit(url)[:2])
    curl.setopt(pycurl.PROXY, proxy)
    if (pins := _pins.get()) and not proxy and (pin := pins.get(_host_port(url))):
        curl.setopt(pycurl.CONNECT_TO, [pin])
    if url.startswith("https"):
        curl.setopt(pycurl.CAINFO, _ca_bundle())
    if method == "POST":
        curl.setopt(pycurl.POSTFIELDS, body or b"")
    elif method != "GET":
        curl.setopt(pycurl.CUSTOMREQUEST, method)
        if body:
            curl.setopt(pycurl.POSTFIELDS, body)
    # "Expect:" off: libcurl would otherwise wait for a 100 Continue before sending a body over 1 kB
    curl.setopt(pycurl.HTTPHEADER, [f"{name}: {value}" for name, value in
                                    {"User-Agent": USER_AGENT, **(headers or {})}.items()] + ["Expect:"])
    connect, read = timeout
    curl.setopt(pycurl.CONNECTTIMEOUT_MS, int(connect * 1000))
    # the read timeout: no byte for `read` seconds (libcurl counts whole seconds), within connect + read in all
    curl.setopt(pycurl.LOW_SPEED_LIMIT, 1)
    curl.setopt(pycurl.LOW_SPEED_TIME, max(1, math.ceil(read)))
    curl.setopt(pycurl.TIMEOUT_MS, int((connect + read) * 1000))
    curl.setopt(pycurl.WRITEDATA, received)
    curl.setopt(pycurl.HEADERFUNCTION, header_lines.append)
    try:
        curl.perform()
    except pycurl.error as exc:
        code, message = exc.args
        raise TransportError(f"{_CURL_ERRORS.get(code, 'TransportError')}: {message}") from None
    return Answer(curl.getinfo(pycurl.RESPONSE_CODE), _Headers(header_lines), received.getvalue())


_pins: ContextVar[dict[tuple[str, int], str]] = ContextVar("pins", default={})


@contextlib.contextmanager
def pinned(url: str, address: str) -> Iterator[None]:
    """Calls to `url`'s host and port made inside connect to `address` (one its caller checked), whatever DNS answers
    by then (DNS rebinding): the name stays the host's for TLS and `Host`. Through a proxy, the proxy resolves."""
    host, port = _host_port(url)
    literal = f"[{address}]" if ":" in address else address
    token = _pins.set({**_pins.get(), (host, port): f"{host}:{port}:{literal}:{port}"})
    try:
        yield
    finally:
        _pins.reset(token)


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


class _Headers(Mapping):
    """The answer's header fields, case-insensitive, parsed on first use (Saleor's answers are never asked):
    the last block's (a proxy's or an interim answer's come first)."""

    def __init__(self, lines: list[bytes]):
        self._lines, self._fields = lines, None

    @property
    def fields(self) -> dict[str, str]:
        if self._fields is None:
            self._fields = {}
            for line in self._lines:
                if line.startswith(b"HTTP/"):
                    self._fields.clear()
                elif b":" in line:
                    name, _, value = line.decode("latin-1").partition(":")
                    self._fields[name.strip().lower()] = value.strip()
        return self._fields

    def __getitem__(self, name: str) -> str:
        return self.fields[name.lower()]

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)


_CURL_ERRORS = {pycurl.E_OPERATION_TIMEDOUT: "ReadTimeout", pycurl.E_COULDNT_CONNECT: "ConnectionError",
                pycurl.E_COULDNT_RESOLVE_HOST: "NameResolutionError", pycurl.E_COULDNT_RESOLVE_PROXY: "ProxyError",
                pycurl.E_GOT_NOTHING: "RemoteDisconnected", pycurl.E_RECV_ERROR: "ConnectionError",
                pycurl.E_SEND_ERROR: "ConnectionError", pycurl.E_PARTIAL_FILE: "IncompleteRead",
                pycurl.E_SSL_CONNECT_ERROR: "SSLError", pycurl.E_PEER_FAILED_VERIFICATION: "SSLError"}

_threads = threading.local()


def _handle() -> pycurl.Curl:
    """This thread's handle (its connections are its own: a handle is never shared between threads)."""
    try:
        return _threads.curl
    except AttributeError:
        _threads.curl = pycurl.Curl()
        return _threads.curl


def _forget_handles() -> None:
    """A forked worker opens its own connections rather than sharing its parent's sockets."""
    global _threads
    _threads = threading.local()


os.register_at_fork(after_in_child=_forget_handles)


@functools.lru_cache(maxsize=256)
def _proxy(scheme: str, netloc: str) -> str:
    """The environment's proxy for the host, or "" (libcurl then uses none, whatever its own variables say)."""
    return get_environ_proxies(f"{scheme}://{netloc}/").get(scheme) or ""


def _ca_bundle() -> str:
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
