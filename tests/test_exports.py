"""CSV exports: a staff user asks for a link (exportCreate), the browser opens it and the file streams.

What an accountant opening the file in Excel sees: a UTF-8 BOM, headers in the staff user's language, one row per
record of this shop only, amounts as plain decimals beside their currency, times in the shop's time zone.
"""

import csv
import datetime
import io
import time
from decimal import Decimal
from unittest import mock

import pytest

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.funnels.models import Enrolment, Funnel
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.subscriptions.models import CancellationAttempt, Renewal, Subscription

from .conftest import TRIAL_TERMS
from .test_api_staff import dashboard  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
EXPORT = """mutation E($kind: ExportKind!, $channel: String, $from: Date, $to: Date) {
  exportCreate(kind: $kind, channel: $channel, from: $from, to: $to) { url expiresAt errors { field code message } } }"""
DAY = datetime.date
TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def at(day: int, month: int = 2, hour: int = 10) -> datetime.datetime:
    """A moment in February 2027, Tokyo time."""
    return datetime.datetime(2027, month, day, hour, tzinfo=TOKYO)


def subscription(installation, plan, *, email, channel="jp", currency="JPY", started_on=DAY(2027, 1, 31), **fields):
    return Subscription.objects.create(
        installation=installation, plan=plan, status=fields.pop("status", "active"), origin_order_id=f"T3JkZXI6{email}",
        customer_id=f"VXNlcjo{email[:3]}", email=email, channel_id=f"Q2hhbm5lbDo{channel}", channel_slug=channel,
        currency=currency, language="ja", payment_kind=fields.pop("payment_kind", "card"), started_on=started_on, **fields)


def mail(installation, key, *, subject, created, subscription=None, sent=True):
    row = MailLog.objects.create(installation=installation, key=key, kind="renewal_placed", to="hanako@example.jp",
                                 language="ja", subject=subject, text_body="…", status="sent" if sent else "failed",
                                 attempts=1, subscription_id=subscription and subscription.pk, sent_at=created if sent else None)
    MailLog.objects.filter(pk=row.pk).update(created_at=created)


@pytest.fixture
def books(dashboard):  # noqa: F811
    """A shop with Hanako (JPY, card: paid, declined twice, scheduled) and Bob (USD, cash on delivery, paid on the
    door step), their mails, a funnel enrolment and a cancellation; and another shop with a customer of its own."""
    call, standin, app, installation = dashboard
    plan = create_plan(installation, product_id="UHJvZHVjdDox", code="monthly", terms=TRIAL_TERMS)
    hanako = subscription(installation, plan, email="hanako@example.jp", deliveries=2, next_renewal_on=DAY(2027, 3, 31))
    bob = subscription(installation, plan, email="bob@example.com", channel="us", currency="USD", started_on=DAY(2027, 2, 10),
                       payment_kind="cod", status="cancelled", ended_at=at(20))
    Renewal.objects.create(subscription=hanako, cycle=2, state="done", scheduled_for=DAY(2027, 2, 28), attempts=1,
                           amount=Decimal("6500"), currency="JPY", payment_intent_id="pi_hanako_2", saleor_order_id="T3JkZXI6Mg==",
                           saleor_order_number="1002")
    Renewal.objects.create(subscription=hanako, cycle=3, state="retry_scheduled", scheduled_for=DAY(2027, 3, 31), attempts=2,
                           amount=Decimal("6500"), currency="JPY", payment_intent_id="pi_hanako_3",
                           decline_code="insufficient_funds")
    Renewal.objects.create(subscription=hanako, cycle=4, state="scheduled", scheduled_for=DAY(2027, 4, 30))
    cod = Renewal.objects.create(subscription=bob, cycle=2, state="done", scheduled_for=DAY(2027, 2, 15), attempts=1,
                                 amount=Decimal("65.5"), currency="USD", saleor_order_id="T3JkZXI6Mw==", saleor_order_number="1003",
                                 payment_kind="cod", paid_at=datetime.datetime(2027, 2, 17, 23, 30, tzinfo=datetime.UTC))
    mail(installation, "m1", subject="定期便のご注文を承りました", created=at(28), subscription=hanako)
    mail(installation, "m2", subject="=HYPERLINK(\"http://evil.example\")", created=at(15), subscription=bob, sent=False)
    funnel = Funnel.objects.create(installation=installation, name="お試しセット→定期便", trigger_product_id="UHJvZHVjdDoy",
                                   target_plan=plan, target_variant_id="UHJvZHVjdFZhcmlhbnQ6MQ==")
    Enrolment.objects.create(funnel=funnel, customer_id="VXNlcjo0Ng==", email="hanako@example.jp", language="ja",
                             order_id="T3JkZXI6MQ==", channel_id="Q2hhbm5lbDpqcA==", channel_slug="jp", currency="JPY",
                             purchased_on=DAY(2027, 1, 20), status="converted", steps_sent=2, converted_step=2, subscription=hanako)
    CancellationAttempt.objects.create(installation=installation, subscription=bob, reason="too_expensive", text="高い",
                                       outcome="cancelled", on=DAY(2027, 2, 20), decided_at=at(20))

    other = Installation.objects.create(saleor_api_url="https://other.example.com/graphql/", app_id="QXBwOjk5")
    other_plan = create_plan(other, product_id="UHJvZHVjdDox", code="monthly", terms=TRIAL_TERMS)
    stranger = subscription(other, other_plan, email="stranger@other.example.com")
    Renewal.objects.create(subscription=stranger, cycle=2, state="done", scheduled_for=DAY(2027, 2, 28), attempts=1,
                           amount=Decimal("6000"), currency="JPY", payment_intent_id="pi_stranger")
    mail(other, "m1", subject="他店のメール", created=at(28), subscription=stranger)
    return call, installation, other, {"hanako": hanako, "bob": bob, "cod": cod}


