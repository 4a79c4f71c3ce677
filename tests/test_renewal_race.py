"""Two workers on PostgreSQL racing over 1,000 due subscriptions: 1,000 orders, 1,000 charges (Stripe replays no keys)."""

import threading

import pytest
from django.db import connection, connections

from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.models import Renewal, Subscription, SubscriptionLine

from .conftest import renewal_orders
from .test_renewals import DAY

pytestmark = pytest.mark.django_db(transaction=True)
N = 1000


def test_two_workers_renew_each_due_subscription_exactly_once(subscribed):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL")
    standin, installation, first, fake = subscribed
    line = first.lines.get()
    customers = StripeCustomer.objects.bulk_create(
        StripeCustomer(installation=installation, saleor_user_id=f"VXNlcjpjbG9uZ{n}", stripe_customer_id=f"cus_clone{n}")
        for n in range(N - 1))
    cards = PaymentMethod.objects.bulk_create(
        PaymentMethod(customer=customer, stripe_payment_method_id=f"pm_clone{n}", brand="visa", last4="4242")
        for n, customer in enumerate(customers))
    clones = Subscription.objects.bulk_create(
        Subscription(**{f.attname: getattr(first, f.attname) for f in Subscription._meta.concrete_fields if f.attname != "id"}
                     | {"origin_order_id": f"T3JkZXI6clone{n}", "payment_method_id": card.pk})
        for n, card in enumerate(cards)
    )
    SubscriptionLine.objects.bulk_create(
        SubscriptionLine(subscription=clone, variant_id=line.variant_id, quantity=1, plan_version_id=line.plan_version_id)
        for clone in clones
    )
    done, errors = [], []

    def worker():
        try:
            done.append(runs.run_due(installation, DAY(2027, 2, 28)))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert errors == []
    assert sum(done) == N and all(count > 0 for count in done)  # both worked, neither twice
    orders = renewal_orders(standin)
    assert len(orders) == N == len({o["externalReference"] for o in orders})
    assert len(fake.charges) == N == len({c["metadata"]["subscription"] for c in fake.charges})
    assert Renewal.objects.filter(state=Renewal.State.DONE).count() == N
    assert set(Subscription.objects.values_list("deliveries", flat=True)) == {2}
