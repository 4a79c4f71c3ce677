"""Skip, reschedule, quantity, address, pause/resume, cancel: checked, recorded, and honoured by renewals."""

from decimal import Decimal

import pytest

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.plans.actions import create_plan, revise_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import actions
from saleor_subscriptions.subscriptions.actions import LifecycleError

from .conftest import TRIAL_TERMS, renewal_orders
from .test_renewals import DAY

pytestmark = pytest.mark.django_db
CUSTOMER, STAFF = Event.Actor.CUSTOMER, Event.Actor.STAFF


def test_skipping_keeps_the_plans_rhythm(subscribed):
    standin, installation, subscription, fake = subscribed
    subscription = actions.skip_next(subscription, actor=CUSTOMER, actor_id="VXNlcjo0Ng==", today=DAY(2027, 2, 1))
    assert subscription.next_renewal_on == DAY(2027, 3, 31)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0
    runs.run_due(installation, DAY(2027, 3, 31))
    subscription.refresh_from_db()
    assert (subscription.deliveries, subscription.next_renewal_on) == (2, DAY(2027, 4, 30))
    event = installation.events.get(type="subscription.skipped")
    assert (event.actor, event.data["skipped"]) == ("customer", "2027-02-28")


def test_customers_cannot_change_within_the_cutoff_but_staff_can(subscribed):
    _, installation, subscription, _ = subscribed
    with pytest.raises(LifecycleError) as error:
        actions.skip_next(subscription, actor=CUSTOMER, today=DAY(2027, 2, 25))  # 3 days before, cut-off 7
    assert error.value.code == "past_cutoff"
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 2, 28)  # nothing saved
    assert actions.skip_next(subscription, actor=STAFF, today=DAY(2027, 2, 25), force=True).next_renewal_on == DAY(2027, 3, 31)


def test_a_retry_after_a_failed_payment_is_no_delivery_so_no_cut_off_holds_the_customer(subscribed):
    standin, installation, subscription, fake = subscribed
    fake.declining["cus_hanako"] = "insufficient_funds"
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert (subscription.status, subscription.next_renewal_on) == ("past_due", DAY(2027, 3, 7))
    assert actions.change_deadline(subscription) is None
    cancelled = actions.cancel(subscription, at_period_end=False, actor=CUSTOMER, today=DAY(2027, 3, 1))
    assert cancelled.status == "cancelled"


def test_rescheduling_moves_only_the_next_delivery(subscribed):
    _, installation, subscription, _ = subscribed
    with pytest.raises(LifecycleError, match="before the following delivery"):
        actions.reschedule_next(subscription, DAY(2027, 4, 5), actor=CUSTOMER, today=DAY(2027, 2, 1))
    actions.reschedule_next(subscription, DAY(2027, 3, 10), actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0
    assert runs.run_due(installation, DAY(2027, 3, 10)) == 1
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 31)


