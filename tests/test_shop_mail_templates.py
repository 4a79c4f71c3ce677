"""A shop's own mail templates, edited on the Dashboard: used for that shop only, versioned, reset to the default,
refused with the line when they cannot render, previewed as drafts; the renewal path reads no more rows for them."""

import pytest
from django.utils import timezone

from saleor_subscriptions.installations import recent
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.mail import previews, templates
from saleor_subscriptions.mail.models import MailTemplateVersion

pytestmark = pytest.mark.django_db
ERRORS = "errors { field code message }"
SOURCE = "subject text html"
TEMPLATE = f"template {{ kind language overridden current {{ {SOURCE} }} default {{ {SOURCE} }} " \
           f"versions {{ number isDefault savedBy subject }} }} {ERRORS}"
SAVE = f"""mutation S($kind: String!, $language: String!, $input: MailTemplateInput!) {{
  mailTemplateSave(kind: $kind, language: $language, input: $input) {{ {TEMPLATE} }} }}"""
RESET = f"""mutation R($kind: String!, $language: String!) {{
  mailTemplateReset(kind: $kind, language: $language) {{ {TEMPLATE} }} }}"""
GET = f"""query G($kind: String!, $language: String!) {{ mailTemplate(kind: $kind, language: $language) {{ {TEMPLATE} }} }}"""
LIST = f"query {{ mailTemplates {{ templates {{ kind language overridden version }} {ERRORS} }} }}"
PREVIEW = f"""query P($kind: String!, $language: String!, $input: MailTemplateInput!) {{
  mailTemplatePreview(kind: $kind, language: $language, input: $input) {{ {SOURCE} {ERRORS} }} }}"""
OWN = {"subject": "【山田園】{{ renewal.cycle }}回目のお届けを準備しています",
       "text": "{{ customer.name }} 様\n\nいつもありがとうございます。注文番号 {{ renewal.order_number }}\n",
       "html": "<p>{{ customer.name }} 様</p><p>注文番号 {{ renewal.order_number }}</p>"}


@pytest.fixture(autouse=True)
def fresh_memory():
    templates._own.clear()
    templates._templates.cache_clear()
    yield
    templates._own.clear()


@pytest.fixture
def staff_call(installed, client):
    standin, app, _ = installed

    def call(query, permissions=("MANAGE_CHANNELS",), staff_language="en", **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                  email="marketer@yamada-en.example.jp", permissions=list(permissions),
                                  exp=int(timezone.now().timestamp()) + 300)
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token,
                                        "Accept-Language": staff_language})
        body = response.json()
        assert "errors" not in body, body["errors"]
        return next(iter(body["data"].values()))

    return call


@pytest.fixture
def shop(installed):
    return Installation.objects.get(pk=installed[2].pk)


@pytest.fixture
def other_shop(db):
    return Installation.objects.create(saleor_api_url="https://other.example.jp/graphql/", app_id="QXBwOjI=",
                                       default_language="ja", sender_name="緑茶本舗", sender_address="京都市")


def test_a_saved_template_is_used_for_that_shops_mails_only(staff_call, shop, other_shop):
    saved = staff_call(SAVE, kind="renewal_placed", language="ja", input=OWN)
    assert saved["errors"] == [] and saved["template"]["overridden"]
    assert saved["template"]["versions"] == [{"number": 1, "isDefault": False, "savedBy": "marketer@yamada-en.example.jp",
                                              "subject": OWN["subject"]}]
    mine = previews.preview(recent.by_pk(shop.pk), "renewal_placed", "ja")
    assert mine.subject == "【山田園】3回目のお届けを準備しています" and "いつもありがとうございます。注文番号 1234" in mine.text
    theirs = previews.preview(other_shop, "renewal_placed", "ja")
    assert theirs.subject == "【定期便】3回目のご注文を承りました（注文番号 1234）"  # the default
    assert previews.preview(recent.by_pk(shop.pk), "renewal_placed", "en").subject == "Your delivery no. 3 is on its way to being prepared (order #1234)"
    listed = {(row["kind"], row["language"]): row for row in staff_call(LIST)["templates"]}
    assert listed["renewal_placed", "ja"] == {"kind": "renewal_placed", "language": "ja", "overridden": True, "version": 1}
    assert not listed["renewal_placed", "en"]["overridden"] and len(listed) == len(previews.kinds()) * 4


