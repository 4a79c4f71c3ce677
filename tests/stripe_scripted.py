"""A scripted HTTP client for stripe-python: answers with Stripe-shaped bodies, records requests.

Bodies start from Stripe's own fixtures (../shared/stripe/fixtures3.json) so field names and
nesting are Stripe's; tests override only what the case is about.
"""

import copy
import dataclasses
import json
import threading
import time
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import stripe
from requests.structures import CaseInsensitiveDict

from saleor_subscriptions.payments import stripe_api

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


def parse(method, url, headers, post_data) -> Request:
    """What stripe-python sent: the path without the query, and the parameters of the body or query."""
    path, _, query = url.split("://", 1)[1].split("/", 1)[1].partition("?")
    params = dict(parse_qsl(post_data.decode() if isinstance(post_data, bytes) else post_data or query))
    return Request(method, path, dict(headers or {}), params)


def route(monkeypatch, http: stripe.HTTPClient) -> stripe.HTTPClient:
    """Every Stripe client the app makes (any shop's key, any Connect account) sends through `http`."""
    monkeypatch.setattr(stripe_api, "_pooled", lambda key, api_base, connected_account="": stripe.StripeClient(
        key, stripe_account=connected_account or None, http_client=http, max_network_retries=0))
    monkeypatch.setattr(stripe_api, "_plain", lambda key, api_base, connected_account="": stripe_api.PlainCalls(
        key, api_base, connected_account, http))
    return http


def key_of(request: "Request") -> str:
    """The API key a recorded request was made with."""
    return request.headers.get("Authorization", "").removeprefix("Bearer ")


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
        self.requests.append(parse(method, url, headers, post_data))
        if not self.script:
            raise AssertionError(f"unscripted Stripe call: {method} {url}")
        status, body, extra = self.script.pop(0)
        return json.dumps(body), status, CaseInsensitiveDict({"Request-Id": "req_scripted", **extra})

    def close(self):
        pass