def test_a_new_quantity_is_priced_with_its_tier_on_the_next_renewal(subscribed):
    standin, installation, subscription, _ = subscribed
    line = subscription.lines.get()
    with pytest.raises(LifecycleError) as error:
        actions.change_quantity(subscription, line.pk, 0, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert error.value.code == "quantity_out_of_range"
    actions.change_quantity(subscription, line.pk, 3, actor=CUSTOMER, today=DAY(2027, 2, 1))
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert [(l["quantity"], l["price"]) for l in order["input"]["lines"]] == [(3, "5400")]  # 3+ items: 10 % off


def test_a_new_address_is_used_for_the_next_order(subscribed):
    standin, installation, subscription, _ = subscribed
    with pytest.raises(LifecycleError):
        actions.change_address(subscription, {"city": "大阪市"}, actor=CUSTOMER, today=DAY(2027, 2, 1))
    actions.change_address(subscription, {"firstName": "花子", "lastName": "山田", "streetAddress1": "梅田1-1", "city": "大阪市",
                                          "postalCode": "530-0001", "country": {"code": "JP"}, "countryArea": "大阪府"},
                           actor=CUSTOMER, today=DAY(2027, 2, 1))
    runs.run_due(installation, DAY(2027, 2, 28))
    assert renewal_orders(standin)[0]["input"]["shippingAddress"]["postalCode"] == "530-0001"


def test_a_pause_until_a_date_resumes_on_the_next_plan_date(subscribed):
    _, installation, subscription, fake = subscribed
    actions.pause(subscription, until=DAY(2027, 4, 15), actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0
    assert actions.resume_due(installation, DAY(2027, 4, 14)) == 0
    assert actions.resume_due(installation, DAY(2027, 4, 15)) == 1
    subscription.refresh_from_db()
    assert (subscription.status, subscription.next_renewal_on, subscription.skipped) == ("active", DAY(2027, 4, 30), 2)
    assert fake.charges == []


def test_cancel_now_stops_renewals(subscribed):
    standin, installation, subscription, fake = subscribed
    actions.cancel(subscription, at_period_end=False, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0
    subscription.refresh_from_db()
    assert subscription.status == "cancelled" and fake.charges == [] and renewal_orders(standin) == []


def test_cancel_at_period_end_lets_the_paid_period_run_out(subscribed):
    standin, installation, subscription, fake = subscribed
    actions.cancel(subscription, at_period_end=True, actor=CUSTOMER, today=DAY(2027, 2, 1))
    subscription.refresh_from_db()
    assert subscription.status == "active"  # still the customer's until the period ends
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert subscription.status == "cancelled" and fake.charges == [] and renewal_orders(standin) == []
    assert subscription.renewals.get().state == "skipped"


def test_the_minimum_commitment_holds_for_customers(subscribed):
    _, installation, subscription, _ = subscribed
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "min_commitment": 3})
    subscription.lines.update(plan_version=plan.current_version)
    with pytest.raises(LifecycleError) as error:
        actions.cancel(subscription, at_period_end=False, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert error.value.code == "commitment" and "at least 3 deliveries" in error.value.message
    cancelled = actions.cancel(subscription, at_period_end=False, actor=STAFF, actor_id="VXNlcjo3", today=DAY(2027, 2, 1), force=True)
    assert cancelled.status == "cancelled"


BIMONTHLY_25TH = {**TRIAL_TERMS, "schedule": {"interval_unit": "month", "interval_count": 2, "anchor_day": 25}}


def test_a_new_interval_keeps_the_next_date_and_follows_the_new_rhythm_after(subscribed):
    standin, installation, subscription, fake = subscribed
    monthly = installation.plans.get()
    bimonthly = create_plan(installation, product_id=monthly.product.product_id, code="bimonthly", terms=BIMONTHLY_25TH)
    actions.change_plan(subscription, bimonthly, actor=CUSTOMER, today=DAY(2027, 2, 1))
    subscription.refresh_from_db()
    assert (subscription.plan.code, subscription.next_renewal_on) == ("bimonthly", DAY(2027, 2, 28))
    for day in (DAY(2027, 2, 28), DAY(2027, 3, 31), DAY(2027, 4, 25), DAY(2027, 5, 25), DAY(2027, 6, 25)):
        runs.run_due(installation, day)
    subscription.refresh_from_db()
    # 28 Feb as planned, then every 2 months on the 25th: 25 Apr, 25 Jun, 25 Aug
    assert [o["input"]["externalReference"][-1] for o in renewal_orders(standin)] == ["2", "3", "4"]
    assert (subscription.deliveries, subscription.next_renewal_on) == (4, DAY(2027, 8, 25))
    prices = [line["price"] for order in renewal_orders(standin) for line in order["input"]["lines"]]
    assert prices == ["6000", "6000", "6000"]  # the delivery count carries on: no second trial
    event = installation.events.get(type="subscription.plan_changed")
    assert (event.data["before"], event.data["after"]) == ("monthly", "bimonthly")


def test_a_plan_of_another_product_or_archived_is_refused(subscribed):
    standin, installation, subscription, _ = subscribed
    other = standin.add_product("Coffee", variants=[("250 g", {"jp": Decimal("1800")})])
    coffee = create_plan(installation, product_id=other["id"], code="coffee", terms=TRIAL_TERMS)
    with pytest.raises(LifecycleError) as error:
        actions.change_plan(subscription, coffee, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert error.value.code == "not_available"
    subscription.refresh_from_db()
    assert subscription.plan.code == "monthly" and subscription.schedule_anchor_slot == 1


def test_another_variant_of_the_product_ships_from_the_next_renewal(subscribed):
    standin, installation, subscription, _ = subscribed
    line = subscription.lines.get()
    large = standin.products[0]["variants"][1]["id"]  # 200 g of the same tea
    other = standin.add_product("Coffee", variants=[("250 g", {"jp": Decimal("1800")})])["variants"][0]["id"]
    with pytest.raises(LifecycleError) as error:
        actions.change_variant(subscription, line.pk, other, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert error.value.code == "not_available"
    actions.change_variant(subscription, line.pk, large, actor=CUSTOMER, today=DAY(2027, 2, 1))
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert [(l["variantId"], l["price"]) for l in order["input"]["lines"]] == [(large, "6000")]
