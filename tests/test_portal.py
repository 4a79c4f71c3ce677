"""The hosted customer portal: signing in by mail link or storefront token, the customer's pages, each change."""

import datetime
import html
from decimal import Decimal
import re
from unittest import mock

import pytest
from django.core import mail as outbox
from django.test import Client

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.installations import settings as installation_settings
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.portal.texts import TEXTS
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import retention
from saleor_subscriptions.subscriptions.models import CancellationAttempt, Subscription

from .clock import fixed_clock
from .conftest import TRIAL_TERMS, USER, renewal_orders
from .saleor_standin.signing import SigningKey
from .stripe_scripted import stripe_object

pytestmark = pytest.mark.django_db
DAY = datetime.date
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")  # three English words in a row
FEB_1 = DAY(2027, 2, 1)  # Hanako's next delivery is on 28 Feb; changes close on 21 Feb


@pytest.fixture
def portal(subscribed, client, django_capture_on_commit_callbacks):
    """Hanako's subscription and the portal of its shop, with a way to sign in by the mailed link."""
    standin, installation, subscription, _ = subscribed
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.sender_email = "shop@example.jp"
    installation.save()
    home = f"/portal/{installation.portal_key}/"

    def request_link(email=USER["email"], **extra):
        outbox.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(home + "signin", {"email": email}, **extra)
        links = [re.search(r"https?://[^/]+(/portal/\S+/in/\S+)", message.body).group(1) for message in outbox.outbox]
        return response, links

    def sign_in(email=USER["email"]):
        _, (link,) = request_link(email)
        assert client.get(link).status_code == 200
        response = client.post(link)
        assert response.status_code == 303
        return response

    return standin, installation, subscription, home, request_link, sign_in