def test_reset_restores_the_default_and_keeps_the_versions(staff_call, shop):
    default = previews.preview(shop, "payment_failed", "ja")
    staff_call(SAVE, kind="payment_failed", language="ja", input={**OWN, "subject": "カードをご確認ください"})
    assert previews.preview(recent.by_pk(shop.pk), "payment_failed", "ja").subject == "カードをご確認ください"
    reset = staff_call(RESET, kind="payment_failed", language="ja")
    assert reset["errors"] == [] and not reset["template"]["overridden"]
    assert reset["template"]["current"] == reset["template"]["default"]
    assert [(v["number"], v["isDefault"]) for v in reset["template"]["versions"]] == [(2, True), (1, False)]
    again = previews.preview(recent.by_pk(shop.pk), "payment_failed", "ja")
    assert (again.subject, again.text, again.html) == (default.subject, default.text, default.html)


@pytest.mark.parametrize(("field", "draft", "message"), [
    ("text", "{{ customer.name }} 様\n\n{% if renewal.cycle > 1 %}\nまたのご利用ありがとうございます\n",  # never closed
     "3行目：テンプレートを読み取れません"),
    ("html", "<p>{{ customer.name }}</p>\n<p>{{ coupon_code }}</p>", "2行目：このメールでは coupon_code は使えません"),
    ("subject", "ご注文\n{{ customer.name }} 様 {{ renewal.nope }}", "2行目：サンプルのお客様でテンプレートを表示できません"),
    ("text", "{{ customer.name }} 様\n{{ money(renewal.amount) }}", "2行目：サンプルのお客様でテンプレートを表示できません"),
])
def test_a_template_that_cannot_render_is_refused_with_its_line_and_not_saved(staff_call, shop, field, draft, message):
    answer = staff_call(SAVE, staff_language="ja", kind="renewal_placed", language="ja", input={**OWN, field: draft})
    assert answer["template"] is None
    [error] = answer["errors"]
    assert error["field"] == field and error["code"] == "TEMPLATE" and error["message"].startswith(message), error
    assert "保存していません" in error["message"]
    assert not MailTemplateVersion.objects.exists()
    assert previews.preview(recent.by_pk(shop.pk), "renewal_placed", "ja").subject.startswith("【定期便】")


@pytest.mark.parametrize(("staff_language", "start"), [("en", "Line 2: the template cannot be read"),
                                                       ("zh-hans", "第2行：无法读取模板"), ("zh-hant", "第2行：無法讀取範本")])
def test_refusals_name_the_line_in_the_staffs_language(staff_call, shop, staff_language, start):
    broken = {**OWN, "text": "{{ customer.name }} 様\n{% if renewal.cycle > 1 %}\nまたのご利用"}
    [error] = staff_call(SAVE, staff_language=staff_language, kind="renewal_placed", language="ja", input=broken)["errors"]
    assert error["field"] == "text" and error["message"].startswith(start), error


def test_a_name_only_another_kind_has_is_refused(staff_call, shop):
    """A sign-in mail has no subscription: a template saying one would fail when a customer signs in."""
    answer = staff_call(SAVE, kind="portal_sign_in", language="en",
                        input={"subject": "Sign in, {{ customer.email }}", "text": "{{ link }} ({{ subscription.plan }})"})
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("text", "TEMPLATE")]
    assert "subscription" in answer["errors"][0]["message"]


def test_a_copy_of_the_default_saves(staff_call, shop):
    """The default's own constructs (blocks of the layout, names set in a branch) pass the check."""
    for kind in ("payment_instructions", "trial_ending", "merchant_digest", "funnel_step"):
        default = staff_call(GET, kind=kind, language="ja")["template"]["default"]
        answer = staff_call(SAVE, kind=kind, language="ja", input=default)
        assert answer["errors"] == [] and answer["template"]["overridden"], (kind, answer["errors"])


def test_a_preview_renders_the_draft_not_the_saved_template(staff_call, shop):
    draft = {**OWN, "subject": "{{ customer.name }} 様、{{ renewal.cycle }}回目のお届けです"}
    preview = staff_call(PREVIEW, kind="renewal_placed", language="ja", input=draft)
    assert preview["errors"] == [] and preview["subject"] == "山田 花子 様、3回目のお届けです"
    assert "<p>山田 花子 様</p>" in preview["html"] and preview["text"].startswith("山田 花子 様")
    english = staff_call(PREVIEW, kind="renewal_placed", language="en", input=draft)
    assert english["subject"] == "Hanako Yamada 様、3回目のお届けです"  # the sample customer in the chosen language
    assert not MailTemplateVersion.objects.exists()
    refused = staff_call(PREVIEW, kind="renewal_placed", language="ja", input={**draft, "subject": "{{ customer.nmae }}"})
    assert refused["subject"] is None and refused["errors"][0]["field"] == "subject"


