"""The pages behind mail links speak the reader's language, refusals and dead ends included."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse

from saleor_subscriptions.mail import links
from saleor_subscriptions.plans.actions import revise_plan
from saleor_subscriptions.subscriptions.models import Subscription

from .clock import fixed_clock
from .conftest import TRIAL_TERMS
from .stripe_scripted import stripe_object
from .test_renewals import DAY

pytestmark = pytest.mark.django_db
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")  # three English words in a row


def _path(action, **ids):
    return links.make(action, **ids).removeprefix("http://testserver")


def _alert(response) -> str:
    return re.search(r'<p role="alert"[^>]*>(.*?)</p>', response.content.decode()).group(1)


def test_cancelling_inside_the_cut_off_is_refused_in_the_customers_language(subscribed, client):
    standin, installation, subscription, fake = subscribed
    with fixed_clock(DAY(2027, 2, 22)):  # 6 days before the delivery of 28 Feb; changes close 7 days before
        response = client.post(_path("cancel", s=subscription.pk))
    assert response.status_code == 409
    assert _alert(response) == ("2027年2月28日のお届け分の変更・解約の受付は、お届けの7日前（2027年2月21日）で締め切りました。"
                                "2027年3月1日以降は、その次のお届けから変更・解約できます。")
    subscription.refresh_from_db()
    assert subscription.status != Subscription.Status.CANCELLED
    with fixed_clock(DAY(2027, 2, 21)):  # the last day
        assert client.post(_path("cancel", s=subscription.pk)).status_code == 200


@pytest.mark.parametrize("language, expected", [
    ("zh-hant", "此定期訂購至少需配送3次（目前1次），自2027年4月1日起可以取消。"),
    ("en", "This plan is for at least 3 deliveries (1 so far): you can cancel from April 1, 2027 on."),
])
def test_a_commitment_refusal_is_in_the_customers_language(subscribed, client, language, expected):
    standin, installation, subscription, fake = subscribed
    version = revise_plan(subscription.plan, {**TRIAL_TERMS, "min_commitment": 3})
    subscription.lines.update(plan_version=version)
    Subscription.objects.filter(pk=subscription.pk).update(language=language)
    with fixed_clock(DAY(2027, 2, 1)):
        response = client.post(_path("cancel", s=subscription.pk))
    assert response.status_code == 409 and _alert(response) == expected


@pytest.mark.parametrize("accept, expected", [
    ("zh-CN,zh;q=0.9", "找不到此链接的内容"), ("zh-TW", "找不到此連結的內容"), ("en-GB,en", "This link leads nowhere any more"),
    ("", "このリンクの内容は見つかりませんでした"),  # nothing to go by: the deployment's language
])
def test_a_link_to_something_gone_says_so_in_the_browsers_language(db, client, accept, expected):
    response = client.get(_path("cancel", s=987654), HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 404 and expected in response.content.decode()
    assert "Not found" not in response.content.decode()


def test_an_expired_link_says_so_in_the_browsers_language(db, client):
    long_ago = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC).timestamp()
    with mock.patch("time.time", return_value=long_ago):
        path = _path("cancel", s=1)
    with mock.patch("time.time", return_value=long_ago + 31 * 86400):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 400 and "このリンクの有効期限が切れています" in response.content.decode()


@pytest.mark.parametrize("language", ["ja", "zh-hans", "zh-hant"])
def test_no_refusal_on_a_page_is_english(language):
    from saleor_subscriptions.core.error_texts import error_message
    from saleor_subscriptions.core.errors import InputError
    from saleor_subscriptions.subscriptions.actions import LifecycleError

    errors = [LifecycleError("nextRenewalOn", "past_cutoff", "x", next_date=DAY(2027, 3, 7), deadline=DAY(2027, 2, 28), days=7),
              LifecycleError("subscription", "commitment", "x", commitment=3, deliveries=1),
              LifecycleError("status", "invalid_status", "x"), InputError("offer", "not_available", "x"),
              InputError("payment", "no_payment_method", "x"), InputError("anything", "a_code_added_later", "English words here")]
    for error in errors:
        text = error_message(error, language, general=True)
        assert text and not ENGLISH_SENTENCE.search(text), text


@pytest.mark.parametrize("language, locale, button", [("zh-hant", "zh-TW", "儲存此卡"), ("zh-hans", "zh", "保存此卡")])
def test_the_card_page_asks_stripe_for_the_pages_chinese(subscribed, client, stripe_http, language, locale, button):
    standin, installation, subscription, fake = subscribed
    Subscription.objects.filter(pk=subscription.pk).update(language=language)
    stripe_http.answer(200, stripe_object("setup_intent", id="seti_1", client_secret="seti_1_secret_abc", customer="cus_hanako"))
    page = client.get(_path("card", s=subscription.pk)).content.decode()
    assert f'locale: "{locale}"' in page and button in page


def test_a_mail_link_is_the_address_of_its_page_under_the_app_url(db, client, settings):
    settings.APP_URL = "https://subs.example.jp/"
    link = links.make("cancel", s=12)
    token = link.removeprefix("https://subs.example.jp/m/").rstrip("/")
    assert link == "https://subs.example.jp" + reverse("mail-link", args=[token])
    assert links.read(token) == {"a": "cancel", "s": 12}
    settings.APP_URL = "http://127.0.0.1:8010"  # another deployment's address, in the same process
    assert links.make("cancel", s=12).startswith("http://127.0.0.1:8010/m/")
