"""Runs the named operations of `graphql/` against one Saleor instance with its app token.

Three kinds of failure stay apart: the transport (network, 5xx: worth retrying), top-level
GraphQL errors (bad query, missing permission) and a mutation's own `errors` list (bad input).
"""

import functools
import json
import logging
from collections.abc import Iterator
from decimal import Decimal

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential, wait_random

from ..core import bounded_json
from ..core.secrets import decrypt
from . import http
from .documents import operation

logger = logging.getLogger(__name__)


class SaleorError(Exception):
    pass


class SaleorTransportError(SaleorError):
    """Saleor could not be reached or answered without a GraphQL response."""

    def __init__(self, message, *, retryable=True, status=None):
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class SaleorGraphQLError(SaleorError):
    """Top-level GraphQL errors: the request was refused as a whole."""

    def __init__(self, operation_name, errors):
        self.errors = errors
        self.codes = [((e.get("extensions") or {}).get("exception") or {}).get("code") for e in errors]
        messages = "; ".join(str(e.get("message")) for e in errors)
        super().__init__(f"{operation_name}: {messages}")

    @property
    def permission_denied(self) -> bool:
        return "PermissionDenied" in self.codes


class SaleorMutationError(SaleorError):
    """A mutation ran but answered with its `errors` list ({field, code, message})."""

    def __init__(self, operation_name, mutation, errors):
        self.mutation = mutation
        self.errors = errors
        detail = "; ".join(f"{e.get('field')}: {e.get('code')} {e.get('message')}" for e in errors)
        super().__init__(f"{operation_name} ({mutation}): {detail}")


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, SaleorTransportError) and exc.retryable


def _log_retry(state) -> None:
    logger.warning("Saleor %s failed (%s), retrying", state.args[0], state.outcome.exception())


class SaleorClient:
    def __init__(self, api_url: str, token: str, *, attempts: int = 4, wait=None):
        self.api_url = api_url
        self.token = token
        self.attempts = attempts
        self.wait = wait or (wait_exponential(multiplier=0.5, max=8) + wait_random(0, 0.5))
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        # built once: the retrying call keeps its per-call state per thread
        self.retrying = Retrying(stop=stop_after_attempt(attempts), wait=self.wait, retry=retry_if_exception(_retryable),
                                 reraise=True, before_sleep=_log_retry)

    @classmethod
    def for_installation(cls, installation, **kwargs) -> "SaleorClient":
        if kwargs:
            return cls(installation.saleor_api_url, installation.app_token, **kwargs)
        return _client(installation.saleor_api_url, installation.app_token_encrypted)

    def execute(self, operation_name: str, variables: dict | None = None, *, idempotent: bool | None = None,
                timeout: tuple[float, float] = http.TIMEOUT) -> dict:
        """Run an operation and return its `data`. Queries retry; mutations only when idempotent."""
        op = operation(operation_name)
        if idempotent is None:
            idempotent = op.kind == "query"
        post = self.retrying if idempotent and self.attempts > 1 else _once
        data = post(self._post, op.name, op.text, variables or {}, timeout)
        if op.kind == "mutation":
            for field, payload in data.items():
                if isinstance(payload, dict) and payload.get("errors"):
                    raise SaleorMutationError(op.name, field, payload["errors"])
        return data

    def paginate(self, operation_name: str, variables: dict | None = None, *, path: str, page_size: int = 100) -> Iterator[dict]:
        """Yield every node of the connection at `path` (dotted), following `pageInfo`."""
        variables = {**(variables or {}), "first": page_size, "after": None}
        while True:
            connection = self.execute(operation_name, variables)
            for key in path.split("."):
                connection = connection[key]
            for edge in connection["edges"]:
                yield edge["node"]
            page = connection["pageInfo"]
            if not page["hasNextPage"]:
                return
            variables["after"] = page["endCursor"]

    def _post(self, name: str, query: str, variables: dict, timeout: tuple[float, float]) -> dict:
        body = json.dumps({"query": query, "variables": variables, "operationName": name}, allow_nan=False)
        try:
            response = http.request("POST", self.api_url, body=body.encode(), headers=self.headers, timeout=timeout)
        except http.TransportError as exc:
            raise SaleorTransportError(f"{name}: {exc}") from exc
        status = response.status
        try:
            body = bounded_json.loads(response.content, parse_float=Decimal)
        except ValueError:
            body = None
        if status >= 500 or status == 429:
            raise SaleorTransportError(f"{name}: Saleor answered HTTP {status}", status=status)
        if not isinstance(body, dict):
            raise SaleorTransportError(
                f"{name}: HTTP {status} without a GraphQL response", retryable=False, status=status
            )
        if body.get("errors"):
            raise SaleorGraphQLError(name, body["errors"])
        if status != 200 or body.get("data") is None:
            raise SaleorTransportError(f"{name}: HTTP {status} without data", retryable=False, status=status)
        return body["data"]


def _once(call, *args):
    return call(*args)


@functools.lru_cache(maxsize=64)
def _client(api_url: str, token_encrypted: str) -> SaleorClient:
    """One client per installation and token, kept for the process (clients hold no per-call state)."""
    return SaleorClient(api_url, decrypt(token_encrypted) if token_encrypted else "")
