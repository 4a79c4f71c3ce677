"""Renewal outcomes become mails: in the customer's language, logged, sent once, retried on SMTP trouble."""

import datetime
import smtplib
from urllib.parse import quote
from unittest import mock

import pytest
from django.core import mail as outbox

from saleor_subscriptions.mail import sending, shop_templates
from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.mail.notifications import notify
from saleor_subscriptions.mail.scheduled import send_digest, send_reminders
from saleor_subscriptions.renewals import engine, runs
from saleor_subscriptions.subscriptions.models import Subscription

from .clock import fixed_clock
from .stripe_scripted import ScriptedStripe, route, stripe_object
from .test_renewals import DAY, set_stock, short_of_stock_at_completion

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailing(subscribed, django_capture_on_commit_callbacks):
    standin, installation, subscription, fake = subscribed
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            runs.run_due(installation, day)
        return [m for m in outbox.outbox]

    run.standin = standin
    return installation, subscription, fake, run


def test_a_renewal_mails_the_customer_once_in_her_language(mailing):
    installation, subscription, fake, run = mailing
    (message,) = run(DAY(2027, 2, 28))
    assert message.to == ["hanako@example.jp"] and message.subject.startswith("【定期便】2回目のご注文を承りました")
    assert "￥6,500" in message.body and "2027年3月31日" in message.body and "お茶の山田園" in message.body
    assert message.from_email == "お茶の山田園 <subscriptions@localhost>"
    assert message.alternatives[0][1] == "text/html"
    logged = MailLog.objects.get()
    assert (logged.kind, logged.status, logged.subscription_id) == ("renewal_placed", "sent", subscription.pk)
    notify(installation.events.get(type="renewal.done").pk)  # a redelivered hand-off
    assert len(outbox.outbox) == 1 and MailLog.objects.count() == 1


def test_a_redelivered_event_mails_neither_the_customer_nor_the_merchant_again(mailing, django_capture_on_commit_callbacks):
    installation, subscription, fake, run = mailing
    installation.merchant_email, installation.merchant_notifications = "owner@yamada-en.example.jp", "each"
    installation.save()
    first = run(DAY(2027, 2, 28))
    assert sorted(m.to[0] for m in first) == ["hanako@example.jp", "owner@yamada-en.example.jp"]
    with django_capture_on_commit_callbacks(execute=True):
        notify(installation.events.get(type="renewal.done").pk)
    assert len(outbox.outbox) == 2 and MailLog.objects.filter(status="sent").count() == 2


@pytest.mark.parametrize("day", [DAY(2027, 3, 1), DAY(2027, 3, 6)])  # the day after the failure; the eve of the retry
def test_a_declined_payment_mails_working_card_and_cancel_links(mailing, client, day):
    installation, subscription, fake, run = mailing
    fake.declining["cus_hanako"] = "insufficient_funds"
    (message,) = run(DAY(2027, 2, 28))
    assert message.subject == "【重要】定期便のお支払いができませんでした"
    assert "2027年3月7日に再度決済を行います" in message.body
    lines = message.body.splitlines()
    cancel = lines[lines.index("定期便を解約する") + 1]
    path = cancel.removeprefix("http://testserver")
    with fixed_clock(day):
        page = client.get(path)
        assert page.status_code == 200 and "解約する" in page.content.decode()
        subscription.refresh_from_db()
        assert subscription.status == "past_due"  # looking is not cancelling
        answer = client.post(path)
    assert answer.status_code == 200, answer.content.decode()  # a retry is no delivery: no cut-off
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert installation.events.get(type="subscription.cancelled").actor == "customer"


def test_a_link_only_the_shops_own_template_shows_is_made_and_works(mailing, client):
    installation, subscription, fake, run = mailing
    default = shop_templates.default_sources("renewal_placed", "ja")
    shop_templates.save(installation, "renewal_placed", "ja",
                        {**default, "text": "{{ customer.name }} 様\n\n解約はこちら\n{{ links.cancel }}\n"})
    (message,) = run(DAY(2027, 2, 28))
    lines = message.body.splitlines()
    cancel = lines[lines.index("解約はこちら") + 1]
    assert cancel.startswith("http://testserver/m/")
    page = client.get(cancel.removeprefix("http://testserver"))
    assert page.status_code == 200 and "解約する" in page.content.decode()


