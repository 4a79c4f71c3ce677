"""Printable invoices (請求書) of renewals paid after delivery: what the PDF says, and who may open it."""

import datetime
import html
import os
import re
import time
from decimal import Decimal
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import pypdfium2
import pytest
from django.core import mail as outbox
from django.core import signing

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.invoices import links
from saleor_subscriptions.payments.models import PaymentInstructions
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.models import Renewal

from .clock import TOKYO, fixed_clock
from .saleor_standin.standin import gid
from .test_api_operators import desk  # noqa: F401 (a fixture)
from .test_api_staff import dashboard  # noqa: F401 (a fixture)
from .test_offline_renewals import paying_by
from .test_portal import portal  # noqa: F401 (a fixture)
from .test_renewals import DAY

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS") or Path(__file__).resolve().parent.parent / "test-artifacts") / "screenshots"
MESSAGE = {"ja": "次回のご注文に使える10%オフクーポン：NEXT10（4月30日まで）", "en": "10% off your next order: NEXT10"}
BANK = {"ja": "みずほ銀行 丸の内支店 普通 1234567 カ）オチャノヤマダエン"}


@pytest.fixture
def renewed(subscribed):
    """Hanako's second delivery (¥6,000 tea at the reduced 8% rate, ¥500 shipping at 10%), ordered on 28 Feb 2027."""
    def renew(kind: str, language: str = "ja"):
        standin, installation, subscription, _ = paying_by(subscribed, kind)
        subscription.language = language
        subscription.billing_address = {"firstName": "花子", "lastName": "山田", "postalCode": "100-0005",
                                        "countryArea": "東京都", "city": "千代田区", "streetAddress1": "丸の内1-1",
                                        "country": {"code": "JP"}}
        subscription.save()
        installation.sender_name, installation.sender_email = "お茶の山田園", "shop@yamada-en.example.jp"
        installation.sender_address = "〒420-0001 静岡県静岡市葵区1-2-3"
        installation.invoice_message, installation.bank_transfer_details = MESSAGE, BANK
        installation.invoice_registration_number = "T3080001012345"  # the shop's 適格請求書 registration
        installation.save()
        standin.products[0]["taxClass"] = gid("TaxClass", 2)  # tea is food: the reduced rate
        standin.tax_rates = {("JP", gid("TaxClass", 1)): Decimal(10), ("JP", gid("TaxClass", 2)): Decimal(8)}
        with fixed_clock(DAY(2027, 2, 28)):
            runs.run_due(installation, DAY(2027, 2, 28))
        renewal = Renewal.objects.get(subscription=subscription, cycle=2)
        standin.orders[renewal.saleor_order_id]["created"] = "2027-02-28T03:00:00+00:00"
        return renewal
    return renew


def opened(client, url: str):
    return client.get(urlsplit(url).path)


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_bounded() for page in document).replace("\r\n", "\n")


