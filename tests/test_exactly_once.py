"""Exactly once without trusting Stripe's idempotency keys, and no transaction open across a call.

The fake Stripe here forgets idempotency keys (as Stripe does after about a day, and localstripe
always): what keeps a cycle to one charge is our record of its PaymentIntent, Stripe's own record
of it, and the Saleor order's charge status. Saleor delivers order webhooks inside its mutations.
"""

import datetime
import threading
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection, connections
from django.utils import timezone

from saleor_subscriptions.renewals import lease, runs
from saleor_subscriptions.saleor.client import SaleorClient, SaleorTransportError
from saleor_subscriptions.saleor.webhooks.models import WebhookDelivery
from saleor_subscriptions.subscriptions.models import Renewal

from .conftest import renewal_orders
from .saleor_standin.transport import django_app_http

pytestmark = pytest.mark.django_db(transaction=True)
D, DAY = Decimal, datetime.date
RENEWAL_DAY = DAY(2027, 2, 28)


def inline_app(client):
    """The app as Saleor's own threads call it, inside its mutations."""
    call = django_app_http(client)

    def deliver(*args):
        try:
            return call(*args)
        finally:
            connections.close_all()  # the stand-in's thread, not the test's

    return deliver


def paid_once(standin, fake):
    """One renewal order, charged once by Stripe and once in Saleor's eyes."""
    (order,) = renewal_orders(standin)
    assert len(fake.charges) == 1 and fake.charges[0]["status"] == "succeeded"
    assert [t["pspReference"] for t in order["transactions"]] == [fake.charges[0]["id"]]
    assert standin.charge_status(order) == "FULL" and order["status"] == "UNFULFILLED"
    return order


def test_no_transaction_is_open_while_saleor_or_stripe_is_called(subscribed, client, monkeypatch):
    standin, installation, subscription, fake = subscribed
    standin.deliver_inline = inline_app(client)  # ORDER_CREATED arrives inside draftOrderComplete
    open_during = []
    post, request = SaleorClient._post, type(fake).request

    def saleor(self, name, *args):
        open_during.append((name, connection.in_atomic_block))
        return post(self, name, *args)

    def stripe(self, method, url, *args, **kwargs):
        open_during.append((url.rsplit("/v1/", 1)[1], connection.in_atomic_block))
        return request(self, method, url, *args, **kwargs)

    monkeypatch.setattr(SaleorClient, "_post", saleor)
    monkeypatch.setattr(type(fake), "request", stripe)
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    assert {name for name, _ in open_during} >= {"DraftOrderCreate", "DraftOrderComplete", "TransactionCreate"}
    assert [name for name, in_transaction in open_during if in_transaction] == []
    paid_once(standin, fake)
    assert standin.inline == [("ORDER_CREATED", 200), ("ORDER_FULLY_PAID", 200)]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {WebhookDelivery.Status.PROCESSED}


def test_a_worker_whose_lease_expired_mid_charge_charges_nothing_more(subscribed, monkeypatch):
    """Worker A stalls in Stripe past its lease; B takes the cycle over and finishes it; A wakes up."""
    standin, installation, subscription, fake = subscribed
    request, taken_over = type(fake).request, []

    def stalled(self, method, url, *args, **kwargs):
        if url.endswith("/confirm") and not taken_over:
            taken_over.append(url)
            subscription.__class__.objects.filter(pk=subscription.pk).update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
            worker_b = threading.Thread(target=lambda: (runs.run_due(installation, RENEWAL_DAY), connections.close_all()))
            worker_b.start()
            worker_b.join(timeout=60)
        return request(self, method, url, *args, **kwargs)

    monkeypatch.setattr(type(fake), "request", stalled)
    runs.run_due(installation, RENEWAL_DAY)  # worker A
    assert taken_over
    paid_once(standin, fake)
    confirmations = [r for r in fake.requests if r.path.endswith("/confirm")]
    assert len(confirmations) == 2 and len(fake.intents) == 1  # both confirmed the one intent; Stripe charged it once
    subscription.refresh_from_db()
    assert (subscription.deliveries, subscription.lease_owner) == (2, "")


