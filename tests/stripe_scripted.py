"""A scripted HTTP client for stripe-python: answers with Stripe-shaped bodies, records requests.

Bodies start from Stripe's own fixtures (../shared/stripe/fixtures3.json) so field names and
nesting are Stripe's; tests override only what the case is about.
"""

import copy
import dataclasses
import json
import threading
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import stripe
from requests.structures import CaseInsensitiveDict

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "stripe" / "fixtures3.json"


@cache
def _resources() -> dict:
    if not FIXTURES.is_file():
        pytest.skip(f"Stripe fixtures not found at {FIXTURES}")
    return json.loads(FIXTURES.read_text())["resources"]


def stripe_object(resource: str, **overrides) -> dict:
    body = copy.deepcopy(_resources()[resource])
    body.update(overrides)
    return body


def card_error(code: str, *, decline_code: str | None = None, message: str = "Your card was declined.",
               payment_intent: dict | None = None) -> dict:
    """Stripe's documented error object for a declined card (HTTP 402)."""
    error = {"type": "card_error", "code": code, "message": message, "doc_url": f"https://stripe.com/docs/error-codes/{code}"}
    if decline_code:
        error["decline_code"] = decline_code
    if payment_intent:
        error["payment_intent"] = payment_intent
    return {"error": error}


@dataclasses.dataclass
class Request:
    method: str
    path: str
    headers: dict
    params: dict


class ScriptedStripe(stripe.HTTPClient):
    name = "scripted"

    def __init__(self):
        super().__init__()
        self.script: list[tuple[int, dict, dict]] = []
        self.requests: list[Request] = []

    def answer(self, status: int, body: dict, **headers) -> "ScriptedStripe":
        self.script.append((status, body, headers))
        return self

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        params = dict(parse_qsl(post_data.decode() if isinstance(post_data, bytes) else post_data or ""))
        self.requests.append(Request(method, url.split("://", 1)[1].split("/", 1)[1], dict(headers or {}), params))
        if not self.script:
            raise AssertionError(f"unscripted Stripe call: {method} {url}")
        status, body, extra = self.script.pop(0)
        return json.dumps(body), status, CaseInsensitiveDict({"Request-Id": "req_scripted", **extra})

    def close(self):
        pass


class StatefulStripe(ScriptedStripe):
    """Off-session PaymentIntents with Stripe's idempotency semantics, thread-safe.

    A repeated Idempotency-Key returns the first response with `Idempotent-Replayed: true`;
    customers in `declining` get a 402 `card_declined` with the given decline code; konbini
    PaymentIntents wait for payment with store numbers; an update changes an intent's metadata.
    """

    def __init__(self):
        super().__init__()
        _resources()  # skips here, in the test's thread, when Stripe's fixtures are absent (not in a worker)
        self.lock = threading.Lock()
        self.replies: dict[str, tuple[int, dict]] = {}
        self.charges: list[dict] = []
        self.konbini: list[dict] = []
        self.intents: dict[str, dict] = {}
        self.declining: dict[str, str] = {}

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        params = dict(parse_qsl(post_data.decode() if isinstance(post_data, bytes) else post_data or ""))
        with self.lock:
            self.requests.append(Request(method, url.split("://", 1)[1].split("/", 1)[1], dict(headers or {}), params))
            key = (headers or {}).get("Idempotency-Key")
            if key in self.replies:
                status, body = self.replies[key]
                return json.dumps(body), status, CaseInsensitiveDict({"Idempotent-Replayed": "true"})
            metadata = {k[9:-1]: v for k, v in params.items() if k.startswith("metadata[")}
            path = self.requests[-1].path
            if path.startswith("v1/payment_intents/"):  # an update: only metadata, as the app sends
                intent = self.intents[path.rsplit("/", 1)[1]]
                intent["metadata"].update(metadata)
                return json.dumps(intent), 200, CaseInsensitiveDict({})
            intent = stripe_object("payment_intent", id=f"pi_{len(self.replies) + 1:06d}", amount=int(params["amount"]),
                                   currency=params["currency"], customer=params.get("customer"), status="succeeded",
                                   metadata=metadata)
            self.intents[intent["id"]] = intent
            decline = self.declining.get(params.get("customer"))
            if params.get("payment_method_types[0]") == "konbini":
                intent |= {"status": "requires_action", "payment_method_types": ["konbini"], "next_action": {
                    "type": "konbini_display_details", "konbini_display_details": {
                        "expires_at": 1900000000, "hosted_voucher_url": f"https://payments.stripe.com/konbini/voucher/{intent['id']}",
                        "stores": {"familymart": {"confirmation_number": "20270228", "payment_code": "123456"},
                                   "lawson": {"confirmation_number": "20270228", "payment_code": "la1234"}}}}}
                status, body = 200, intent
                self.konbini.append(intent)
            elif decline:
                status, body = 402, card_error("card_declined", decline_code=decline, payment_intent={**intent, "status": "requires_payment_method"})
            else:
                status, body = 200, intent
                self.charges.append(intent)
            self.replies[key] = (status, body)
            return json.dumps(body), status, CaseInsensitiveDict({})
