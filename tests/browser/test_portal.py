"""The customer portal on a phone (390×844), in Japanese and English: sign in by the mailed link, skip the next
delivery, change the quantity after seeing the new price, cancel declining the reason's offer. Screenshots of each
step are test artifacts."""

import datetime
import re

import pytest
from django.core import mail as outbox
from playwright.sync_api import expect

from saleor_subscriptions.subscriptions.models import Subscription

from ..clock import fixed_clock
from ..conftest import USER
from .conftest import SCREENSHOTS, TIMEOUT_MS

PHONE = {"width": 390, "height": 844}
WORDS = {
    "ja": {"locale": "ja-JP", "email": "メールアドレス", "send": "ログイン用リンクを受け取る", "sent": "メールをご確認ください",
           "sign_in": "マイページにログインする", "details": "詳細・変更", "skip": "次回のお届けをスキップ",
           "skip_button": "このお届けをスキップする", "skipped": "2027年2月28日のお届けをスキップしました。次回のお届けは2027年3月31日です。",
           "quantity": "数量を変更", "quantity_label": "数量", "show": "変更後の金額を見る", "preview": "3個 × ￥5,400 = 1回あたり￥16,200（現在￥6,000）",
           "confirm": "3個に変更する", "changed": "1回あたりのお届け数を3個に変更しました。", "cancel": "定期便を解約",
           "reason": "商品が余っている", "cancel_button": "解約する",
           "offer": "2027年3月31日のお届けをお休みできます。次回のお届けは2027年4月30日です。", "decline": "特典を利用せずに解約する",
           "cancelled": "定期便を解約しました。"},
    "en": {"locale": "en-US", "email": "E-mail address", "send": "Send me a sign-in link", "sent": "Check your e-mail",
           "sign_in": "Sign in to my subscriptions", "details": "Details and changes", "skip": "Skip the next delivery",
           "skip_button": "Skip this delivery",
           "skipped": "The delivery of February 28, 2027 is skipped. Next delivery: March 31, 2027.",
           "quantity": "Change the quantity", "quantity_label": "Quantity", "show": "Show the new price",
           "preview": "3 × ¥5,400 = ¥16,200 per delivery (now ¥6,000).", "confirm": "Change to 3",
           "changed": "You now receive 3 per delivery.", "cancel": "Cancel the subscription",
           "reason": "I have too much product left",
           "cancel_button": "Cancel the subscription",
           "offer": "Skip the delivery of March 31, 2027: the next one comes on April 30, 2027.", "decline": "No thanks, cancel",
           "cancelled": "Your subscription is cancelled."},
}


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone(locale):
        context = browser.new_context(viewport=PHONE, locale=locale, device_scale_factor=2, is_mobile=True, has_touch=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield open_phone
    for context in contexts:
        context.close()


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_on_her_phone_a_customer_signs_in_by_link_skips_changes_the_quantity_and_cancels_declining_an_offer(
        saleor, hanako, phone, live_server, language):
    words = WORDS[language]
    Subscription.objects.filter(pk=hanako.pk).update(language=language)
    installation = saleor.installation
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    page = phone(words["locale"])
    with fixed_clock(datetime.date(2027, 2, 1)):
        page.goto(f"{live_server.url}/portal/{installation.portal_key}/")
        page.get_by_label(words["email"]).fill(USER["email"])
        _shot(page, f"portal-{language}-1-sign-in")
        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_role("heading", name=words["sent"])).to_be_visible()

        (link,) = [found.group(0) for message in outbox.outbox if (found := re.search(r"https?://\S+/in/\S+", message.body))]
        page.goto(link)
        page.get_by_role("button", name=words["sign_in"]).click()
        expect(page.get_by_text("お茶の山田園").first).to_be_visible()  # the shop on every page
        _shot(page, f"portal-{language}-2-list")
        page.get_by_role("link", name=words["details"]).click()
        _shot(page, f"portal-{language}-3-subscription")

        page.get_by_role("link", name=words["skip"]).click()
        page.get_by_role("button", name=words["skip_button"]).click()
        expect(page.get_by_role("status")).to_have_text(words["skipped"])
        hanako.refresh_from_db()
        assert hanako.next_renewal_on == datetime.date(2027, 3, 31)

        page.get_by_role("link", name=words["quantity"]).click()
        page.get_by_label(words["quantity_label"], exact=True).fill("3")
        page.get_by_role("button", name=words["show"]).click()
        expect(page.get_by_role("status")).to_have_text(words["preview"])
        _shot(page, f"portal-{language}-4-quantity")
        page.get_by_role("button", name=words["confirm"]).click()
        expect(page.get_by_role("status")).to_have_text(words["changed"])
        assert [line.quantity for line in hanako.lines.all()] == [3]

        page.get_by_role("link", name=words["cancel"]).click()
        page.get_by_label(words["reason"]).check()
        _shot(page, f"portal-{language}-5-cancel")
        page.get_by_role("button", name=words["cancel_button"]).click()
        expect(page.get_by_text(words["offer"])).to_be_visible()  # the reason's offer, once
        _shot(page, f"portal-{language}-6-offer")
        page.get_by_role("button", name=words["decline"]).click()
        expect(page.get_by_role("status")).to_have_text(words["cancelled"])
        _shot(page, f"portal-{language}-7-cancelled")
    hanako.refresh_from_db()
    assert hanako.status == Subscription.Status.CANCELLED
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    assert page.errors == []