def test_a_crash_after_the_charge_resumed_two_days_later_charges_nothing_more(subscribed, monkeypatch):
    standin, installation, subscription, fake = subscribed
    real, crashed = SaleorClient.execute, []

    def killed(self, name, variables=None, **kwargs):
        if name == "DraftOrderComplete" and not crashed:
            crashed.append(name)
            raise KeyboardInterrupt("worker killed")
        return real(self, name, variables, **kwargs)

    release = lease.release
    monkeypatch.setattr(SaleorClient, "execute", killed)
    monkeypatch.setattr(lease, "release", lambda subscription: None)  # a killed worker gives nothing back
    with pytest.raises(KeyboardInterrupt):
        runs.run_due(installation, RENEWAL_DAY)
    monkeypatch.setattr(SaleorClient, "execute", real)
    monkeypatch.setattr(lease, "release", release)
    assert len(fake.charges) == 1 and Renewal.objects.get().payment_intent_id == fake.charges[0]["id"]

    assert runs.run_due(installation, RENEWAL_DAY + datetime.timedelta(days=2)) == 0  # the lease still stands
    two_days_later = timezone.now() + datetime.timedelta(days=2)
    with mock.patch.object(lease.timezone, "now", return_value=two_days_later):
        assert runs.run_due(installation, RENEWAL_DAY + datetime.timedelta(days=2)) == 1
    paid_once(standin, fake)
    assert Renewal.objects.get().state == Renewal.State.DONE


def test_a_saleor_timeout_on_completion_charges_nothing_more(subscribed, monkeypatch):
    """Saleor completed the order, but its answer never came (the live 18 s timeout)."""
    standin, installation, subscription, fake = subscribed
    real, timed_out = SaleorClient.execute, []

    def slow(self, name, variables=None, **kwargs):
        answer = real(self, name, variables, **kwargs)
        if name == "DraftOrderComplete" and not timed_out:
            timed_out.append(name)
            raise SaleorTransportError("DraftOrderComplete: ReadTimeout: read timeout=18")
        return answer

    monkeypatch.setattr(SaleorClient, "execute", slow)
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    renewal = Renewal.objects.get()
    assert renewal.state == Renewal.State.CHARGED and "interrupted" in renewal.last_error
    assert runs.run_due(installation, RENEWAL_DAY) == 1  # the next run
    paid_once(standin, fake)
    subscription.refresh_from_db()
    assert subscription.deliveries == 2


def test_an_order_saleor_counts_as_paid_is_never_charged(subscribed):
    """Our record of the intent is gone, yet Saleor has the charge: Saleor's word stops a second one."""
    standin, installation, subscription, fake = subscribed
    reference = f"sub-{installation.reference_key}-{subscription.pk}-2"
    order = standin.add_order("jp", D("6500"), status="UNFULFILLED", externalReference=reference)
    standin.add_transaction(order, "pi_paid_by_staff")["charged"] = D("6500")
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    assert fake.requests == [] and len(order["transactions"]) == 1
    assert Renewal.objects.get().state == Renewal.State.DONE


def test_an_intent_whose_creation_answer_was_lost_is_found_not_made_again(subscribed):
    """Stripe made the intent but the answer never came: our record says `charging` with no intent."""
    standin, installation, subscription, fake = subscribed
    fake.lose_answers.append("v1/payment_intents")
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    renewal = Renewal.objects.get()
    assert (renewal.state, renewal.payment_intent_id, len(fake.intents)) == (Renewal.State.CHARGING, "", 1)
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    paid_once(standin, fake)
    assert len(fake.intents) == 1  # found among the customer's intents by its metadata


def test_a_first_attempt_looks_for_no_earlier_intent(subscribed):
    """Only a cycle left `charging` without an intent lists the customer's intents: one call saved per renewal."""
    standin, installation, subscription, fake = subscribed
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    assert [(r.method, r.path) for r in fake.requests] == [
        ("post", "v1/payment_intents"), ("post", "v1/payment_intents/pi_000001/confirm")]