def test_a_konbini_invoice_in_japanese_shows_the_amounts_with_tax_each_stores_numbers_the_deadline_and_the_message(
        renewed, client):
    renewal = renewed("konbini")
    PaymentInstructions.objects.filter(payment_intent_id=renewal.payment_intent_id).update(
        expires_at=datetime.datetime(2027, 3, 3, 23, 59, 59, tzinfo=TOKYO))  # Stripe's deadline: the end of the third day
    response = opened(client, links.make(renewal))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    pdf = response.content
    text = pdf_text(pdf)
    lines = text.splitlines()
    assert lines[0] == "請求書"
    assert "山田 花子 様" in lines
    assert "〒100-0005" in lines and "東京都 千代田区 丸の内1-1" in lines
    assert "お茶の山田園" in lines and "〒420-0001 静岡県静岡市葵区1-2-3" in lines and "shop@yamada-en.example.jp" in lines
    assert "登録番号 T3080001012345" in lines  # a qualified invoice names the issuer's registration number
    assert f"注文番号 {renewal.saleor_order_number}" in lines and "発行日 2027年2月28日" in lines and "お届け 2回目" in lines
    assert "ご請求金額（税込） ￥6,500" in text
    assert "緑茶 100 g 1 ￥6,000 8% ￥6,000" in lines
    assert "送料 10% ￥500" in lines
    assert "合計（税込） ￥6,500" in lines
    # tax per rate, once per invoice, rounded down: 6,000 × 8/108 = 444.4 → 444; 500 × 10/110 = 45.5 → 45
    assert "10%対象 ￥500（消費税 ￥45）" in lines and "8%対象 ￥6,000（消費税 ￥444）" in lines
    assert "2027年3月3日 23:59までに" in text
    assert "ファミリーマート 123456 20270228 2027年3月3日 23:59" in lines
    assert "ローソン la1234 20270228 2027年3月3日 23:59" in lines
    assert f"払込票: https://payments.stripe.com/konbini/voucher/{renewal.payment_intent_id}" in lines
    assert lines[-1] == MESSAGE["ja"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = pypdfium2.PdfDocument(pdf)[0]
    assert round(page.get_width() / 72 * 25.4) == 210 and round(page.get_height() / 72 * 25.4) == 297  # A4
    page.render(scale=2).to_pil().save(ARTIFACTS / "invoice-konbini-ja.png")


def test_a_cash_on_delivery_invoice_asks_to_pay_the_driver_and_shows_no_store_numbers(renewed, client):
    text = pdf_text(opened(client, links.make(renewed("cod"))).content)
    assert "代金引換：商品お受け取りの際に配達員へご請求金額をお支払いください。" in text
    assert "ご請求金額（税込） ￥6,500" in text and "お支払い番号" not in text and BANK["ja"] not in text


def test_an_unnamed_variant_is_not_named_by_its_sku_on_the_invoice(renewed, client, standin):
    standin.products[0]["variants"][0] |= {"name": "", "sku": "TEA-100G"}  # Saleor then names the order line "TEA-100G"
    lines = pdf_text(opened(client, links.make(renewed("cod"))).content).splitlines()
    assert "緑茶 1 ￥6,000 8% ￥6,000" in lines


def test_a_bank_transfer_invoice_names_the_shops_account(renewed, client):
    text = pdf_text(opened(client, links.make(renewed("bank_transfer"))).content)
    assert "銀行振込：下記の口座へご請求金額をお振り込みください。" in text.replace("\n", "")
    assert BANK["ja"] in text and "お支払い番号" not in text


def test_the_tax_per_rate_is_computed_once_per_invoice_not_summed_from_the_lines_rounded_taxes(renewed, client, standin):
    renewal = renewed("cod")
    order = standin.orders[renewal.saleor_order_id]
    tea = order["input"]["lines"][0]
    order["input"]["lines"] = [tea | {"price": 100, "quantity": 1}] * 3  # three ¥100 teas, ordered as separate lines
    order["total"] = Decimal(800)
    lines = pdf_text(opened(client, links.make(renewal)).content).splitlines()
    assert lines.count("緑茶 100 g 1 ￥100 8% ￥100") == 3
    # each line's tax rounds to ¥7 (¥21 in all); a qualified invoice states 300 × 8/108 = 22.2 → ¥22 for the rate
    assert "8%対象 ￥300（消費税 ￥22）" in lines and "10%対象 ￥500（消費税 ￥45）" in lines


@pytest.mark.parametrize("language, title, due", [("en", "Invoice", "Amount due (tax incl.) ¥6,500"),
                                                  ("zh-hans", "账单", "应付金额（含税） JP¥6,500"),
                                                  ("zh-hant", "帳單", "應付金額（含稅） ¥6,500")])
def test_the_invoice_is_in_the_subscriptions_language_with_the_shops_japanese_text_kept(renewed, client, language, title, due):
    text = pdf_text(opened(client, links.make(renewed("konbini", language))).content)
    assert text.splitlines()[0] == title and due in text
    assert "お茶の山田園" in text  # the shop's own name, in a font that has it
    assert (MESSAGE["en"] if language == "en" else MESSAGE["ja"]) in text  # no message in Chinese: the default language's


def test_a_card_renewal_has_no_invoice(subscribed, client):
    standin, installation, subscription, _ = subscribed
    with fixed_clock(DAY(2027, 2, 28)):
        runs.run_due(installation, DAY(2027, 2, 28))
    renewal = Renewal.objects.get(subscription=subscription, cycle=2)
    assert renewal.state == Renewal.State.DONE
    assert opened(client, links.make(renewal)).status_code == 404


def test_a_link_for_another_shop_a_changed_link_or_an_expired_one_opens_no_invoice(renewed, client):
    renewal = renewed("konbini")
    other = Installation.objects.create(saleor_api_url="https://other-shop.example.com/graphql/", app_id="QXBwOjk=")
    foreign = signing.dumps({"i": other.pk, "r": renewal.pk, "for": "customer"}, salt=links.SALT)
    assert client.get(f"/invoices/{foreign}").status_code == 404  # B's link never opens A's renewal
    path = urlsplit(links.make(renewal)).path
    assert client.get(path[:-2] + "xx", HTTP_ACCEPT_LANGUAGE="en").content.decode().count("This link is not valid") == 2

    def made_days_ago(days: float, reader: str) -> str:
        then = int(time.time() - datetime.timedelta(days=days).total_seconds())
        with mock.patch.object(signing.TimestampSigner, "timestamp", lambda signer: signing.b62_encode(then)):
            return urlsplit(links.make(renewal, reader=reader)).path

    expired = client.get(made_days_ago(401, "customer"), HTTP_ACCEPT_LANGUAGE="en")
    assert expired.status_code == 400 and "This link has expired" in expired.content.decode()
    assert client.get(made_days_ago(2, "staff")).status_code == 400  # a staff link lasts a day
    assert client.get(made_days_ago(2, "customer")).status_code == 200  # the customer's, from the mail, much longer


def test_without_its_font_the_invoice_says_to_try_later_and_the_log_names_the_setting(renewed, client, settings, caplog):
    renewal = renewed("konbini")
    settings.INVOICE_FONT = "/nonexistent/NotoSansCJK-Regular.ttc"
    response = opened(client, links.make(renewal))
    assert response.status_code == 503
    assert "ただいま請求書を表示できません" in response.content.decode()
    assert "INVOICE_FONT: no font at /nonexistent/NotoSansCJK-Regular.ttc; install Debian's fonts-noto-cjk" in caplog.text


@pytest.mark.parametrize("kind, mails", [("cod", {"【定期便】2回目のご注文を承りました"}),
                                         ("konbini", {"【定期便】2回目のご注文を承りました", "【定期便】お支払い方法のご案内"})])
def test_the_renewal_mails_link_to_the_invoice_and_the_link_opens_it(renewed, client, django_capture_on_commit_callbacks,
                                                                       kind, mails):
    with django_capture_on_commit_callbacks(execute=True):
        renewal = renewed(kind)
    linked = {message.subject.split("（")[0]: re.findall(r"請求書（PDF・印刷用）：(\S+)", message.body)
              for message in outbox.outbox}
    assert {subject for subject, found in linked.items() if found} == mails
    (url,) = {url for found in linked.values() for url in found}
    response = opened(client, url)
    assert response.status_code == 200 and f"注文番号 {renewal.saleor_order_number}" in pdf_text(response.content)


def test_a_card_renewals_mail_has_no_invoice_link(subscribed, django_capture_on_commit_callbacks):
    standin, installation, subscription, _ = subscribed
    with django_capture_on_commit_callbacks(execute=True), fixed_clock(DAY(2027, 2, 28)):
        runs.run_due(installation, DAY(2027, 2, 28))
    assert outbox.outbox and not any("/invoices/" in message.body for message in outbox.outbox)


def test_the_portals_subscription_page_links_each_invoiced_order_to_its_invoice(renewed, portal, client):
    renewal = renewed("bank_transfer")
    _, installation, subscription, home, _, sign_in = portal
    sign_in()
    page = client.get(f"{home}subscriptions/{subscription.pk}/").content.decode()
    (url,) = re.findall(r'<a href="([^"]+)">請求書（PDF）</a>', page)
    response = opened(client, html.unescape(url))
    assert response.status_code == 200 and f"注文番号 {renewal.saleor_order_number}" in pdf_text(response.content)


STAFF_DETAIL = "query ($id: ID!) { staffSubscription(id: $id) { renewals { cycle invoiceUrl } errors { code } } }"
ORDER_WIDGET = "query ($id: ID!) { staffOrderSubscription(orderId: $id) { cycle invoiceUrl errors { code } } }"


def test_staff_who_manage_orders_open_the_invoice_to_print_it_for_the_parcel(desk, renewed, client):
    call, standin, installation, hanako, _, operator = desk
    renewal = renewed("cod")
    (row,) = call(STAFF_DETAIL, token=operator, id=str(hanako.pk))["renewals"]
    response = opened(client, row["invoiceUrl"])
    assert response.status_code == 200 and f"注文番号 {renewal.saleor_order_number}" in pdf_text(response.content)
    on_order_page = call(ORDER_WIDGET, token=operator, id=renewal.saleor_order_id)
    assert on_order_page["cycle"] == 2 and opened(client, on_order_page["invoiceUrl"]).status_code == 200
    refused = call(STAFF_DETAIL, permissions=("MANAGE_PRODUCTS",), id=str(hanako.pk))
    assert (refused["renewals"], refused["errors"]) == ([], [{"code": "PERMISSION_DENIED"}])


SETTINGS_UPDATE = """mutation U($input: ShopSettingsInput!) {
  shopSettingsUpdate(input: $input) { shop { invoiceMessage { language text } } errors { field code message } }
}"""


def test_the_shop_writes_its_invoice_message_on_the_settings_page_and_the_next_invoice_prints_it(dashboard, renewed, client):
    call = dashboard[0]
    renewal = renewed("cod")
    saved = call(SETTINGS_UPDATE, permissions=("MANAGE_CHANNELS",),
                 input={"invoiceMessage": [{"language": "ja", "text": "秋の新茶セット、予約受付中です。"}]})
    assert saved == {"shop": {"invoiceMessage": [{"language": "ja", "text": "秋の新茶セット、予約受付中です。"}]}, "errors": []}
    assert pdf_text(opened(client, links.make(renewal)).content).splitlines()[-1] == "秋の新茶セット、予約受付中です。"
    refused = call(SETTINGS_UPDATE, permissions=("MANAGE_CHANNELS",), input={"invoiceMessage": [{"language": "fr", "text": "x"}]})
    assert refused["errors"][0]["field"] == "invoiceMessage"
