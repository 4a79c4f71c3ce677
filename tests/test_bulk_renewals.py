"""Renewal orders through `orderBulkCreate`: 50 per call, taxed and stocked by the app, paid exactly once."""

import datetime
from decimal import Decimal

import pytest

from saleor_subscriptions.core.errors import InputError
from saleor_subscriptions.installations import settings as installation_settings
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.saleor.client import SaleorClient
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order
from saleor_subscriptions.subscriptions.models import Renewal, SubscriptionLine

from .conftest import USER, order_payload, renewal_orders
from .saleor_standin.standin import gid

pytestmark = pytest.mark.django_db
D, DAY = Decimal, datetime.date
STANDARD, REDUCED = gid("TaxClass", 1), gid("TaxClass", 2)
RENEWAL_DAY = DAY(2027, 2, 28)


@pytest.fixture
def bulk(subscribed):
    """Hanako's tea (food: Japan's reduced 8 % rate) renews through bulk orders; shipping is taxed at 10 %."""
    standin, installation, subscription, fake = subscribed
    standin.products[0]["taxClass"] = REDUCED
    standin.tax_rates.update({("JP", STANDARD): D(10), ("JP", REDUCED): D(8)})
    installation_settings.update(installation, {"renewal_orders": "bulk"})
    return subscribed


def more_subscribers(standin, installation, count, *, first_number=100):
    channel, variant = standin.channels["jp"], standin.products[0]["variants"][0]["id"]
    for number in range(first_number, first_number + count):
        user = {"id": gid("User", number), "email": f"buyer{number}@example.jp"}
        customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=user["id"],
                                                 stripe_customer_id=f"cus_{number}")
        PaymentMethod.objects.create(customer=customer, stripe_payment_method_id=f"pm_{number}", brand="visa", last4="4242")
        subscriptions_from_order(installation, order_payload(channel, variant, number=number, user=user))


def test_sixty_renewals_take_two_bulk_calls_and_each_order_is_paid_once(bulk):
    standin, installation, subscription, fake = bulk
    more_subscribers(standin, installation, 59)
    assert runs.run_due(installation, RENEWAL_DAY) == 60
    assert standin.bulk_calls == [50, 10]
    orders = renewal_orders(standin)
    assert len(orders) == 60 and len(fake.charges) == 60
    assert {(o["origin"], o["status"], o["total"]) for o in orders} == {("BULK_CREATE", "UNFULFILLED", D("6500"))}
    assert all(len(o["transactions"]) == 1 and o["transactions"][0]["charged"] == D("6500") for o in orders)
    assert Renewal.objects.filter(state=Renewal.State.DONE).count() == 60


def test_a_bulk_order_carries_the_prices_taxes_warehouse_and_shipping_saleor_would_compute(bulk):
    standin, installation, subscription, fake = bulk
    runs.run_due(installation, RENEWAL_DAY)
    (order,) = renewal_orders(standin)
    sent = order["input"]
    (line,) = sent["lines"]
    assert (line["totalPrice"], line["taxClassId"], line["taxRate"]) == ({"net": "5556", "gross": "6000"}, REDUCED, "0.08")
    assert line["warehouse"] == gid("Warehouse", "wh-1") and line["productName"] == "Green tea" and line["quantity"] == 1
    assert sent["deliveryMethod"]["shippingMethodId"] == "U2hpcHBpbmdNZXRob2Q6MQ=="  # ShippingMethod:1, not the zone's type id
    assert sent["deliveryMethod"]["shippingPrice"] == {"net": "455", "gross": "500"}
    assert sent["deliveryMethod"]["shippingTaxClassId"] == STANDARD
    assert (sent["user"], sent["languageCode"], sent["currency"]) == ({"id": USER["id"]}, "JA", "JPY")
    assert sent["billingAddress"]["country"] == "JP" and sent["shippingAddress"]["postalCode"] == "100-0005"
    assert {"key": "subscription.renewal", "value": order["externalReference"]} in sent["metadata"]
    assert fake.charges[0]["amount"] == 6500
    assert "allocated" not in standin.products[0]["variants"][0]  # as on a live 3.23.28: no allocation until fulfilment


def test_prices_entered_without_tax_are_grossed_up(bulk):
    standin, installation, subscription, fake = bulk
    standin.channels["jp"]["_taxes"]["pricesEnteredWithTax"] = False
    runs.run_due(installation, RENEWAL_DAY)
    (order,) = renewal_orders(standin)
    assert order["input"]["lines"][0]["totalPrice"] == {"net": "6000", "gross": "6480"}
    assert order["input"]["deliveryMethod"]["shippingPrice"] == {"net": "500", "gross": "550"}
    assert order["total"] == D("7030") and fake.charges[0]["amount"] == 7030


def test_a_worker_killed_after_the_bulk_call_leaves_one_order_and_one_charge_each(bulk, monkeypatch):
    standin, installation, subscription, fake = bulk
    more_subscribers(standin, installation, 2)
    real, crashed = SaleorClient.execute, []

    def crash_once(self, name, variables=None, **kwargs):
        if name == "TransactionCreate" and not crashed:  # orders made, first card charged
            crashed.append(name)
            raise KeyboardInterrupt("worker killed")
        return real(self, name, variables, **kwargs)

    monkeypatch.setattr(SaleorClient, "execute", crash_once)
    with pytest.raises(KeyboardInterrupt):
        runs.run_due(installation, RENEWAL_DAY)
    assert len(renewal_orders(standin)) == 3 and len(fake.charges) == 1
    charging = Renewal.objects.get(state=Renewal.State.CHARGING)  # the intent was written before it was confirmed
    assert charging.payment_intent_id == fake.charges[0]["id"]

    assert runs.run_due(installation, RENEWAL_DAY) == 3
    orders = renewal_orders(standin)
    assert len(orders) == 3 and standin.bulk_calls == [3]  # found by their metadata, not created again
    assert len(fake.charges) == 3 and all(len(o["transactions"]) == 1 for o in orders)
    assert {o["status"] for o in orders} == {"UNFULFILLED"}