def link(call, kind, *, language="ja", permissions=("MANAGE_ORDERS",), since=None, until=None, **filters):
    dates = {"from": since, "to": until} if since or until else {}
    created = call(EXPORT, permissions=permissions, accept_language=language, kind=kind, **filters, **dates)
    assert created["errors"] == [], created
    return created["url"]


def download(client, url, *, language="en"):
    """The file as the browser saves it, parsed as Excel would: (raw bytes, rows)."""
    response = client.get(url.removeprefix("http://testserver"), headers={"Accept-Language": language})
    assert response.status_code == 200, response.content
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def by_header(rows):
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_renewals_open_in_excel_with_japanese_headers_amounts_and_currencies(books, client):
    call, *_ = books
    raw, rows = download(client, link(call, "RENEWALS"))
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM, CRLF: Excel reads UTF-8, not Shift_JIS
    assert rows[0] == ["更新ID", "定期購入ID", "お届け回", "お届け予定日", "更新状態", "支払状況", "金額", "通貨", "支払方法",
                       "試行回数", "決済エラー理由", "注文番号", "注文ID", "メールアドレス", "チャネル", "作成日時"]
    table = by_header(rows)
    assert [(r["お届け予定日"], r["お届け回"], r["金額"], r["通貨"], r["支払状況"], r["支払方法"], r["メールアドレス"])
            for r in table] == [
        ("2027-02-15", "2", "65.50", "USD", "paid", "cod", "bob@example.com"),
        ("2027-02-28", "2", "6500", "JPY", "paid", "card", "hanako@example.jp"),
        ("2027-03-31", "3", "6500", "JPY", "failed", "card", "hanako@example.jp"),
        ("2027-04-30", "4", "", "JPY", "none", "card", "hanako@example.jp")]  # its amount is priced when due
    assert table[2]["決済エラー理由"] == "insufficient_funds" and table[2]["試行回数"] == "2"


def test_payments_carry_the_psp_reference_method_status_and_when_they_were_reconciled(books, client):
    call, installation, _, rows_of = books
    _, rows = download(client, link(call, "PAYMENTS", language="en"))
    assert rows[0] == ["Renewal ID", "Subscription ID", "Delivery number", "Order number", "Payment method", "PSP reference",
                       "Payment status", "Amount", "Currency", "Decline reason", "Attempts", "Delivery date", "Reconciled at",
                       "E-mail", "Channel"]
    table = by_header(rows)
    assert [(r["PSP reference"], r["Payment method"], r["Payment status"], r["Amount"], r["Currency"], r["Reconciled at"])
            for r in table] == [
        (f"sub-{installation.reference_key}-{rows_of['bob'].pk}-2-cod", "cod", "paid", "65.50", "USD",
         "2027-02-18T08:30:00+09:00"),  # paid at 23:30 UTC: the next morning in the shop's time zone
        ("pi_hanako_2", "card", "paid", "6500", "JPY", ""),
        ("pi_hanako_3", "card", "failed", "6500", "JPY", "")]  # the scheduled 4th delivery was never tried: not a payment