def test_the_merchant_reads_why_a_renewal_stopped_in_the_shops_language(mailing, monkeypatch):
    installation, subscription, fake, run = mailing
    installation.merchant_email, installation.merchant_notifications = "owner@yamada-en.example.jp", "each"
    installation.save()
    short_of_stock_at_completion(monkeypatch)
    (merchant,) = run(DAY(2027, 2, 28))
    assert merchant.subject == "【定期便】決済結果：要対応（#%d）" % subscription.pk
    assert "Saleorが継続注文を確定しませんでした：" in merchant.body and "Insufficient product stock." in merchant.body
    assert "did not complete" not in merchant.body


def test_a_tampered_link_is_refused(mailing, client):
    installation, subscription, fake, run = mailing
    fake.declining["cus_hanako"] = "insufficient_funds"
    (message,) = run(DAY(2027, 2, 28))
    link = next(line for line in message.body.splitlines() if line.startswith("http://testserver/m/"))
    response = client.post(link.removeprefix("http://testserver")[:-3] + "abc", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5")
    assert response.status_code == 400 and "このリンクは無効です" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == "past_due"


def test_a_transient_smtp_failure_is_retried_and_a_refused_address_is_final(mailing, settings):
    installation, subscription, fake, run = mailing
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=smtplib.SMTPServerDisconnected("connection lost")):
        run(DAY(2027, 2, 28))
    logged = MailLog.objects.get()
    assert (logged.status, logged.attempts) == ("pending", 1) and logged.next_attempt_at
    assert sending.due_for_retry(logged.next_attempt_at) == [logged.pk]
    assert sending.deliver(logged.pk).status == "sent" and len(outbox.outbox) == 1
    refused = smtplib.SMTPRecipientsRefused({"x@example.jp": (550, b"no such user")})
    MailLog.objects.filter(pk=logged.pk).update(status="pending")
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refused):
        assert sending.deliver(logged.pk).status == "failed"


def test_the_merchant_hears_of_each_billing_result_when_asked(mailing):
    installation, subscription, fake, run = mailing
    installation.merchant_email, installation.merchant_notifications, installation.default_language = "owner@yamada-en.example.jp", "each", "ja"
    installation.save()
    fake.declining["cus_hanako"] = "insufficient_funds"
    messages = run(DAY(2027, 2, 28))
    merchant = next(m for m in messages if m.to == ["owner@yamada-en.example.jp"])
    assert merchant.subject == f"【定期便】決済結果：決済失敗（#{subscription.pk}）"
    assert "理由：残高不足、またはご利用限度額の超過" in merchant.body and "insufficient_funds" not in merchant.body
    renewal = subscription.renewals.get(cycle=2)
    dashboard = installation.saleor_api_url.removesuffix("/graphql/") + "/dashboard"
    assert f"注文：{dashboard}/orders/{quote(renewal.saleor_order_id, safe='')}" in merchant.body
    assert f"定期便：{dashboard}/extensions/app/{quote(installation.app_id, safe='')}?subscription={subscription.pk}" in merchant.body
    assert "(￥6,500)" not in merchant.body and "（￥6,500）" in merchant.body


