"""Mails in the reader's words: names in the language's order, konbini numbers per chain, merchant billing without codes."""

import pytest
from django.core import mail as outbox

from saleor_subscriptions.mail.billing_texts import decline_text
from saleor_subscriptions.mail.context import subscription_context
from saleor_subscriptions.mail.templates import render
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.models import Subscription

from .test_offline_renewals import paying_by
from .test_renewals import DAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, address, greeting", [
    ("en", {"firstName": "Alice", "lastName": "Doe"}, "Dear Alice Doe,"),
    ("ja", {"firstName": "花子", "lastName": "山田"}, "山田 花子 様"),
    ("zh-hans", {"firstName": "小明", "lastName": "王"}, "王小明，您好："),
    ("zh-hant", {"firstName": "Alice", "lastName": "Doe"}, "Doe Alice，您好："),
])
def test_the_customer_is_named_in_her_languages_order(subscribed, language, address, greeting):
    standin, installation, subscription, fake = subscribed
    Subscription.objects.filter(pk=subscription.pk).update(language=language, shipping_address=address)
    subscription.refresh_from_db()
    mail = render("started", language, subscription_context(subscription), installation=installation)
    assert mail.text.splitlines()[0] == greeting


@pytest.mark.parametrize("language, expected", [  # the Stripe fake answers with FamilyMart and Lawson numbers
    ("ja", ["ファミリーマート\nお支払い番号：123456\n確認番号：20270228", "ローソン\nお支払い番号：la1234\n確認番号：20270228"]),
    ("en", ["FamilyMart\nPayment number: 123456\nConfirmation number: 20270228",
            "Lawson\nPayment number: la1234\nConfirmation number: 20270228"]),
    ("zh-hans", ["全家（FamilyMart）\n付款编号：123456\n确认编号：20270228", "罗森（Lawson）\n付款编号：la1234\n确认编号：20270228"]),
])
def test_the_konbini_mail_names_each_chain_with_both_its_numbers(subscribed, django_capture_on_commit_callbacks,
                                                                  language, expected):
    standin, installation, subscription, fake = paying_by(subscribed, "konbini")
    Subscription.objects.filter(pk=subscription.pk).update(language=language)
    with django_capture_on_commit_callbacks(execute=True):
        runs.run_due(installation, DAY(2027, 2, 28))
    (message,) = [m for m in outbox.outbox if "konbini/voucher" in m.body]
    for block in expected:
        assert block in message.body
    assert "familymart" not in message.body and "lawson:" not in message.body


@pytest.mark.parametrize("code, language, text", [
    ("insufficient_funds", "zh-hant", "餘額不足或超出額度"),
    ("expired_card", "en", "the card has expired"),
    ("some_new_code", "ja", "カード会社による決済拒否（再決済日に再試行します） (some_new_code)"),
    ("stolen_card", "zh-hans", "已报失窃的银行卡"),
])
def test_decline_codes_are_explained_in_the_merchants_language(code, language, text):
    assert decline_text(code, language) == text
