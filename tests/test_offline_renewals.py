"""Renewals paid after delivery: cash on delivery, bank transfer and konbini leave the order pending."""

from decimal import Decimal

import pytest

from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.payments import stripe_events
from saleor_subscriptions.payments.models import PaymentInstructions
from saleor_subscriptions.payments.offline import mark_received
from saleor_subscriptions.renewals import outcomes, runs
from saleor_subscriptions.subscriptions.models import Renewal

from .conftest import renewal_orders
from .test_renewals import DAY

pytestmark = pytest.mark.django_db


def paying_by(subscribed, kind):
    standin, installation, subscription, fake = subscribed
    subscription.payment_kind, subscription.payment_method = kind, None
    subscription.save()
    return standin, installation, subscription, fake


@pytest.mark.parametrize("kind, name", [("cod", "Cash on delivery (subscription)"), ("bank_transfer", "Bank transfer (subscription)")])
def test_a_cash_or_transfer_renewal_is_ordered_with_the_amount_pending_until_staff_confirm_it(subscribed, kind, name):
    standin, installation, subscription, fake = paying_by(subscribed, kind)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    (transaction,) = order["transactions"]
    assert (order["status"], transaction["input"]["name"], transaction["pending"], transaction["charged"]) == (
        "UNFULFILLED", name, Decimal("6500"), 0)
    assert fake.requests == []  # Stripe is not involved
    assert mark_received(installation, transaction_id=transaction["id"]) == Decimal("6500")
    assert (transaction["pending"], transaction["charged"]) == (0, Decimal("6500"))
    subscription.refresh_from_db()
    assert (subscription.deliveries, subscription.next_renewal_on) == (2, DAY(2027, 3, 31))


def test_a_crash_after_the_order_leaves_one_order_and_one_pending_amount(subscribed, monkeypatch):
    standin, installation, subscription, _ = paying_by(subscribed, "cod")
    renewed = outcomes.renewed
    monkeypatch.setattr(outcomes, "renewed", lambda *args, **kwargs: (_ for _ in ()).throw(SystemExit("worker killed")))
    with pytest.raises(SystemExit):
        runs.run_due(installation, DAY(2027, 2, 28))
    monkeypatch.setattr(outcomes, "renewed", renewed)
    assert Renewal.objects.get().state == Renewal.State.ORDER_CREATED  # Saleor has the order and its pending amount
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    (transaction,) = order["transactions"]
    assert transaction["pending"] == Decimal("6500")
    assert Renewal.objects.get().state == Renewal.State.DONE


def test_a_konbini_renewal_gets_its_own_store_numbers_and_is_marked_paid_by_stripe(subscribed):
    standin, installation, subscription, fake = paying_by(subscribed, "konbini")
    subscription.billing_address = {"firstName": "花子", "lastName": "山田", "country": {"code": "JP"}}
    subscription.save()
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    (transaction,) = order["transactions"]
    (intent,) = fake.konbini
    assert (intent["amount"], transaction["pspReference"], transaction["pending"]) == (6500, intent["id"], Decimal("6500"))
    create = next(r for r in fake.requests if r.path == "v1/payment_intents")
    assert create.params["payment_method_data[billing_details][name]"] == "山田 花子"
    assert create.headers["Idempotency-Key"] == f"sub-{installation.reference_key}-{subscription.pk}-2-konbini"
    assert intent["metadata"]["saleor_transaction_id"] == transaction["id"]  # Stripe's webhook finds the transaction
    instructions = PaymentInstructions.objects.get(saleor_transaction_id=transaction["id"])
    assert (instructions.amount, instructions.stores["lawson"]["paymentCode"]) == (6500, "la1234")
    assert instructions.voucher_url.endswith(intent["id"])

    paid = {**intent, "status": "succeeded"}
    stripe_events.handle({"id": "evt_paid", "type": "payment_intent.succeeded", "data": {"object": paid}})
    assert (transaction["pending"], transaction["charged"]) == (0, Decimal("6500"))


def test_stripes_payment_is_matched_even_before_the_metadata_names_the_transaction(subscribed):
    standin, installation, subscription, fake = paying_by(subscribed, "konbini")
    runs.run_due(installation, DAY(2027, 2, 28))
    (intent,) = fake.konbini
    (transaction,) = renewal_orders(standin)[0]["transactions"]
    early = {**intent, "status": "succeeded", "metadata": {k: v for k, v in intent["metadata"].items() if k != "saleor_transaction_id"}}
    assert stripe_events.handle({"id": "evt_early", "type": "payment_intent.succeeded", "data": {"object": early}}).status == "processed"
    assert transaction["charged"] == Decimal("6500")


@pytest.mark.parametrize("after_last_retry, status", [("cancel", "cancelled"), ("pause", "paused")])
def test_a_konbini_voucher_that_expires_unpaid_stops_the_subscription_and_cancels_the_order(
        subscribed, after_last_retry, status, django_capture_on_commit_callbacks):
    standin, installation, subscription, fake = paying_by(subscribed, "konbini")
    installation.after_last_retry = after_last_retry
    installation.save()
    runs.run_due(installation, DAY(2027, 2, 28))
    (intent,) = fake.konbini
    (order,) = renewal_orders(standin)
    expired = {**intent, "status": "requires_payment_method", "last_payment_error": {"message": "The konbini voucher expired."}}
    for attempt in range(2):  # Stripe redelivers
        with django_capture_on_commit_callbacks(execute=True):
            stripe_events.handle({"id": f"evt_expired_{attempt}", "type": "payment_intent.payment_failed", "data": {"object": expired}})
    subscription.refresh_from_db()
    renewal = subscription.renewals.get()
    assert (subscription.status, subscription.next_renewal_on) == (status, None)
    assert (renewal.state, renewal.decline_code) == ("failed", "konbini_expired")
    assert order["status"] == "CANCELED"  # the unpaid delivery does not ship
    assert [event[0] for event in order["transactions"][0]["events"]] == ["CHARGE_REQUEST", "CHARGE_FAILURE"]
    (declined,) = installation.events.filter(type="renewal.declined")
    assert (declined.data["status"], declined.data["decline_code"]) == (status, "konbini_expired")
    assert MailLog.objects.filter(kind=status, to=subscription.email).count() == 1  # the customer is told once
