"""Deadlines of pending payments, per method: a reminder before, the method's rule after (fixed dates)."""

import datetime

import pytest

from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.payments.models import PaymentInstructions
from saleor_subscriptions.payments.offline import renewal_received
from saleor_subscriptions.renewals import deadlines, runs

from .clock import TOKYO, fixed_clock
from .conftest import renewal_orders
from .test_payment_plugins import carrier  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)


@pytest.fixture
def renewed(subscribed, django_capture_on_commit_callbacks):
    """The renewal of 28 Feb 2027 (09:00 Tokyo) went out with its payment pending, paid by `kind`."""
    standin, installation, subscription, _ = subscribed
    installation.merchant_email, installation.merchant_notifications = "shop@example.jp", "each"
    installation.save()

    def renew(kind: str):
        subscription.payment_kind, subscription.payment_method = kind, None
        subscription.save()
        with fixed_clock(DAY(2027, 2, 28), hour=9), django_capture_on_commit_callbacks(execute=True):
            runs.run_due(installation, DAY(2027, 2, 28))
        return standin, installation, subscription, subscription.renewals.get()
    return renew


def sweep(installation, when, capture):
    with capture(execute=True):
        return deadlines.sweep(installation, when)


def mails(kind, to=None):
    return list(MailLog.objects.filter(kind=kind, **({"to": to} if to else {})).order_by("pk"))


@pytest.mark.parametrize("kind", ["bank_transfer", "cod"])
def test_the_merchant_reads_a_renewal_paid_later_as_ordered_and_awaiting_payment_not_charged(renewed, kind):
    standin, installation, subscription, renewal = renewed(kind)
    (merchant,) = mails("merchant_billing", "shop@example.jp")
    assert "決済結果：注文完了・入金待ち" in merchant.subject and "決済・注文完了" not in merchant.text_body


def test_a_bank_transfer_is_reminded_two_days_ahead_then_marked_overdue_and_still_settles(
        renewed, django_capture_on_commit_callbacks):
    standin, installation, subscription, renewal = renewed("bank_transfer")
    capture = django_capture_on_commit_callbacks
    assert sweep(installation, at(DAY(2027, 3, 4)), capture) == {"reminded": 0, "stopped": 0, "overdue": 0}
    assert sweep(installation, at(DAY(2027, 3, 5)), capture)["reminded"] == 1
    assert sweep(installation, at(DAY(2027, 3, 6)), capture)["reminded"] == 0  # once
    (_, reminder) = mails("payment_instructions", subscription.email)  # after the order's instructions
    assert reminder.subject.startswith("【お支払いのお願い】")
    assert "2027年3月7日までにお支払いください" in reminder.text_body

    assert sweep(installation, at(DAY(2027, 3, 7), hour=10), capture)["overdue"] == 1
    assert sweep(installation, at(DAY(2027, 3, 8)), capture)["overdue"] == 0
    overdue = mails("payment_instructions", subscription.email)[-1]
    assert overdue.subject.startswith("【お支払い期限超過】")
    (merchant,) = mails("merchant_billing", "shop@example.jp")[-1:]
    assert "お支払い期限超過" in merchant.text_body and "銀行振込" in merchant.text_body
    (order,) = renewal_orders(standin)
    assert order["status"] != "CANCELED" and order["transactions"][0]["pending"] == 6500  # a late transfer is welcome
    renewal.refresh_from_db()
    assert renewal.payment_overdue_at == at(DAY(2027, 3, 7), hour=10)
    renewal_received(installation, renewal)
    renewal.refresh_from_db()
    assert renewal.payment_status == "paid"


def test_cash_on_delivery_has_no_deadline(renewed, django_capture_on_commit_callbacks):
    _, installation, _, _ = renewed("cod")
    assert sweep(installation, at(DAY(2027, 6, 1)), django_capture_on_commit_callbacks) == {
        "reminded": 0, "stopped": 0, "overdue": 0}


@pytest.mark.parametrize("after_last_retry, status", [("cancel", "cancelled"), ("pause", "paused")])
def test_an_unapproved_carrier_charge_stops_the_subscription_after_its_deadline(
        renewed, carrier, django_capture_on_commit_callbacks, after_last_retry, status):  # noqa: F811
    standin, installation, subscription, renewal = renewed("carrier_billing")
    installation.after_last_retry = after_last_retry
    installation.save()
    capture = django_capture_on_commit_callbacks
    assert sweep(installation, at(DAY(2027, 3, 3)), capture)["reminded"] == 1  # 2 days before 5 Mar
    assert sweep(installation, at(DAY(2027, 3, 5), hour=10), capture)["stopped"] == 1
    assert sweep(installation, at(DAY(2027, 3, 6)), capture)["stopped"] == 0
    subscription.refresh_from_db()
    renewal.refresh_from_db()
    assert (subscription.status, renewal.state, renewal.decline_code) == (status, "failed", "payment_expired")
    (order,) = renewal_orders(standin)
    assert order["status"] == "CANCELED"
    assert [event[0] for event in order["transactions"][0]["events"]] == ["CHARGE_REQUEST", "CHARGE_FAILURE"]
    assert carrier.charges[f"{renewal.external_reference}-carrier_billing"]["status"] == "cancelled"
    assert len(mails(status, subscription.email)) == 1
    assert "お支払い期限切れ" in mails("merchant_billing", "shop@example.jp")[-1].text_body


def test_a_paid_request_gets_no_reminder(renewed, django_capture_on_commit_callbacks):
    _, installation, _, renewal = renewed("bank_transfer")
    renewal_received(installation, renewal)
    assert sweep(installation, at(DAY(2027, 3, 6)), django_capture_on_commit_callbacks)["reminded"] == 0


def test_a_konbini_voucher_is_reminded_the_day_before_it_expires_and_stripe_reports_the_expiry(
        renewed, django_capture_on_commit_callbacks):
    _, installation, subscription, renewal = renewed("konbini")
    capture = django_capture_on_commit_callbacks
    expires = PaymentInstructions.objects.get(payment_intent_id=renewal.payment_intent_id).expires_at  # the voucher's
    hour = datetime.timedelta(hours=1)
    assert sweep(installation, expires - 25 * hour, capture)["reminded"] == 0
    assert sweep(installation, expires - 23 * hour, capture)["reminded"] == 1
    assert sweep(installation, expires + 24 * hour, capture) == {"reminded": 0, "stopped": 0, "overdue": 0}
    renewal.refresh_from_db()
    assert renewal.state == "done"  # Stripe's payment_intent.payment_failed stops it (test_offline_renewals)
    reminder = mails("payment_instructions", subscription.email)[-1]
    assert reminder.subject.startswith("【お支払いのお願い】") and "la1234" in reminder.text_body