@pytest.mark.parametrize(("dashboard_locale", "first_headers"), [
    ("en", ["Subscription ID", "Status", "Origin", "E-mail"]),
    ("ja", ["定期購入ID", "ステータス", "申込経路", "メールアドレス"]),
    ("zh-CN", ["订阅 ID", "状态", "来源", "电子邮件"]),
    ("zh-TW", ["訂閱 ID", "狀態", "來源", "電子郵件"])])
def test_headers_follow_the_dashboards_language_not_the_browsers(books, client, dashboard_locale, first_headers):
    call, *_ = books
    _, rows = download(client, link(call, "SUBSCRIPTIONS", language=dashboard_locale), language="en")
    assert rows[0][:4] == first_headers and len(rows) == 3


def test_a_customer_who_moved_from_card_to_cash_keeps_her_card_payments_as_card(books, client):
    call, _, _, rows_of = books
    Subscription.objects.filter(pk=rows_of["hanako"].pk).update(payment_kind="cod")
    renewals = by_header(download(client, link(call, "RENEWALS", language="en", channel="jp"))[1])
    assert [(r["Delivery number"], r["Payment method"]) for r in renewals] == [("2", "card"), ("3", "card"), ("4", "cod")]
    payments = by_header(download(client, link(call, "PAYMENTS", language="en", channel="jp"))[1])
    assert [p["Payment method"] for p in payments] == ["card", "card"]


def test_subscriptions_show_dates_and_times_in_the_shops_time_zone(books, client):
    call, *_ = books
    table = by_header(download(client, link(call, "SUBSCRIPTIONS", language="en"))[1])
    assert [(r["E-mail"], r["Status"], r["Channel"], r["Currency"], r["Plan"], r["Started on"], r["Next delivery"],
             r["Ended at"], r["Ends at period end"]) for r in table] == [
        ("hanako@example.jp", "active", "jp", "JPY", "monthly", "2027-01-31", "2027-03-31", "", "false"),
        ("bob@example.com", "cancelled", "us", "USD", "monthly", "2027-02-10", "", "2027-02-20T10:00:00+09:00", "false")]


def test_mails_enrolments_and_cancellations(books, client):
    call, *_ = books
    mails = by_header(download(client, link(call, "MAILS", language="en"))[1])
    assert [(m["Created at"], m["Status"], m["Subject"]) for m in mails] == [
        ("2027-02-15T10:00:00+09:00", "failed", "'=HYPERLINK(\"http://evil.example\")"),  # never run as a formula
        ("2027-02-28T10:00:00+09:00", "sent", "定期便のご注文を承りました")]
    enrolments = by_header(download(client, link(call, "ENROLMENTS", language="ja"))[1])
    assert [(e["ステップメール"], e["購入日"], e["ステータス"], e["申込につながったステップ"]) for e in enrolments] == [
        ("お試しセット→定期便", "2027-01-20", "converted", "2")]
    cancellations = by_header(download(client, link(call, "CANCELLATIONS", language="zh-TW"))[1])
    assert [(c["日期"], c["原因代碼"], c["取消原因"], c["客戶留言"], c["結果"]) for c in cancellations] == [
        ("2027-02-20", "too_expensive", "價格太高", "高い", "cancelled")]


def test_a_channel_and_a_range_of_days_narrow_every_export(books, client):
    call, *_ = books
    japan = by_header(download(client, link(call, "RENEWALS", language="en", channel="jp", since="2027-03-01",
                                            until="2027-04-30"))[1])
    assert [(r["Delivery date"], r["Currency"]) for r in japan] == [("2027-03-31", "JPY"), ("2027-04-30", "JPY")]
    us_mails = by_header(download(client, link(call, "MAILS", language="en", channel="us"))[1])
    assert [m["Status"] for m in us_mails] == ["failed"]
    # the shop's day: 28 Feb 10:00 in Tokyo is 01:00 UTC, still inside a range ending on the 28th
    february_end = by_header(download(client, link(call, "MAILS", language="en", since="2027-02-28", until="2027-02-28"))[1])
    assert [m["Subject"] for m in february_end] == ["定期便のご注文を承りました"]


