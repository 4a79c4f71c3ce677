"""Stripe's signed webhooks: verified, acted on once, reflected on the Saleor transaction."""

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest

from saleor_subscriptions.payments.models import StripeEvent

from .stripe_scripted import stripe_object

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"


@pytest.fixture
def saleor_transaction(installed, settings):
    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_SECRET_KEY = SECRET, "sk_test_123"
    standin, _, installation = installed
    standin.add_channel("jp", "JPY")
    order = standin.add_order("jp", Decimal("6000"))
    return standin, standin.add_transaction(order, "pi_konbini")


def event(standin, transaction, event_type="payment_intent.succeeded", event_id="evt_1", **intent):
    metadata = {"saleor_api_url": standin.api_url, "saleor_transaction_id": transaction["id"]}
    obj = stripe_object("payment_intent", id="pi_konbini", amount=6000, currency="jpy", metadata=metadata, **intent)
    return json.dumps(stripe_object("event", id=event_id, type=event_type, data={"object": obj})).encode()


def signed(body: bytes, secret=SECRET, timestamp=None) -> str:
    timestamp = timestamp or int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post(client, body, signature):
    headers = {"Stripe-Signature": signature} if signature else {}
    return client.post("/api/webhooks/stripe", data=body, content_type="application/json", headers=headers)


def test_a_paid_konbini_payment_is_reported_to_saleor_once(client, saleor_transaction):
    standin, transaction = saleor_transaction
    body = event(standin, transaction)
    first = post(client, body, signed(body))
    assert (first.status_code, first.json()) == (200, {"status": "processed"})
    assert transaction["events"] == [("CHARGE_SUCCESS", "pi_konbini", "6000")]
    assert transaction["charged"] == Decimal("6000")
    reports = len([r for r in standin.received if r.operation_name == "TransactionEventReport"])
    again = post(client, body, signed(body))  # Stripe redelivers the same event
    assert again.status_code == 200
    assert len([r for r in standin.received if r.operation_name == "TransactionEventReport"]) == reports
    assert StripeEvent.objects.count() == 1


def test_a_failed_payment_is_reported_as_a_charge_failure(client, saleor_transaction):
    standin, transaction = saleor_transaction
    body = event(standin, transaction, "payment_intent.payment_failed", "evt_2",
                 last_payment_error={"code": "card_declined", "message": "Your card was declined."})
    assert post(client, body, signed(body)).status_code == 200
    assert transaction["events"] == [("CHARGE_FAILURE", "pi_konbini", "6000")]


@pytest.mark.parametrize("tamper", ["body", "secret", "missing", "stale"])
def test_tampered_or_unsigned_events_are_rejected_and_not_recorded(client, saleor_transaction, tamper):
    standin, transaction = saleor_transaction
    body = event(standin, transaction)
    signature = {
        "body": signed(body),
        "secret": signed(body, secret="whsec_someone_else"),
        "missing": None,
        "stale": signed(body, timestamp=int(time.time()) - 3600),  # outside Stripe's 5-minute tolerance
    }[tamper]
    sent = body.replace(b'"amount": 6000', b'"amount": 1') if tamper == "body" else body
    response = post(client, sent, signature)
    assert response.status_code == 400
    assert response.json()["error"]["code"] in ("invalid_signature", "signature_missing")
    assert not StripeEvent.objects.exists()
    assert "events" not in transaction


def test_events_not_tied_to_a_saleor_transaction_are_recorded_and_ignored(client, saleor_transaction):
    body = json.dumps(stripe_object("event", id="evt_3", type="customer.created",
                                    data={"object": stripe_object("customer")})).encode()
    assert post(client, body, signed(body)).json() == {"status": "ignored"}


def test_when_saleor_is_down_stripe_is_asked_to_retry(client, saleor_transaction):
    standin, transaction = saleor_transaction
    body = event(standin, transaction)
    standin.http_failures = [502] * 4
    response = post(client, body, signed(body))
    assert response.status_code == 500
    assert StripeEvent.objects.get().status == StripeEvent.Status.FAILED
    assert post(client, body, signed(body)).status_code == 200  # Stripe's retry
    assert transaction["events"] == [("CHARGE_SUCCESS", "pi_konbini", "6000")]


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_saleor_is_told(client, saleor_transaction, monkeypatch):
    """Saleor may call the app's webhooks inside transactionEventReport: nothing of ours may hold a lock meanwhile."""
    from django.db import connection

    from saleor_subscriptions.saleor.client import SaleorClient

    standin, transaction = saleor_transaction
    post_to_saleor, open_during = SaleorClient._post, []

    def saleor(self, name, *args):
        open_during.append((name, connection.in_atomic_block))
        return post_to_saleor(self, name, *args)

    monkeypatch.setattr(SaleorClient, "_post", saleor)
    body = event(standin, transaction)
    assert post(client, body, signed(body)).json() == {"status": "processed"}
    assert open_during == [("TransactionEventReport", False)]