def test_only_staff_managing_the_shop_settings_see_or_change_templates(staff_call, shop):
    for query, variables in ((LIST, {}), (GET, {"kind": "started", "language": "ja"}),
                             (SAVE, {"kind": "started", "language": "ja", "input": OWN})):
        answer = staff_call(query, permissions=("MANAGE_ORDERS",), **variables)
        assert [error["code"] for error in answer["errors"]] == ["PERMISSION_DENIED"]
    assert not MailTemplateVersion.objects.exists()


def test_unknown_kinds_and_languages_are_refused(staff_call, shop):
    assert staff_call(GET, kind="invoice", language="ja")["errors"][0]["field"] == "kind"
    assert staff_call(SAVE, kind="started", language="ko", input=OWN)["errors"][0]["field"] == "language"


def test_a_shops_mails_read_its_templates_once_per_save(staff_call, shop, django_assert_num_queries):
    """Mail after mail, the shop's templates are remembered; a save is seen at the very next mail."""
    welcome = {"subject": "ようこそ {{ customer.name }} 様", "text": "{{ subscription.plan }}へようこそ"}
    assert staff_call(SAVE, kind="started", language="ja", input=welcome)["errors"] == []
    installation = recent.by_pk(shop.pk)
    context = previews.sample_context(installation, "started", "ja")
    templates.render("started", "ja", context, installation=installation)  # reads them once
    with django_assert_num_queries(0):
        for _ in range(3):
            assert templates.render("started", "ja", context, installation=installation).subject == "ようこそ 山田 花子 様"
    staff_call(SAVE, kind="started", language="ja", input={**welcome, "subject": "ご登録ありがとうございます"})
    assert templates.render("started", "ja", context, installation=recent.by_pk(shop.pk)).subject == "ご登録ありがとうございます"


def test_the_shops_template_comes_before_the_deployments_and_a_broken_one_falls_back_whole(shop, tmp_path, settings):
    settings.MAIL_TEMPLATES_DIR = tmp_path
    (tmp_path / "started").mkdir()
    (tmp_path / "started" / "ja.subject.txt").write_text("【全店共通】{{ customer.name }} 様、ようこそ")
    assert previews.preview(shop, "started", "ja").subject == "【全店共通】山田 花子 様、ようこそ"
    # a version saved before the mail lost a name it used (not checkable now): it must not break the mail
    MailTemplateVersion.objects.create(installation=shop, kind="started", language="ja", number=1,
                                       subject="{{ customer.name }} 様", text="{{ customer.nickname }}", html="")
    shop.mail_templates_version += 1
    shop.save(update_fields=["mail_templates_version"])
    mail = previews.preview(shop, "started", "ja")
    assert mail.subject == "【全店共通】山田 花子 様、ようこそ" and "お申し込みいただき" in mail.text  # the next source, whole
    event = shop.events.get(type="mail.template_broken")
    assert event.data["source"] == "shop" and event.data["template"] == "started/ja"
    MailTemplateVersion.objects.create(installation=shop, kind="started", language="ja", number=2,
                                       subject="{{ customer.name }} 様、山田園へようこそ", text="ようこそ", html="")
    shop.mail_templates_version += 1
    shop.save(update_fields=["mail_templates_version"])
    assert previews.preview(shop, "started", "ja").subject == "山田 花子 様、山田園へようこそ"


@pytest.mark.parametrize("draft", ["{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ 'x' * 100000000 }}",
                                   "{% for n in range(10 ** 9) %}{{ n }}{% endfor %}", "{{ '{0.__class__.__mro__}'.format(customer) }}"])
def test_a_template_cannot_reach_python_or_stall_the_worker(staff_call, shop, draft):
    """Staff write these templates: they render in a sandbox, and what it refuses is refused on save."""
    answer = staff_call(SAVE, kind="started", language="en", input={"subject": "Welcome", "text": f"Hello\n{draft}"})
    [error] = answer["errors"]
    assert error["field"] == "text" and error["code"] == "TEMPLATE" and error["message"].startswith("Line 2:"), error
    assert not MailTemplateVersion.objects.exists()