def test_a_reminder_goes_out_while_changes_are_open_and_its_cancel_link_works(mailing, client, django_capture_on_commit_callbacks):
    installation, subscription, fake, run = mailing
    installation.reminder_days = 3  # shorter than the 7-day cut-off: sent the day before changes close instead
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(installation, DAY(2027, 2, 19)) == 0
        assert send_reminders(installation, DAY(2027, 2, 20)) == 1  # 8 days before 28 Feb
        assert send_reminders(installation, DAY(2027, 2, 20)) == 0  # the hourly beat again: nothing twice
        assert send_reminders(installation, DAY(2027, 2, 25)) == 0  # never after the deadline
    (message,) = outbox.outbox
    assert message.subject == "【定期便】お試し期間終了のお知らせ"
    assert "通常価格：1回あたり￥6,000" in message.body and "内容の変更・解約は2027年2月21日までマイページで承ります" in message.body
    lines = message.body.splitlines()
    cancel = lines[lines.index("定期便を解約する") + 1].removeprefix("http://testserver")
    with fixed_clock(DAY(2027, 2, 21)):  # the stated last day
        assert client.post(cancel).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED


def test_a_missed_reminder_is_caught_up_but_never_states_a_past_deadline(mailing, django_capture_on_commit_callbacks):
    installation, subscription, fake, run = mailing
    installation.reminder_days, installation.change_cutoff_days = 10, 3
    installation.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(installation, DAY(2027, 2, 24)) == 1  # 18 Feb was missed; 25 Feb is the deadline
        assert send_reminders(installation, DAY(2027, 2, 25)) == 0
    assert "2027年2月25日まで" in outbox.outbox[0].body


def test_the_daily_digest_sums_up_the_days_billing(mailing, django_capture_on_commit_callbacks):
    installation, subscription, fake, run = mailing
    installation.merchant_email, installation.default_language = "owner@yamada-en.example.jp", "ja"
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2027, 2, 28, 1, tzinfo=datetime.UTC)):
        run(DAY(2027, 2, 28))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digest(installation, DAY(2027, 2, 28)) and not send_digest(installation, DAY(2027, 2, 28))
    digest = outbox.outbox[-1]
    assert digest.to == ["owner@yamada-en.example.jp"] and "2027年2月28日" in digest.subject and "件数：決済・注文完了：1" in digest.body


def test_the_card_link_saves_a_new_card_and_retries_the_failed_payment_today(mailing, client, monkeypatch, settings):
    installation, subscription, fake, run = mailing
    fake.declining["cus_hanako"] = "insufficient_funds"
    (message,) = run(DAY(2027, 2, 28))
    lines = message.body.splitlines()
    card_link = lines[lines.index("カード情報を変更する") + 1].removeprefix("http://testserver")
    http = ScriptedStripe()
    route(monkeypatch, http)
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_page"
    http.answer(200, stripe_object("setup_intent", id="seti_1", client_secret="seti_1_secret_abc", customer="cus_hanako"))
    page = client.get(card_link).content.decode()
    assert "seti_1_secret_abc" in page and "pk_test_page" in page and http.requests[0].params["usage"] == "off_session"
    http.answer(200, stripe_object("setup_intent", id="seti_1", status="succeeded", customer="cus_hanako", payment_method="pm_new"))
    http.answer(200, stripe_object("payment_method", id="pm_new", type="card", customer="cus_hanako",
                                   card={**stripe_object("payment_method")["card"], "brand": "mastercard", "last4": "4444"}))
    with mock.patch.object(engine.timezone, "now", return_value=datetime.datetime(2027, 3, 2, 1, tzinfo=datetime.UTC)):
        done = client.get(card_link + "?setup_intent=seti_1&redirect_status=succeeded")
    assert done.status_code == 200 and "•••• 4444" in done.content.decode()
    subscription.refresh_from_db()
    assert (subscription.payment_method.last4, subscription.next_renewal_on) == ("4444", DAY(2027, 3, 2))  # retried today


def test_a_stock_wait_is_told_once_and_the_skip_at_its_end(mailing):
    installation, subscription, fake, run = mailing
    set_stock(run.standin, subscription, 0, "wait", stock_wait_days=2)
    for day in (DAY(2027, 2, 28), DAY(2027, 3, 1), DAY(2027, 3, 2)):
        messages = run(day)
    bodies = [m.body for m in messages]
    assert len(bodies) == 2
    assert "入荷次第お届けいたします" in bodies[0] and "今回のお届けはお休み" in bodies[1]