def test_a_shop_never_sees_another_shops_rows(books, client):
    call, installation, other, _ = books
    for kind in ("SUBSCRIPTIONS", "RENEWALS", "PAYMENTS", "MAILS"):
        raw, _ = download(client, link(call, kind))
        assert b"stranger" not in raw and "他店".encode() not in raw


def test_a_link_opens_only_its_own_shops_file_for_a_few_minutes(books, client):
    call, installation, other, _ = books
    now = time.time()
    with mock.patch("time.time", return_value=now):
        url = link(call, "RENEWALS").removeprefix("http://testserver")
    with mock.patch("time.time", return_value=now + 9 * 60):
        assert client.get(url).status_code == 200
    with mock.patch("time.time", return_value=now + 11 * 60):
        expired = client.get(url, headers={"Accept-Language": "en"})
    assert expired.status_code == 410 and "有効期限が切れています" in expired.content.decode()  # the staff's language
    prefix, token = url.rsplit("/", 1)
    tampered = client.get(f"{prefix}/{token[:-3]}{'AAA' if token[-3:] != 'AAA' else 'BBB'}", headers={"Accept-Language": "en"})
    assert tampered.status_code == 403 and tampered.content.decode().startswith("This download link is not valid")
    elsewhere = url.replace(f"/{installation.portal_key}/", f"/{other.portal_key}/")
    assert client.get(elsewhere).status_code == 403  # signed for this shop: another shop's path refuses it
    installation.app_id = "QXBwOjEwMA=="  # the app was installed again
    installation.save()
    assert client.get(url).status_code == 403
    Installation.objects.filter(pk=installation.pk).update(is_active=False)
    assert client.get(url).status_code == 404


def test_only_staff_who_manage_orders_get_a_link_and_their_export_is_recorded(books):
    call, installation, *_ = books
    refused = call(EXPORT, permissions=("MANAGE_PRODUCTS",), accept_language="en", kind="PAYMENTS")
    assert refused["url"] is None
    assert [(e["code"], e["message"]) for e in refused["errors"]] == [
        ("PERMISSION_DENIED", "This needs the MANAGE_ORDERS permission.")]
    link(call, "PAYMENTS", channel="jp")
    event = installation.events.get(type="export.created")
    assert (event.actor, event.actor_id, event.data["kind"], event.data["channel"]) == (
        Event.Actor.STAFF, "VXNlcjo3", "payments", "jp")


@pytest.mark.parametrize(("language", "words"), [("en", "end date"), ("ja", "終了日"), ("zh-CN", "结束日期"),
                                                  ("zh-TW", "結束日期")])
def test_a_backwards_range_or_a_bad_channel_is_refused_in_the_staffs_language(books, language, words):
    call, *_ = books
    backwards = call(EXPORT, permissions=("MANAGE_ORDERS",), accept_language=language, kind="RENEWALS",
                     **{"from": "2027-03-01", "to": "2027-02-01"})
    assert backwards["url"] is None and backwards["errors"][0]["field"] == "to"
    assert backwards["errors"][0]["code"] == "INVALID" and words in backwards["errors"][0]["message"]
    bad = call(EXPORT, permissions=("MANAGE_ORDERS",), accept_language=language, kind="RENEWALS", channel="jp; drop")
    assert (bad["url"], bad["errors"][0]["field"], bad["errors"][0]["code"]) == (None, "channel", "INVALID")


def test_a_file_of_many_rows_takes_two_queries(books, client, django_assert_max_num_queries):
    call, installation, _, rows_of = books
    hanako = rows_of["hanako"]
    Renewal.objects.bulk_create(Renewal(subscription=hanako, cycle=cycle, state="done", scheduled_for=DAY(2028, 1, 1),
                                        amount=Decimal("6500"), currency="JPY", attempts=1, payment_intent_id=f"pi_{cycle}")
                                for cycle in range(10, 2510))
    url = link(call, "PAYMENTS")
    with django_assert_max_num_queries(2):  # the shop, then one query read in chunks: never one per row
        _, rows = download(client, url)
    assert len(rows) == 1 + 3 + 2500
