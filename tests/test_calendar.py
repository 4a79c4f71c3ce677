"""Closed days and order lead time: deliveries move to open days without drifting."""

import pytest

from saleor_subscriptions.installations.models import ClosedDay
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import actions
from saleor_subscriptions.subscriptions.calendar import next_open_day

from .test_renewals import DAY

pytestmark = pytest.mark.django_db


def test_a_delivery_on_a_closed_day_moves_to_the_next_open_day_and_the_rhythm_returns(subscribed):
    _, installation, subscription, _ = subscribed
    ClosedDay.objects.create(installation=installation, date=DAY(2027, 3, 31), reason="carrier holiday")
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 4, 1)
    runs.run_due(installation, DAY(2027, 4, 1))
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 4, 30)  # back on the plan's date


def test_closed_weekdays_and_holidays_in_a_row(subscribed):
    _, installation, _, _ = subscribed
    installation.closed_weekdays = [5, 6]  # no weekend deliveries
    installation.save()
    for day in (DAY(2027, 1, 1), DAY(2027, 1, 4)):  # New Year's Day (Fri) and the Monday after
        ClosedDay.objects.create(installation=installation, date=day)
    assert next_open_day(installation, DAY(2027, 1, 1)) == DAY(2027, 1, 5)
    assert next_open_day(installation, DAY(2027, 1, 6)) == DAY(2027, 1, 6)


def test_skipping_lands_on_an_open_day(subscribed):
    _, installation, subscription, _ = subscribed
    ClosedDay.objects.create(installation=installation, date=DAY(2027, 3, 31))
    assert actions.skip_next(subscription, actor="staff", today=DAY(2027, 2, 1)).next_renewal_on == DAY(2027, 4, 1)


def test_orders_are_created_lead_days_before_the_delivery(subscribed):
    _, installation, subscription, fake = subscribed
    installation.order_lead_days = 3
    installation.save()
    assert runs.run_due(installation, DAY(2027, 2, 24)) == 0
    assert runs.run_due(installation, DAY(2027, 2, 25)) == 1  # for the delivery on the 28th
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 31) and len(fake.charges) == 1