def _text(response) -> str:
    """What a reader sees: the page's text without tags, scripts and styles."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _alert(response) -> str:
    return html.unescape(re.search(r'role="alert"[^>]*>(.*?)</p>', response.content.decode(), re.S).group(1))


def test_a_customer_signs_in_by_the_mailed_link_and_sees_her_subscription_in_her_language(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    with fixed_clock(FEB_1):
        response, (link,) = request_link()
        assert response.status_code == 200 and "ログイン用リンクをお送りしました" in _text(response)
        (message,) = outbox.outbox
        assert message.to == [USER["email"]] and message.subject == "【定期便】ログイン用リンクのお知らせ"
        assert "15分間有効" in message.body
        client.get(link)
        signed = client.post(link)
        cookie = signed.cookies["portal_session"]
        assert (cookie["path"], cookie["httponly"], cookie["samesite"]) == (home, True, "Lax") and cookie["max-age"]
        listed = client.get(home)
        page = client.get(f"{home}subscriptions/{subscription.pk}/")
    assert "毎月お届け定期便" in _text(listed) and "2027年2月28日" in _text(listed) and "￥6,500" in _text(listed)
    text = _text(page)
    for seen in ("ご利用中" if subscription.status == "active" else "お試し期間", "次回お届け予定日 2027年2月28日",
                 "次回のご請求金額 ￥6,500", "緑茶 100 g × 1", "クレジットカード（VISA 末尾4242）", "2027年3月31日",
                 "次回お届け分の変更は2027年2月21日まで承ります。", "お茶の山田園", "東京都千代田区丸の内1-1",
                 "お問い合わせ：shop@example.jp", "〒100-0005"):
        assert seen in text, seen
    assert not ENGLISH_SENTENCE.search(text), ENGLISH_SENTENCE.search(text)
    english = client.get(f"{home}subscriptions/{subscription.pk}/?lang=en")
    assert "Next delivery" in _text(english) and "February 28, 2027" in _text(english)
    assert "Next delivery" in _text(client.get(f"{home}subscriptions/{subscription.pk}/"))  # the choice is remembered


def test_the_sign_in_page_answers_the_same_for_an_unknown_address_and_mails_nobody(portal):
    standin, installation, subscription, home, request_link, sign_in = portal
    known, links = request_link(USER["email"])
    unknown, none = request_link("stranger@example.jp")
    assert len(links) == 1 and none == []
    assert _text(known).replace(USER["email"], "X") == _text(unknown).replace("stranger@example.jp", "X")
    assert known.status_code == unknown.status_code == 200


def test_an_expired_sign_in_link_is_refused_with_a_page_saying_what_to_do(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    now = datetime.datetime(2027, 2, 1, tzinfo=datetime.UTC).timestamp()
    with mock.patch("time.time", return_value=now):
        _, (link,) = request_link()
    with mock.patch("time.time", return_value=now + 16 * 60):
        response = client.get(link)
        used = client.post(link)
    assert response.status_code == used.status_code == 400
    assert _alert(response) == "このログイン用リンクは有効期限（15分）が切れています。下のフォームから新しいリンクをお申し込みください。"
    assert 'name="email"' in response.content.decode() and "portal_session" not in used.cookies


def test_a_sign_in_link_works_once(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    _, (link,) = request_link()
    assert client.post(link).status_code == 303
    Client().post(link)  # another browser (the link forwarded)
    again = Client().post(link)
    assert again.status_code == 400 and "portal_session" not in again.cookies
    assert _alert(again) == "このログイン用リンクはすでに使用されています。下のフォームから新しいリンクをお申し込みください。"
    assert Client().get(link).status_code == 400


@pytest.mark.parametrize("tamper", [
    lambda link: link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB"),  # the signature broken
    lambda link: link.replace("/in/", "/in/x"),
])
def test_a_tampered_sign_in_link_is_refused(portal, client, tamper):
    standin, installation, subscription, home, request_link, sign_in = portal
    _, (link,) = request_link()
    response = client.post(tamper(link))
    assert response.status_code == 400 and "portal_session" not in response.cookies
    assert _alert(response) == "このログイン用リンクは無効です。下のフォームから新しいリンクをお申し込みください。"


def test_another_customers_subscription_is_not_found(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    fields = {field.attname: getattr(subscription, field.attname) for field in Subscription._meta.concrete_fields
              if field.name != "id"}
    other = Subscription.objects.create(**{**fields, "origin_order_id": "T3JkZXI6OTk=", "customer_id": "VXNlcjo5OQ==",
                                           "email": "taro@example.jp"})
    sign_in()
    for path in (f"{home}subscriptions/{other.pk}/", f"{home}subscriptions/{other.pk}/skip", f"{home}subscriptions/987654/"):
        response = client.get(path)
        assert response.status_code == 404 and "このショップに、お客様のその定期便はございません。" in _text(response)
    assert client.post(f"{home}subscriptions/{other.pk}/cancel").status_code == 404
    other.refresh_from_db()
    assert other.status == subscription.status


def test_pages_need_a_signed_in_customer(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    response = client.get(f"{home}subscriptions/{subscription.pk}/")
    assert response.status_code == 200 and 'name="email"' in response.content.decode()
    assert f'name="next" value="{home}subscriptions/{subscription.pk}/"' in response.content.decode()
    assert client.post(f"{home}subscriptions/{subscription.pk}/skip").status_code == 303
    subscription.refresh_from_db()
    assert subscription.skipped == 0


def test_the_mailed_link_returns_to_the_page_the_customer_came_for(portal, client, django_capture_on_commit_callbacks):
    standin, installation, subscription, home, request_link, sign_in = portal
    page = f"{home}subscriptions/{subscription.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(home + "signin", {"email": USER["email"], "next": page})
    link = re.search(r"http://testserver(/portal/\S+/in/\S+)", outbox.outbox[-1].body).group(1)
    assert client.post(link)["Location"] == page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(home + "signin", {"email": USER["email"], "next": "https://evil.example/"})
    link = re.search(r"http://testserver(/portal/\S+/in/\S+)", outbox.outbox[-1].body).group(1)
    assert client.post(link)["Location"] == home


def test_sign_out_ends_the_session(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    response = client.post(home + "signout")
    assert response.cookies["portal_session"].value == "" and "ログアウトしました。" in _text(response)
    assert 'name="email"' in client.get(f"{home}subscriptions/{subscription.pk}/").content.decode()


def test_the_session_cookie_is_secure_when_the_app_is_served_over_https(portal, client, settings):
    standin, installation, subscription, home, request_link, sign_in = portal
    settings.APP_URL = "https://subscriptions.example.com"
    _, (link,) = request_link()
    assert client.post(link).cookies["portal_session"]["secure"] is True


def test_forms_are_csrf_protected(portal):
    standin, installation, subscription, home, request_link, sign_in = portal
    browser = Client(enforce_csrf_checks=True)
    forged = browser.post(home + "signin", {"email": USER["email"]})
    assert forged.status_code == 403 and "フォームの有効期限が切れました" in _text(forged)
    form = browser.get(home + "signin")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    assert browser.post(home + "signin", {"email": USER["email"], "csrfmiddlewaretoken": token}).status_code == 200


def test_too_many_sign_in_requests_are_answered_429_with_a_page(portal):
    standin, installation, subscription, home, request_link, sign_in = portal
    answers = [request_link()[0] for _ in range(6)]
    assert [answer.status_code for answer in answers] == [200] * 5 + [429]
    assert len(outbox.outbox) == 0  # the sixth sent nothing
    assert _text(answers[-1]).count("試行回数が多すぎます") == 2  # title and heading
    assert "分ほど待ってから、もう一度お試しください。" in _text(answers[-1]) and int(answers[-1]["Retry-After"]) > 0


def _token(standin, **claims):
    return standin.key.token(standin.api_url, **{"user_id": USER["id"], "email": USER["email"], **claims})


def test_a_storefront_hands_a_signed_in_shopper_over_with_her_saleor_token(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    fragment_page = client.get(home + "token")
    assert "location.hash" in fragment_page.content.decode()  # reads the token from the fragment, never the query
    response = client.post(home + "token", {"token": _token(standin)})
    assert response.status_code == 303 and response["Location"] == home
    assert "毎月お届け定期便" in _text(client.get(home))


@pytest.mark.parametrize(("make", "words"), [
    (lambda standin: _token(standin, token_type="refresh"), "アクセストークン"),
    (lambda standin: SigningKey().token("https://other-shop.example.com/graphql/", user_id=USER["id"], email=USER["email"]),
     "Saleor"),
    (lambda standin: _token(standin, lifetime=-10), "期限"),
])
def test_a_token_that_proves_no_customer_is_refused_with_a_page_saying_what_to_do(portal, make, words):
    standin, installation, subscription, home, request_link, sign_in = portal
    browser = Client(HTTP_ACCEPT_LANGUAGE="ja")
    response = browser.post(home + "token", {"token": make(standin)})
    assert response.status_code == 401 and "portal_session" not in response.cookies
    alert = _alert(response)
    assert alert.startswith("ショップのアカウントを確認できませんでした：") and words in alert, alert
    assert alert.endswith("メールアドレスでログインすることもできます。")


# ---- changes ------------------------------------------------------------------------------------------------------

def _action(home, subscription, name):
    return f"{home}subscriptions/{subscription.pk}/{name}"


def _flash(client, response) -> str:
    assert response.status_code == 303, response.content.decode()[:2000]
    page = client.get(response["Location"])
    return html.unescape(re.search(r'class="flash" role="status">(.*?)</p>', page.content.decode()).group(1))


def test_skipping_moves_the_next_delivery_to_the_following_date(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        form = client.get(_action(home, subscription, "skip"))
        assert "2027年2月28日のお届けとご請求はございません。その次のお届けは2027年3月31日です。" in _text(form)
        done = client.post(_action(home, subscription, "skip"))
        assert _flash(client, done) == "2027年2月28日のお届けをスキップしました。次回のお届けは2027年3月31日です。"
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 31)
    assert Event.objects.filter(type="subscription.skipped", actor=Event.Actor.CUSTOMER).exists()
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0 and renewal_orders(standin) == []


def test_a_change_after_the_cut_off_is_refused_naming_the_dates(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(DAY(2027, 2, 22)):
        refused = client.post(_action(home, subscription, "skip"))
        english = client.post(_action(home, subscription, "skip") + "?lang=en")
    assert refused.status_code == 409
    assert _alert(refused) == ("2027年2月28日のお届け分の変更・解約の受付は、お届けの7日前（2027年2月21日）で締め切りました。"
                               "2027年3月1日以降は、その次のお届けから変更・解約できます。")
    assert _alert(english) == ("Changes to the delivery of February 28, 2027 closed on February 21, 2027, 7 days before it. "
                               "From March 1, 2027 on, you can change or cancel the deliveries after it.")
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 2, 28)


def test_the_next_delivery_moves_to_an_open_day_chosen_on_the_calendar(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    installation.closed_weekdays = [6]  # no deliveries on Sundays
    installation.save()
    sign_in()
    with fixed_clock(FEB_1):
        form = client.get(_action(home, subscription, "move")).content.decode()
        days = re.findall(r'name="on" value="([\d-]+)"', form)
        assert days[0] == "2027-02-08" and "2027-02-14" not in days and "2027-02-28" not in days  # cut-off, Sunday, today's
        assert days[-1] == "2027-03-30" and "2027年2月" in form and "2027年3月" in form  # before the following delivery
        assert client.post(_action(home, subscription, "move"), {"on": "2027-02-14"}).status_code == 409  # a Sunday
        done = client.post(_action(home, subscription, "move"), {"on": "2027-03-10"})
        assert _flash(client, done) == "次回のお届け日を2027年3月10日に変更しました。"
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 10)


def test_a_quantity_change_shows_the_new_price_before_it_re_prices_the_next_delivery(portal, client, subscribed):
    standin, installation, subscription, home, request_link, sign_in = portal
    fake = subscribed[3]
    line = subscription.lines.get()
    sign_in()
    with fixed_clock(FEB_1):
        preview = client.get(_action(home, subscription, "quantity"), {"line": line.pk, "quantity": 3})
        assert "3個 × ￥5,400 = 1回あたり￥16,200（現在￥6,000）" in _text(preview)  # 10 % off from 3
        too_many = client.get(_action(home, subscription, "quantity"), {"line": line.pk, "quantity": 0})
        assert _alert(too_many) == "数量は1以上でお選びください。"
        done = client.post(_action(home, subscription, "quantity"), {"line": line.pk, "quantity": 3})
        assert _flash(client, done) == "1回あたりのお届け数を3個に変更しました。"
        page = client.get(f"{home}subscriptions/{subscription.pk}/")
    assert "次回のご請求金額 ￥16,700" in _text(page)  # ¥16,200 and ¥500 shipping
    assert subscription.lines.get().quantity == 3
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert order["total"] == Decimal("16700") and [charge["amount"] for charge in fake.charges] == [16700]  # as shown


def test_the_quantity_preview_includes_a_kept_offers_discount_as_the_renewal_charges_it(portal, client, subscribed):
    standin, installation, subscription, home, request_link, sign_in = portal
    installation_settings.update(installation, {"cancellation_reasons": [
        {"code": "price", "labels": {"ja": "高い"}, "offer": {"kind": "percent_off", "percent": "10", "deliveries": 2}}]})
    retention.accept(retention.start(subscription, "price", actor=Event.Actor.CUSTOMER, today=DAY(2027, 2, 1)),
                     today=DAY(2027, 2, 1))  # she stayed for 10 % off
    line = subscription.lines.get()
    sign_in()
    with fixed_clock(FEB_1):
        preview = client.get(_action(home, subscription, "quantity"), {"line": line.pk, "quantity": 3})
        assert "3個 × ￥4,860 = 1回あたり￥14,580（現在￥5,400）" in _text(preview)  # tiers, then the offer's 10 %
        client.post(_action(home, subscription, "quantity"), {"line": line.pk, "quantity": 3})
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert order["total"] == Decimal("15080") and subscribed[3].charges[-1]["amount"] == 15080  # ¥14,580 + ¥500


def test_a_variant_swap_shows_its_price_and_changes_the_item(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        form = client.get(_action(home, subscription, "variant"))
        assert "200 g" in _text(form) and "1個￥6,000、1回あたり￥6,000" in _text(form)
        (value,) = re.findall(r'name="variant" value="([^"]+)"', form.content.decode())
        done = client.post(_action(home, subscription, "variant"), {"variant": value})
        assert _flash(client, done) == "お届けする商品を200 gに変更しました。"
    assert subscription.lines.get().variant_id == value.split(":")[1]


def test_the_plan_changes_to_another_plan_of_the_product(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    create_plan(installation, product_id=subscription.plan.product.product_id, code="bimonthly", terms={
        **TRIAL_TERMS, "schedule": {"interval_unit": "month", "interval_count": 2},
        "texts": {"en": {"name": "Every two months"}, "ja": {"name": "隔月お届け定期便"}}})
    sign_in()
    with fixed_clock(FEB_1):
        form = client.get(_action(home, subscription, "plan"))
        assert "隔月お届け定期便" in _text(form) and "現在：毎月お届け定期便。" in _text(form)
        done = client.post(_action(home, subscription, "plan"), {"plan": "bimonthly"})
        assert _flash(client, done) == "プランを隔月お届け定期便に変更しました。"
    subscription.refresh_from_db()
    assert subscription.plan.code == "bimonthly"


def test_the_shipping_address_is_checked_and_changed(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    address = {"last_name": "山田", "first_name": "花子", "postal_code": "１５０－０００１", "prefecture": "東京都",
               "city": "渋谷区", "street1": "神宮前1-2-3", "street2": "", "phone": "090-1234-5678"}
    with fixed_clock(FEB_1):
        form = client.get(_action(home, subscription, "address")).content.decode()
        assert 'value="100-0005"' in form and "<option selected>東京都</option>" in form  # today's address
        wrong = client.post(_action(home, subscription, "address"), {**address, "postal_code": "15-1", "city": ""})
        assert wrong.status_code == 409 and "郵便番号は7桁で入力してください（例：150-0001）。" in _text(wrong)
        assert "入力してください。" in _text(wrong)
        done = client.post(_action(home, subscription, "address"), address)
        assert _flash(client, done) == "お届け先を変更しました。"
    subscription.refresh_from_db()
    assert subscription.shipping_address["postalCode"] == "150-0001"
    assert subscription.shipping_address["phone"] == "+819012345678"
    assert subscription.shipping_address["countryArea"] == "東京都" and subscription.shipping_address["country"] == {"code": "JP"}


def test_pausing_until_a_date_and_resuming(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        too_far = client.post(_action(home, subscription, "pause"), {"until": "2029-01-01"})
        assert too_far.status_code == 409
        done = client.post(_action(home, subscription, "pause"), {"until": "2027-04-15"})
        assert _flash(client, done) == "2027年4月15日までお届けを一時停止しました。"
        subscription.refresh_from_db()
        assert (subscription.status, subscription.paused_until) == (Subscription.Status.PAUSED, DAY(2027, 4, 15))
        page = _text(client.get(f"{home}subscriptions/{subscription.pk}/"))
        assert "2027年4月15日まで一時停止中です。" in page and "お届けを再開" in page
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0 and renewal_orders(standin) == []  # no renewal while paused
    with fixed_clock(DAY(2027, 3, 5)):
        done = client.post(_action(home, subscription, "resume"))
        assert _flash(client, done) == "お届けを再開しました。次回のお届けは2027年3月31日です。"
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE and subscription.next_renewal_on == DAY(2027, 3, 31)


def test_cancelling_takes_a_reason_and_two_clicks(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        page = client.get(f"{home}subscriptions/{subscription.pk}/").content.decode()
        assert f'href="{home}subscriptions/{subscription.pk}/cancel"' in page
        form = client.get(_action(home, subscription, "cancel"))
        assert "解約の理由をお聞かせください。" in _text(form) and "価格が高い" in _text(form)  # the shop's reasons
        done = client.post(_action(home, subscription, "cancel"), {"reason": "too_expensive", "text": "年金生活なので"})
        assert _flash(client, done) == "定期便を解約しました。"  # no offer for this reason: cancelled at once
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert Event.objects.get(type="subscription.cancelled").data["reason"] == "too_expensive: 年金生活なので"


def test_a_declined_offer_cancels(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        offer = client.post(_action(home, subscription, "cancel"), {"reason": "too_much"})  # click 1
        assert "2027年2月28日のお届けをお休みできます。次回のお届けは2027年3月31日です。" in _text(offer)
        attempt = re.search(r'name="attempt" value="(\d+)"', offer.content.decode()).group(1)
        done = client.post(_action(home, subscription, "cancel"), {"attempt": attempt, "answer": "decline"})  # click 2
        assert _flash(client, done) == "定期便を解約しました。"
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert CancellationAttempt.objects.get().outcome == CancellationAttempt.Outcome.CANCELLED


def test_an_accepted_offer_keeps_the_subscription_with_the_offered_change(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        offer = client.post(_action(home, subscription, "cancel"), {"reason": "too_much"})
        attempt = re.search(r'name="attempt" value="(\d+)"', offer.content.decode()).group(1)
        done = client.post(_action(home, subscription, "cancel"), {"attempt": attempt, "answer": "accept"})
        assert _flash(client, done) == "引き続きのご利用ありがとうございます。"
        again = client.post(_action(home, subscription, "cancel"), {"attempt": attempt, "answer": "decline"})
        assert again.status_code == 409 and "この特典はお申し込み済みです。定期便は継続されます。" in _text(again)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE and subscription.next_renewal_on == DAY(2027, 3, 31)
    assert CancellationAttempt.objects.get().outcome == CancellationAttempt.Outcome.SAVED


def test_another_subscriptions_cancellation_cannot_be_answered(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    with fixed_clock(FEB_1):
        refused = client.post(_action(home, subscription, "cancel"), {"attempt": "987654", "answer": "decline"})
    assert refused.status_code == 409 and "この解約のお手続きが見つかりません。最初からやり直してください。" in _text(refused)
    subscription.refresh_from_db()
    assert subscription.status != Subscription.Status.CANCELLED


def test_a_storefront_session_confirms_the_token_with_saleor_before_cancelling(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    standin.add_customer(USER["email"], "花子", "山田", id=USER["id"])
    token = _token(standin)
    client.post(home + "token", {"token": token})
    standin.revoked_tokens.add(token)  # the shopper changed her password since
    with fixed_clock(FEB_1):
        refused = client.post(_action(home, subscription, "cancel"), {"reason": "too_expensive"})
    assert refused.status_code == 401 and "解約・カードの変更には、もう一度ログインしてください。" in _alert(refused)
    assert refused.cookies["portal_session"].value == ""
    subscription.refresh_from_db()
    assert subscription.status != Subscription.Status.CANCELLED


def test_every_subscription_mail_leads_to_the_portal(portal, client, django_capture_on_commit_callbacks):
    standin, installation, subscription, home, request_link, sign_in = portal
    outbox.outbox.clear()
    sign_in()
    with fixed_clock(FEB_1), django_capture_on_commit_callbacks(execute=True):
        client.post(_action(home, subscription, "skip"))
    (mail,) = [message for message in outbox.outbox if "スキップ" in message.subject]
    assert f"定期便の確認・変更・解約（マイページ）\nhttp://testserver{home}subscriptions/{subscription.pk}/" in mail.body


def test_an_unknown_portal_is_not_found(db, client):
    assert client.get("/portal/nosuchshop/").status_code == 404


def test_the_card_is_replaced_through_stripe_elements_and_charged_next_time(portal, client, stripe_http):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    stripe_http.answer(200, stripe_object("setup_intent", id="seti_1", client_secret="seti_1_secret_abc", customer="cus_hanako"))
    with fixed_clock(FEB_1):
        page = client.get(_action(home, subscription, "card")).content.decode()
        assert "seti_1_secret_abc" in page and 'locale: "ja"' in page and "このカードを登録する" in page
        stripe_http.answer(200, stripe_object("setup_intent", id="seti_1", status="succeeded", customer="cus_hanako",
                                              payment_method="pm_new"))
        stripe_http.answer(200, stripe_object("payment_method", id="pm_new", type="card", customer="cus_hanako",
                                              card={**stripe_object("payment_method")["card"], "brand": "mastercard",
                                                    "last4": "4444"}))
        done = client.get(_action(home, subscription, "card") + "?setup_intent=seti_1&redirect_status=succeeded")
        assert _flash(client, done) == "新しいカードを登録しました：Mastercard •••• 4444"
    subscription.refresh_from_db()
    assert subscription.payment_method.last4 == "4444"


def test_every_language_has_every_word():
    keys = {language: set(words) for language, words in TEXTS.items()}
    assert keys["ja"] == keys["en"] == keys["zh-hans"] == keys["zh-hant"]


@pytest.mark.parametrize("language", ["ja", "zh-hans", "zh-hant"])
def test_no_english_is_left_on_the_pages_of_another_language(portal, client, language):
    standin, installation, subscription, home, request_link, sign_in = portal
    sign_in()
    actions = ("skip", "move", "addon", "quantity", "variant", "plan", "address", "pause", "cancel")
    pages = [f"{home}?lang={language}", f"{home}subscriptions/{subscription.pk}/"] + [
        _action(home, subscription, name) for name in actions]
    with fixed_clock(FEB_1):
        for path in pages:
            response = client.get(path)
            text = _text(response).replace("English", "")
            assert response.status_code == 200 and f'lang="{language}"' in response.content.decode(), path
            assert not ENGLISH_SENTENCE.search(text), (path, ENGLISH_SENTENCE.search(text))


def test_a_session_of_one_shop_is_no_key_to_another_shops_portal(portal, client):
    standin, installation, subscription, home, request_link, sign_in = portal
    other = Installation.objects.create(saleor_api_url="https://other-shop.example.com/graphql/", app_id="QXBwOjk=")
    sign_in()
    response = client.get(f"/portal/{other.portal_key}/")  # the test client sends the cookie whatever its path
    assert 'name="email"' in response.content.decode() and "portal_session" not in response.cookies


def test_a_one_time_item_is_in_the_next_renewal_order_only(portal, client, shop):
    standin, installation, subscription, home, request_link, sign_in = portal
    large = shop[2]["variants"][1]["id"]  # the 200 g bag, ¥12,000 in the yen channel
    sign_in()
    with fixed_clock(FEB_1):
        form = client.get(_action(home, subscription, "addon"))
        assert "2027年2月28日のお届けに1回だけ、ショップの価格で追加します。" in _text(form)
        assert "緑茶 200 g ￥12,000" in _text(form)
        done = client.post(_action(home, subscription, "addon"), {"variant": large, "quantity": "2"})
        assert _flash(client, done) == "緑茶 200 gを2027年2月28日のお届けに追加しました。"
        page = _text(client.get(f"{home}subscriptions/{subscription.pk}/"))
        assert "次回のお届けに追加した商品 緑茶 200 g × 2 ￥24,000" in page and "次回のご請求金額 ￥30,500" in page
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert [(line["variantId"], line["quantity"]) for line in order["input"]["lines"]][1:] == [(large, 2)]
    assert runs.run_due(installation, DAY(2027, 3, 31)) == 1
    (later,) = [other for other in renewal_orders(standin) if other is not order]
    assert large not in [line["variantId"] for line in later["input"]["lines"]]  # once only


def test_a_one_time_item_can_be_taken_out_again(portal, client, shop):
    standin, installation, subscription, home, request_link, sign_in = portal
    large = shop[2]["variants"][1]["id"]
    sign_in()
    with fixed_clock(FEB_1):
        client.post(_action(home, subscription, "addon"), {"variant": large, "quantity": "1"})
        form = client.get(_action(home, subscription, "addon")).content.decode()
        item = re.search(r'name="remove" value="(\d+)"', form).group(1)
        done = client.post(_action(home, subscription, "addon"), {"remove": item})
        assert _flash(client, done) == "緑茶 200 gを次回のお届けから取り消しました。"
    assert not subscription.one_time_items.exists()