def test_an_order_found_only_by_its_reference_is_finished_not_duplicated(bulk):
    standin, installation, subscription, fake = bulk
    standin.add_order("jp", D("6500"), status="UNCONFIRMED", origin="BULK_CREATE",
                      externalReference=f"sub-{installation.reference_key}-{subscription.pk}-2")  # made, metadata lost
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    (order,) = renewal_orders(standin)
    assert order["status"] == "UNFULFILLED" and len(order["transactions"]) == 1 and len(fake.charges) == 1


def test_a_declined_card_leaves_the_order_unconfirmed_until_the_retry_pays_it(bulk):
    standin, installation, subscription, fake = bulk
    fake.declining["cus_hanako"] = "insufficient_funds"
    runs.run_due(installation, RENEWAL_DAY)
    (order,) = renewal_orders(standin)
    assert order["status"] == "UNCONFIRMED" and order["transactions"] == []  # nothing ships unpaid
    del fake.declining["cus_hanako"]
    runs.run_due(installation, DAY(2027, 3, 7))
    assert renewal_orders(standin) == [order] and order["status"] == "UNFULFILLED" and len(fake.charges) == 1


def test_after_the_last_failed_retry_the_unconfirmed_order_is_cancelled(bulk):
    standin, installation, subscription, fake = bulk
    fake.declining["cus_hanako"] = "insufficient_funds"
    for day in (RENEWAL_DAY, DAY(2027, 3, 7), DAY(2027, 3, 14)):
        runs.run_due(installation, day)
    (order,) = renewal_orders(standin)
    subscription.refresh_from_db()
    assert (subscription.status, order["status"]) == ("cancelled", "CANCELED")


def test_stock_taken_by_earlier_orders_of_a_batch_counts_for_later_ones(bulk):
    standin, installation, subscription, fake = bulk
    more_subscribers(standin, installation, 1)
    standin.products[0]["variants"][0]["stock"] = 1
    runs.run_due(installation, RENEWAL_DAY)
    assert len(renewal_orders(standin)) == 1 and len(fake.charges) == 1
    waiting = Renewal.objects.exclude(state=Renewal.State.DONE).get()
    assert waiting.last_error.startswith("waiting for stock")  # the plan's default policy: wait a day


@pytest.mark.parametrize("change", ["tax_app", "no_tax_class"])
def test_what_bulk_cannot_price_renews_through_a_draft_order(bulk, change):
    standin, installation, subscription, fake = bulk
    if change == "tax_app":
        standin.channels["jp"]["_taxes"]["taxCalculationStrategy"] = "TAX_APP"
    else:
        standin.products[0]["taxClass"] = None
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    (order,) = renewal_orders(standin)
    assert order["origin"] == "DRAFT" and order["status"] == "UNFULFILLED" and standin.bulk_calls == []
    assert len(fake.charges) == 1


def test_a_row_saleor_refuses_is_a_visible_problem_and_charges_nothing(bulk):
    standin, installation, subscription, fake = bulk
    more_subscribers(standin, installation, 1)
    subscription.billing_address = subscription.shipping_address = {**subscription.shipping_address, "country": {}}
    subscription.save()
    assert runs.run_due(installation, RENEWAL_DAY) == 2
    (order,) = renewal_orders(standin)  # the other row went through
    assert len(fake.charges) == 1
    problem = Renewal.objects.get(subscription=subscription)
    assert problem.state == Renewal.State.FAILED and "Saleor refused the renewal order" in problem.last_error
    assert "billing_address" in problem.last_error


def test_bulk_orders_need_the_import_permission(subscribed):
    _, installation, _, _ = subscribed
    installation.permissions = [p for p in installation.permissions if p != "MANAGE_ORDERS_IMPORT"]
    with pytest.raises(InputError) as refused:
        installation_settings.update(installation, {"renewal_orders": "bulk"})
    assert refused.value.field == "renewal_orders"
    installation.refresh_from_db()
    assert installation.renewal_orders == "draft"


def test_a_channel_that_confirms_orders_by_hand_keeps_paid_bulk_orders_unconfirmed(bulk):
    standin, installation, subscription, fake = bulk
    standin.channels["jp"]["orderSettings"]["automaticallyConfirmAllNewOrders"] = False
    runs.run_due(installation, RENEWAL_DAY)
    (order,) = renewal_orders(standin)
    assert order["status"] == "UNCONFIRMED" and order["transactions"][0]["charged"] == D("6500")  # staff confirm it


def test_a_batch_shipping_more_than_a_page_of_variants_reads_them_all(bulk):
    standin, installation, subscription, fake = bulk
    teas = standin.add_product("Tea sampler", variants=[(f"No. {n}", {"jp": D("1000")}) for n in range(120)], tax_class=REDUCED)
    line = subscription.lines.get()
    SubscriptionLine.objects.bulk_create(SubscriptionLine(subscription=subscription, variant_id=variant["id"], quantity=1,
                                                          plan_version=line.plan_version) for variant in teas["variants"])
    assert runs.run_due(installation, RENEWAL_DAY) == 1
    (order,) = renewal_orders(standin)
    assert standin.bulk_calls == [1] and len(order["input"]["lines"]) == 121  # Saleor pages variants by 100
