"""Skip, reschedule, quantity, address, pause/resume, cancel: checked, recorded, and honoured by renewals."""

import pytest

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.plans.actions import revise_plan
from saleor_subscriptions.renewals import engine
from saleor_subscriptions.subscriptions import actions
from saleor_subscriptions.subscriptions.actions import LifecycleError

from .conftest import renewal_orders
from .test_renewals import DAY

pytestmark = pytest.mark.django_db
CUSTOMER, STAFF = Event.Actor.CUSTOMER, Event.Actor.STAFF


def test_skipping_keeps_the_plans_rhythm(subscribed):
    standin, installation, subscription, fake = subscribed
    subscription = actions.skip_next(subscription, actor=CUSTOMER, actor_id="VXNlcjo0Ng==", today=DAY(2027, 2, 1))
    assert subscription.next_renewal_on == DAY(2027, 3, 31)
    assert engine.run_due(installation, DAY(2027, 2, 28)) == 0
    engine.run_due(installation, DAY(2027, 3, 31))
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


def test_rescheduling_moves_only_the_next_delivery(subscribed):
    _, installation, subscription, _ = subscribed
    with pytest.raises(LifecycleError, match="before the following delivery"):
        actions.reschedule_next(subscription, DAY(2027, 4, 5), actor=CUSTOMER, today=DAY(2027, 2, 1))
    actions.reschedule_next(subscription, DAY(2027, 3, 10), actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert engine.run_due(installation, DAY(2027, 2, 28)) == 0
    assert engine.run_due(installation, DAY(2027, 3, 10)) == 1
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 31)


def test_a_new_quantity_is_priced_with_its_tier_on_the_next_renewal(subscribed):
    standin, installation, subscription, _ = subscribed
    line = subscription.lines.get()
    with pytest.raises(LifecycleError) as error:
        actions.change_quantity(subscription, line.pk, 0, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert error.value.code == "quantity_out_of_range"
    actions.change_quantity(subscription, line.pk, 3, actor=CUSTOMER, today=DAY(2027, 2, 1))
    engine.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert [(l["quantity"], l["price"]) for l in order["input"]["lines"]] == [(3, "5400")]  # 3+ items: 10 % off


def test_a_new_address_is_used_for_the_next_order(subscribed):
    standin, installation, subscription, _ = subscribed
    with pytest.raises(LifecycleError):
        actions.change_address(subscription, {"city": "大阪市"}, actor=CUSTOMER, today=DAY(2027, 2, 1))
    actions.change_address(subscription, {"firstName": "花子", "lastName": "山田", "streetAddress1": "梅田1-1", "city": "大阪市",
                                          "postalCode": "530-0001", "country": {"code": "JP"}, "countryArea": "大阪府"},
                           actor=CUSTOMER, today=DAY(2027, 2, 1))
    engine.run_due(installation, DAY(2027, 2, 28))
    assert renewal_orders(standin)[0]["input"]["shippingAddress"]["postalCode"] == "530-0001"


def test_a_pause_until_a_date_resumes_on_the_next_plan_date(subscribed):
    _, installation, subscription, fake = subscribed
    actions.pause(subscription, until=DAY(2027, 4, 15), actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert engine.run_due(installation, DAY(2027, 2, 28)) == 0
    assert actions.resume_due(installation, DAY(2027, 4, 14)) == 0
    assert actions.resume_due(installation, DAY(2027, 4, 15)) == 1
    subscription.refresh_from_db()
    assert (subscription.status, subscription.next_renewal_on, subscription.skipped) == ("active", DAY(2027, 4, 30), 2)
    assert fake.charges == []


def test_cancel_now_stops_renewals(subscribed):
    standin, installation, subscription, fake = subscribed
    actions.cancel(subscription, at_period_end=False, actor=CUSTOMER, today=DAY(2027, 2, 1))
    assert engine.run_due(installation, DAY(2027, 2, 28)) == 0
    subscription.refresh_from_db()
    assert subscription.status == "cancelled" and fake.charges == [] and renewal_orders(standin) == []


def test_cancel_at_period_end_lets_the_paid_period_run_out(subscribed):
    standin, installation, subscription, fake = subscribed
    actions.cancel(subscription, at_period_end=True, actor=CUSTOMER, today=DAY(2027, 2, 1))
    subscription.refresh_from_db()
    assert subscription.status == "active"  # still the customer's until the period ends
    engine.run_due(installation, DAY(2027, 2, 28))
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
