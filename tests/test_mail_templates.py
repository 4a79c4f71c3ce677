"""Every mail renders in every language with nothing missing; overrides fall back whole when broken."""

from pathlib import Path

import pytest

from saleor_subscriptions.config import LANGUAGE_CODES
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.mail import previews, templates
from saleor_subscriptions.mail.templates import render

pytestmark = pytest.mark.django_db
SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(autouse=True)
def fresh_environments():
    templates._templates.cache_clear()
    yield
    templates._templates.cache_clear()


@pytest.fixture
def shop_sender(db):
    return Installation.objects.create(
        saleor_api_url="https://shop.example.jp/graphql/", app_id="QXBwOjE=", default_language="en",
        sender_name="お茶の山田園", sender_address="東京都千代田区丸の内1-1", sender_email="shop@yamada-en.example.jp")


@pytest.mark.parametrize("kind", previews.kinds())
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_mail_renders_in_every_language(shop_sender, kind, language):
    mail = previews.preview(shop_sender, kind, language)  # strict undefined: a missing variable raises
    assert mail.language == language and mail.subject and "{{" not in mail.subject + mail.text + mail.html
    assert "お茶の山田園" in mail.text and "東京都千代田区丸の内1-1" in mail.html  # the sender, in every mail
    assert "\n\n\n" not in mail.text


def test_money_and_dates_follow_the_language(shop_sender):
    context = previews.sample_context(shop_sender, "payment_failed")
    assert "￥6,500" in render("payment_failed", "ja", context).text and "2027年3月7日" in render("payment_failed", "ja", context).text
    english = render("payment_failed", "en", {**context, "subscription": {**context["subscription"], "currency": "USD"},
                                              "renewal": {**context["renewal"], "amount": 65}}).text
    assert "$65.00" in english and "March 7, 2027" in english
    assert "2027年3月7日" in render("payment_failed", "zh-hant", context).text


@pytest.mark.parametrize("kind", ["renewal_placed", "payment_failed"])
def test_japanese_mails_match_the_reviewed_snapshots(shop_sender, kind):
    mail = previews.preview(shop_sender, kind, "ja")
    snapshot = SNAPSHOTS / f"{kind}.ja.eml.txt"
    assert f"Subject: {mail.subject}\n\n{mail.text}" == snapshot.read_text()


def test_a_missing_language_falls_back_to_the_shops_default_then_english(shop_sender, tmp_path, settings):
    (tmp_path / "started").mkdir()
    (tmp_path / "started" / "ko.subject.txt").write_text("unused")
    shop_sender.default_language = "ja"
    assert render("started", "ko", previews.sample_context(shop_sender, "started"), installation=shop_sender).language == "ja"


def test_an_override_replaces_the_default(shop_sender, tmp_path, settings):
    settings.MAIL_TEMPLATES_DIR = tmp_path
    (tmp_path / "started").mkdir()
    (tmp_path / "started" / "ja.subject.txt").write_text("{{ customer.name }} 様、定期便へようこそ")
    mail = previews.preview(shop_sender, "started", "ja")
    assert mail.subject == "山田 花子 様、定期便へようこそ"
    assert "お申し込みいただき" in mail.text  # parts not overridden come from the defaults


@pytest.mark.parametrize("broken", ["{{ customer.nickname }}", "{% if %}"])
def test_a_broken_override_falls_back_to_the_default_whole_and_is_reported(shop_sender, tmp_path, settings, broken):
    settings.MAIL_TEMPLATES_DIR = tmp_path
    (tmp_path / "payment_failed").mkdir()
    (tmp_path / "payment_failed" / "ja.subject.txt").write_text("カードのご確認のお願い")
    (tmp_path / "payment_failed" / "ja.txt").write_text(f"お支払いに失敗しました {broken}")
    mail = previews.preview(shop_sender, "payment_failed", "ja")
    assert mail.subject == "【重要】定期便のお支払いができませんでした"  # not the override's subject: never half of each
    assert "カード情報を変更する" in mail.text
    event = shop_sender.events.get(type="mail.template_broken")
    assert event.data["template"] == "payment_failed/ja"


def test_a_merchants_edit_is_in_the_very_next_mail(shop_sender, tmp_path, settings):
    settings.MAIL_TEMPLATES_DIR = tmp_path
    default = previews.preview(shop_sender, "started", "ja").subject  # compiled from the defaults
    subject = tmp_path / "started" / "ja.subject.txt"
    subject.parent.mkdir()
    subject.write_text("{{ customer.name }} 様、ようこそ")  # a file added where the default served
    assert previews.preview(shop_sender, "started", "ja").subject == "山田 花子 様、ようこそ"
    subject.write_text("{{ customer.name }} 様、ご登録ありがとうございます")  # edited in place
    assert previews.preview(shop_sender, "started", "ja").subject == "山田 花子 様、ご登録ありがとうございます"
    layout = tmp_path / "_layout" / "base.txt"
    layout.parent.mkdir()
    layout.write_text("{% block body %}{% endblock %}\n--\nお茶の山田園 お客様窓口\n")  # the layout every mail extends
    assert previews.preview(shop_sender, "renewal_placed", "ja").text.endswith("お茶の山田園 お客様窓口\n")
    subject.unlink()
    assert previews.preview(shop_sender, "started", "ja").subject == default