class StatefulStripe(ScriptedStripe):
    """PaymentIntents with Stripe's state machine, thread-safe.

    Off-session intents are created (confirmed at once, or later through `/confirm`), retrieved,
    listed per customer, updated and confirmed again after a decline; one that succeeded refuses a
    second confirmation (`payment_intent_unexpected_state`). `replay`: a repeated Idempotency-Key
    returns the first response, as Stripe does for about a day; set it False to be Stripe a day
    later (or localstripe), which forgets keys. Customers in `declining` get a 402 `card_declined`
    with the given decline code; konbini intents wait for payment with store numbers; bank-transfer
    (`customer_balance`) intents show the customer's virtual account, are paid from the customer's
    cash balance (`cash_balances`, minor units) at once when it holds enough, and `transfer` funds them.
    `lose_answers`: paths (e.g. "/confirm") whose next call is carried out but whose answer is
    lost, as in a network timeout. `charges` holds each intent once it succeeded.
    """

    def __init__(self, replay: bool = True):
        super().__init__()
        _resources()  # skips here, in the test's thread, when Stripe's fixtures are absent (not in a worker)
        self.replay = replay
        self.lock = threading.Lock()
        self.replies: dict[str, tuple[int, dict]] = {}
        self.charges: list[dict] = []
        self.konbini: list[dict] = []
        self.cash_balances: dict[str, int] = {}
        self.customers = 0
        self.intents: dict[str, dict] = {}
        self.declining: dict[str, str] = {}
        self.lose_answers: list[str] = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        request = parse(method, url, headers, post_data)
        path, params = request.path, request.params
        with self.lock:
            self.requests.append(request)
            key = (headers or {}).get("Idempotency-Key")
            if self.replay and key in self.replies:
                status, body = self.replies[key]
                return json.dumps(body), status, CaseInsensitiveDict({"Idempotent-Replayed": "true"})
            status, body = self._serve(method, path, params)
            if key:
                self.replies[key] = (status, body)
            lost = next((suffix for suffix in self.lose_answers if path.endswith(suffix)), None)
            if lost:
                self.lose_answers.remove(lost)
                raise stripe.APIConnectionError("Request timed out (the answer was lost)")
            return json.dumps(body), status, CaseInsensitiveDict({})

    def _serve(self, method, path, params):
        metadata = {k[9:-1]: v for k, v in params.items() if k.startswith("metadata[")}
        method, parts = method.lower(), path.split("/")  # v1, payment_intents, [id, [confirm]]
        if parts[1] == "customers" and method == "post" and len(parts) == 2:
            self.customers += 1
            return 200, stripe_object("customer", id=f"cus_scripted{self.customers}", email=params.get("email"), metadata=metadata)
        if len(parts) == 2 and method == "get":
            found = [i for i in self.intents.values()
                     if i["customer"] == params.get("customer") and i["created"] >= int(params.get("created[gte]", 0))]
            return 200, {"object": "list", "url": "/v1/payment_intents", "has_more": False, "data": found[::-1]}
        if len(parts) == 2:
            return self._create(params, metadata)
        intent = self.intents.get(parts[2])
        if intent is None:
            return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing", "message": "No such payment_intent"}}
        if len(parts) == 4 and parts[3] == "cancel":
            return self._cancel(intent)
        if len(parts) == 4:
            return self._confirm(intent, params)
        if method == "post":  # an update: metadata and amount, as the app sends
            intent["metadata"].update(metadata)
            intent["amount"] = int(params.get("amount", intent["amount"]))
        return 200, intent

    def _create(self, params, metadata):
        intent = stripe_object("payment_intent", id=f"pi_{len(self.intents) + 1:06d}", amount=int(params["amount"]),
                               currency=params["currency"], customer=params.get("customer"),
                               payment_method=params.get("payment_method"), status="requires_confirmation", created=int(time.time()),
                               metadata=metadata, last_payment_error=None)
        self.intents[intent["id"]] = intent
        if params.get("payment_method_types[0]") == "konbini":
            intent |= {"status": "requires_action", "payment_method_types": ["konbini"], "next_action": {
                "type": "konbini_display_details", "konbini_display_details": {
                    "expires_at": 1900000000, "hosted_voucher_url": f"https://payments.stripe.com/konbini/voucher/{intent['id']}",
                    "stores": {"familymart": {"confirmation_number": "20270228", "payment_code": "123456"},
                               "lawson": {"confirmation_number": "20270228", "payment_code": "la1234"}}}}}
            self.konbini.append(intent)
            return 200, intent
        if params.get("payment_method_types[0]") == "customer_balance":
            assert params["payment_method_options[customer_balance][bank_transfer][type]"] == "jp_bank_transfer"
            intent |= {"status": "requires_action", "payment_method_types": ["customer_balance"], "amount_received": 0,
                       "next_action": {"type": "display_bank_transfer_instructions",
                                       "display_bank_transfer_instructions": bank_transfer_instructions(intent)}}
            balance = self.cash_balances.pop(intent["customer"], 0)
            self._keep(intent["customer"], balance - self._fund(intent, balance))
            return 200, intent
        if params.get("confirm") == "true":
            return self._confirm(intent, params)
        return 200, intent

    def _fund(self, intent, amount: int) -> int:
        """Apply up to `amount` to an open bank-transfer intent, as Stripe's automatic reconciliation does; what was applied."""
        display = (intent.get("next_action") or {}).get("display_bank_transfer_instructions")
        applied = min(amount, display["amount_remaining"]) if display and intent["status"] == "requires_action" else 0
        if applied:
            display["amount_remaining"] -= applied
            if not display["amount_remaining"]:
                intent |= {"status": "succeeded", "amount_received": intent["amount"], "next_action": None}
                self.charges.append(intent)
        return applied

    def _keep(self, customer: str, amount: int) -> None:
        if amount:
            self.cash_balances[customer] = self.cash_balances.get(customer, 0) + amount

    def transfer(self, customer: str, amount: int) -> list[dict]:
        """The customer transfers `amount` (minor units) into their virtual account: it funds their open bank-transfer
        intents, oldest first, the rest stays in their cash balance. Returns the intents funded, as they are after it
        (copies, as a webhook event carries them)."""
        with self.lock:
            touched = []
            for intent in sorted(self.intents.values(), key=lambda intent: (intent["created"], intent["id"])):
                if amount and intent["customer"] == customer and intent["status"] == "requires_action":
                    applied = self._fund(intent, amount)
                    if applied:
                        amount -= applied
                        touched.append(copy.deepcopy(intent))
            self._keep(customer, amount)
            return touched

    def _cancel(self, intent):
        if intent["status"] in ("succeeded", "canceled"):
            return 400, {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                                   "message": f"You cannot cancel this PaymentIntent because it has a status of {intent['status']}.",
                                   "payment_intent": intent}}
        display = (intent.get("next_action") or {}).get("display_bank_transfer_instructions")
        if display:  # what a bank transfer had received goes back to the customer's cash balance
            self._keep(intent["customer"], intent["amount"] - display["amount_remaining"])
        intent["status"] = "canceled"
        return 200, intent

    def _confirm(self, intent, params):
        if intent["status"] not in ("requires_confirmation", "requires_payment_method", "requires_action"):
            return 400, {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                                   "message": f"This PaymentIntent's status is {intent['status']}.", "payment_intent": intent}}
        intent["payment_method"] = params.get("payment_method") or intent["payment_method"]
        decline = self.declining.get(intent["customer"])
        if decline:
            intent |= {"status": "requires_payment_method",
                       "last_payment_error": {"code": "card_declined", "decline_code": decline, "message": "Your card was declined."}}
            return 402, card_error("card_declined", decline_code=decline, payment_intent=intent)
        intent |= {"status": "succeeded", "last_payment_error": None}
        self.charges.append(intent)
        return 200, intent


def bank_transfer_instructions(intent: dict) -> dict:
    """Stripe's `display_bank_transfer_instructions` for a Japanese bank transfer: the customer's own virtual account."""
    return {"type": "jp_bank_transfer", "currency": "jpy", "amount_remaining": intent["amount"], "reference": None,
            "hosted_instructions_url": f"https://payments.stripe.com/bank_transfers/instructions/{intent['id']}",
            "financial_addresses": [{"type": "zengin", "supported_networks": ["zengin"], "zengin": {
                "bank_name": "みずほ銀行", "bank_code": "0001", "branch_name": "ストライプ支店", "branch_code": "987",
                "account_type": "futsu", "account_number": "1234567", "account_holder_name": "ｽﾄﾗｲﾌﾟｼﾞｬﾊﾟﾝ(ｶ"}}]}
