"""The funnel editor's staff API (Dashboard → Discounts → Step mails): round trips, the live preview of a step being
typed, an edited funnel's mail, refusals, and one shop's funnels out of another's reach."""

import copy
import datetime
import json

import pytest
from django.core import mail as outbox
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.funnels.models import Enrolment, Funnel
from saleor_subscriptions.plans.actions import create_plan

from .conftest import USER
from .test_api_staff import dashboard  # noqa: F401  (fixture)
from .test_funnels import REGULAR, STEPS, funnel  # noqa: F401  (fixture)
from .test_tenant_payments import other_shop  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DISCOUNTS = ("MANAGE_DISCOUNTS",)
NODE = """id name isActive triggerProductId targetPlan targetVariantId offerPercentOff voucherCode
  steps { position delayDays texts { language subject body } }
  figures { enrolled converted unsubscribed conversionRate steps { position sent clicked converted conversionRate } }"""
LIST = f"query {{ funnels {{ funnels {{ {NODE} }} errors {{ field code message }} }} }}"
CREATE = f"""mutation C($funnel: JSONString!) {{
  funnelCreate(funnel: $funnel) {{ funnel {{ {NODE} }} errors {{ field code message }} }} }}"""
UPDATE = f"""mutation U($id: ID!, $funnel: JSONString!) {{
  funnelUpdate(id: $id, funnel: $funnel) {{ funnel {{ {NODE} }} errors {{ field code message }} }} }}"""
PAUSE = "mutation P($id: ID!) { funnelPause(id: $id) { funnel { isActive } errors { field code message } } }"
RESUME = "mutation R($id: ID!) { funnelResume(id: $id) { funnel { isActive } errors { field code message } } }"
DELETE = "mutation D($id: ID!) { funnelDelete(id: $id) { deleted errors { field code message } } }"
PREVIEW = """query V($language: String!, $subject: String!, $body: String!, $percent: String, $voucher: String) {
  funnelStepPreview(language: $language, subject: $subject, body: $body, offerPercentOff: $percent, voucherCode: $voucher) {
    subject text html language errors { field code message } } }"""
TEST_SEND = """mutation T($to: String!, $language: String!, $funnelId: ID!, $position: Int!) {
  mailTestSend(to: $to, language: $language, funnelId: $funnelId, position: $position) { sent errors { field code } } }"""
DRAFT_SEND = """mutation T($to: String!, $language: String!, $draft: FunnelStepDraftInput!) {
  mailTestSend(to: $to, language: $language, draft: $draft) { sent errors { field code message } } }"""
PRODUCTS = """query F($search: String, $ids: [ID!]) {
  funnelProducts(search: $search, ids: $ids) { products { id name variants { id name subscribable } plans { code name } }
  errors { field code message } } }"""


@pytest.fixture
def marketer(dashboard):  # noqa: F811
    """A shop with its sender's identity, a trial set, a tea with a plan without a trial, and a funnel's definition."""
    call, standin, app, installation = dashboard
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    tea = standin.add_product("Green tea", variants=[("100 g", {})])
    trial = standin.add_product("Trial set", variants=[("3 bags", {})])
    create_plan(installation, product_id=tea["id"], code="regular", terms=REGULAR)
    standin.add_voucher("TEA15", "TEA15-B", channels=("jp",), name="Step mail offer")
    standin.add_voucher("SPRING", channels=("jp",), end=timezone.now() - datetime.timedelta(days=1))
    standin.add_voucher("DRAFT", name="Not listed in a channel")
    definition = {"name": "Trial → monthly", "trigger_product_id": trial["id"], "target_plan": "regular",
                  "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10", "steps": STEPS}
    return call, installation, definition, tea, trial


def _edited(definition):
    edited = copy.deepcopy(definition)
    edited["steps"][1]["texts"]["ja"]["body"] = "{{ customer.name }}様、今だけ{{ offer.percent_off }}%オフ（改訂版）"
    edited["steps"].append({"delay_days": 60, "texts": {"ja": {"subject": "【最終】特典は明日まで", "body": "最後のご案内です。"}}})
    edited["voucher_code"] = "TEA15"
    return edited


def test_a_funnel_round_trips_through_the_staff_api_created_edited_paused_resumed_deleted(marketer):
    call, installation, definition, tea, trial = marketer
    created = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))
    assert created["errors"] == []
    node = created["funnel"]
    assert (node["triggerProductId"], node["targetPlan"], node["offerPercentOff"], node["isActive"]) == (trial["id"], "regular", "10", True)
    assert [step["delayDays"] for step in node["steps"]] == [30, 37, 44]
    step2_ja = next(text for text in node["steps"][1]["texts"] if text["language"] == "ja")
    assert step2_ja == {"language": "ja", "subject": "【2通目】お試しセットはいかがでしたか", "body": "今なら定期便が毎回10%オフです。（2通目）"}

    updated = call(UPDATE, permissions=DISCOUNTS, id=node["id"], funnel=json.dumps(_edited(definition)))
    assert updated["errors"] == []
    (listed,) = call(LIST, permissions=DISCOUNTS)["funnels"]
    assert listed == updated["funnel"] and listed["voucherCode"] == "TEA15"
    assert [step["delayDays"] for step in listed["steps"]] == [30, 37, 44, 60]
    assert next(t for t in listed["steps"][1]["texts"] if t["language"] == "ja")["body"].endswith("（改訂版）")
    assert listed["figures"]["steps"] == [{"position": n, "sent": 0, "clicked": 0, "converted": 0, "conversionRate": 0.0}
                                          for n in (1, 2, 3, 4)]

    assert call(PAUSE, permissions=DISCOUNTS, id=node["id"]) == {"funnel": {"isActive": False}, "errors": []}
    assert Funnel.objects.get(pk=node["id"]).is_active is False
    assert call(RESUME, permissions=DISCOUNTS, id=node["id"]) == {"funnel": {"isActive": True}, "errors": []}
    assert call(DELETE, permissions=DISCOUNTS, id=node["id"]) == {"deleted": True, "errors": []}
    assert call(LIST, permissions=DISCOUNTS)["funnels"] == []
    assert list(installation.events.filter(type__startswith="funnel.").values_list("type", flat=True).order_by("id")) == [
        "funnel.created", "funnel.updated", "funnel.paused", "funnel.resumed", "funnel.deleted"]


def test_a_refused_edit_changes_nothing_and_names_the_field_in_the_staffs_language(marketer):
    call, installation, definition, tea, trial = marketer
    node = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))["funnel"]
    broken = _edited(definition)
    broken["steps"][1]["texts"]["ja"]["body"] = "ご案内\n{% if offer.voucher_code %}コード：{{ offer.voucher_code }}"
    refused = call(UPDATE, permissions=DISCOUNTS, accept_language="ja", id=node["id"], funnel=json.dumps(broken))
    (error,) = refused["errors"]
    assert (error["field"], error["code"], refused["funnel"]) == ("funnel.steps.1.texts.ja.body", "TEMPLATE", None)
    assert error["message"].startswith("この文面を表示できません（2行目）")
    too_many = {**definition, "steps": [{**STEPS[0], "delay_days": n} for n in range(11)]}
    refused = call(UPDATE, permissions=DISCOUNTS, accept_language="en", id=node["id"], funnel=json.dumps(too_many))
    assert [(e["field"], e["code"], e["message"]) for e in refused["errors"]] == [("funnel.steps", "TOO_MANY", "At most 10.")]
    (unchanged,) = call(LIST, permissions=DISCOUNTS)["funnels"]
    assert unchanged == node and installation.funnels.get().steps.count() == 3


def test_the_voucher_code_is_checked_with_saleor_and_a_bad_one_refused_beside_it_saving_nothing(marketer):
    call, installation, definition, *_ = marketer
    voucher_only = {**definition, "offer_percent_off": None}
    for code, error_code, language, words in (
            ("TEA1", "NOT_FOUND", "ja", "クーポンコード「TEA1」はSaleorにありません。"),  # a part of a code is no code
            ("SPRING", "EXPIRED", "en", "The voucher code 'SPRING' has expired."),
            ("DRAFT", "NOT_AVAILABLE", "zh-hant", "優惠碼「DRAFT」在任何通路都無法使用。")):
        refused = call(CREATE, permissions=DISCOUNTS, accept_language=language, funnel=json.dumps({**voucher_only, "voucher_code": code}))
        assert refused["funnel"] is None
        assert [(e["field"], e["code"], e["message"]) for e in refused["errors"]] == [("funnel.voucher_code", error_code, words)]
    assert not Funnel.objects.exists()
    saved = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps({**voucher_only, "voucher_code": "TEA15-B"}))
    assert saved["errors"] == [] and saved["funnel"]["voucherCode"] == "TEA15-B"
    assert Funnel.objects.get().voucher_code == "TEA15-B"
    expired = call(UPDATE, permissions=DISCOUNTS, id=saved["funnel"]["id"], funnel=json.dumps({**voucher_only, "voucher_code": "SPRING"}))
    assert [e["code"] for e in expired["errors"]] == ["EXPIRED"] and Funnel.objects.get().voucher_code == "TEA15-B"
    installation.permissions = [p for p in installation.permissions if p != "MANAGE_DISCOUNTS"]  # not granted on install
    installation.save()
    unchecked = call(UPDATE, permissions=DISCOUNTS, id=saved["funnel"]["id"], funnel=json.dumps({**voucher_only, "voucher_code": "TEA15"}))
    assert [e["code"] for e in unchecked["errors"]] == ["PERMISSION_MISSING"] and Funnel.objects.get().voucher_code == "TEA15-B"


def test_a_code_past_the_first_hundred_of_a_bulk_voucher_is_found(marketer, dashboard):  # noqa: F811
    """Saleor answers a voucher's codes 100 at a time: a campaign's 250 single-use codes are read on to the one given."""
    call, installation, definition, *_ = marketer
    standin = dashboard[1]  # the marketer's shop's stand-in
    standin.add_voucher(*[f"GIFT-{n:03d}" for n in range(250)], channels=("jp",), name="Gift codes")
    voucher_only = {**definition, "offer_percent_off": None}
    saved = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps({**voucher_only, "voucher_code": "GIFT-234"}))
    assert saved["errors"] == [] and Funnel.objects.get().voucher_code == "GIFT-234"
    refused = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps({**voucher_only, "name": "n2", "voucher_code": "GIFT-250"}))
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]


def test_the_preview_renders_the_step_being_typed_as_the_server_mails_it(marketer):
    call, installation, *_ = marketer
    ask = dict(permissions=DISCOUNTS, language="ja", subject="【2通目】{{ customer.name }}様へ", percent="15")
    before = call(PREVIEW, body="今なら毎回{{ offer.percent_off }}%オフ。", **ask)
    after = call(PREVIEW, body="今なら毎回{{ offer.percent_off }}%オフ。明日まで！", **ask)
    assert before["errors"] == [] and (before["subject"], before["language"]) == ("【2通目】山田 花子様へ", "ja")
    assert "今なら毎回15%オフ。\n" in before["text"] and "今なら毎回15%オフ。明日まで！" in after["text"]
    assert "<p>今なら毎回15%オフ。明日まで！</p>" in after["html"]
    assert "お茶の山田園" in after["text"] and "配信停止はこちら" in after["text"]  # the real layout: sender, opt-out
    english = call(PREVIEW, permissions=DISCOUNTS, language="en", subject="Hi {{ customer.name }}", body="Hello", voucher="TEA15")
    assert english["subject"] == "Hi Hanako Yamada" and "TEA15" in english["text"]
    broken = call(PREVIEW, body="一行目\n{{ customer.nmae }}", accept_language="en", **ask)
    (error,) = broken["errors"]
    assert (error["field"], error["code"], broken["text"]) == ("body", "TEMPLATE", None)
    assert error["message"].startswith("This text cannot be rendered (line 2): ") and "nmae" in error["message"]


def test_an_edited_funnel_sends_the_edited_mail_to_an_enrolled_customer(funnel, dashboard):  # noqa: F811
    standin, installation, saved, buy_trial, day = funnel
    call = dashboard[0]
    buy_trial()
    assert day(30) == ["【1通目】お試しセットはいかがでしたか"]
    definition = {"name": saved.name, "trigger_product_id": saved.trigger_product_id, "target_plan": "regular",
                  "target_variant_id": saved.target_variant_id, "offer_percent_off": "10", "steps": copy.deepcopy(STEPS)}
    definition["steps"][1] = {"delay_days": 40, "texts": {"ja": {
        "subject": "【2通目・改】{{ customer.name }}様", "body": "改訂した本文です。毎回{{ offer.percent_off }}%オフ。"}}}
    assert call(UPDATE, permissions=DISCOUNTS, id=str(saved.pk), funnel=json.dumps(definition))["errors"] == []
    assert Enrolment.objects.get().next_step_on == datetime.date(2027, 3, 12)  # 40 days after her purchase on 31 January
    assert len(day(39)) == 1  # step 2 now waits for day 40
    assert day(40)[-1].startswith("【2通目・改】")
    message = outbox.outbox[-1]
    assert "改訂した本文です。毎回10%オフ。" in message.body and "お試しセットはいかがでしたか" not in message.body
    assert (message.subject, message.to) == ("【2通目・改】山田 花子様", [USER["email"]])


def test_an_offer_link_mailed_before_the_discount_was_edited_away_says_the_offer_has_ended(funnel, dashboard, client):  # noqa: F811
    standin, installation, saved, buy_trial, day = funnel
    buy_trial()
    day(30)
    lines = outbox.outbox[0].body.splitlines()
    offer = lines[lines.index("特典を確認して申し込む") + 1].removeprefix("http://testserver")
    standin.add_voucher("TEA10", channels=("jp",))
    voucher_only = {"name": saved.name, "trigger_product_id": saved.trigger_product_id, "target_plan": "regular",
                    "target_variant_id": saved.target_variant_id, "voucher_code": "TEA10", "steps": STEPS}
    assert dashboard[0](UPDATE, permissions=DISCOUNTS, id=str(saved.pk), funnel=json.dumps(voucher_only))["errors"] == []
    page = client.get(offer)
    assert page.status_code == 409 and "この特典は終了しました" in page.content.decode()
    assert client.post(offer).status_code == 409 and not Enrolment.objects.get().subscription


def test_a_saved_step_is_test_sent_as_edited(marketer, django_capture_on_commit_callbacks):
    call, installation, definition, *_ = marketer
    node = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))["funnel"]
    call(UPDATE, permissions=DISCOUNTS, id=node["id"], funnel=json.dumps(_edited(definition)))
    with django_capture_on_commit_callbacks(execute=True):
        sent = call(TEST_SEND, permissions=DISCOUNTS, to="marketing@yamada-en.example.jp", language="ja", funnelId=node["id"],
                    position=2)
    assert sent == {"sent": True, "errors": []}
    (message,) = outbox.outbox
    assert message.to == ["marketing@yamada-en.example.jp"] and message.subject == "[TEST] 【2通目】お試しセットはいかがでしたか"
    assert "山田 花子様、今だけ10%オフ（改訂版）" in message.body and "TEA15" in message.body


def test_a_step_being_typed_is_test_sent_as_typed_and_the_saved_funnel_is_unchanged(marketer, django_capture_on_commit_callbacks):
    call, installation, definition, *_ = marketer
    node = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))["funnel"]
    draft = {"subject": "【2通目・下書き】{{ customer.name }}様へ", "body": "下書きの本文：毎回{{ offer.percent_off }}%オフ。",
             "offerPercentOff": "15", "voucherCode": "DRAFT15"}
    with django_capture_on_commit_callbacks(execute=True):
        sent = call(DRAFT_SEND, permissions=DISCOUNTS, to="marketing@yamada-en.example.jp", language="ja", draft=draft)
    assert sent == {"sent": True, "errors": []}
    (message,) = outbox.outbox
    assert message.to == ["marketing@yamada-en.example.jp"] and message.subject == "[TEST] 【2通目・下書き】山田 花子様へ"
    assert "下書きの本文：毎回15%オフ。" in message.body and "DRAFT15" in message.body and "お茶の山田園" in message.body
    (unchanged,) = call(LIST, permissions=DISCOUNTS)["funnels"]
    assert unchanged == node

    broken = call(DRAFT_SEND, permissions=DISCOUNTS, to="marketing@yamada-en.example.jp", language="en",
                  draft={**draft, "body": "{{ customer.nmae }}"}, accept_language="en")
    (error,) = broken["errors"]
    assert (broken["sent"], error["field"], error["code"]) == (False, "body", "TEMPLATE")
    bad_address = call(DRAFT_SEND, permissions=DISCOUNTS, to="not an address", language="ja", draft=draft)
    assert [(e["field"], e["code"]) for e in bad_address["errors"]] == [("to", "INVALID")]
    refused = call(DRAFT_SEND, permissions=("MANAGE_CHANNELS",), to="marketing@yamada-en.example.jp", language="ja", draft=draft)
    assert [e["code"] for e in refused["errors"]] == ["PERMISSION_DENIED"] and len(outbox.outbox) == 1


@pytest.mark.parametrize("permissions", [("MANAGE_PRODUCTS",), ("MANAGE_ORDERS", "MANAGE_CHANNELS")])
def test_staff_without_manage_discounts_are_refused_and_nothing_changes(marketer, permissions):
    call, installation, definition, *_ = marketer
    node = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))["funnel"]
    edited = json.dumps(_edited(definition))
    answers = [call(LIST, permissions=permissions), call(CREATE, permissions=permissions, funnel=edited),
               call(UPDATE, permissions=permissions, id=node["id"], funnel=edited),
               call(PAUSE, permissions=permissions, id=node["id"]), call(DELETE, permissions=permissions, id=node["id"]),
               call(PREVIEW, permissions=permissions, language="ja", subject="s", body="b"),
               call(PRODUCTS, permissions=permissions, search="tea")]
    assert all([e["code"] for e in answer["errors"]] == ["PERMISSION_DENIED"] for answer in answers), answers
    (unchanged,) = call(LIST, permissions=DISCOUNTS)["funnels"]
    assert unchanged == node


def test_another_shops_staff_neither_see_nor_touch_this_shops_funnels(marketer, other_shop, client):  # noqa: F811
    call, installation, definition, *_ = marketer
    node = call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))["funnel"]
    app = next(iter(other_shop.apps.values()))
    token = other_shop.key.token(other_shop.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjox",
                                 email="intruder@example.jp", permissions=list(DISCOUNTS))

    def ask(query, **variables):
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": other_shop.api_url, "Authorization-Bearer": token})
        return next(iter(response.json()["data"].values()))

    assert ask(LIST)["funnels"] == []
    for query, variables in [(UPDATE, {"funnel": json.dumps(_edited(definition))}), (PAUSE, {}), (DELETE, {})]:
        assert [e["code"] for e in ask(query, id=node["id"], **variables)["errors"]] == ["NOT_FOUND"], query
    (unchanged,) = call(LIST, permissions=DISCOUNTS)["funnels"]
    assert unchanged == node
    assert not Event.objects.filter(actor_id="VXNlcjox").exists()


def test_the_product_pickers_list_saleors_products_with_the_plans_a_funnel_can_offer(marketer):
    call, installation, definition, tea, trial = marketer
    create_plan(installation, product_id=tea["id"], code="trial-monthly",
                terms={**REGULAR, "trial": {"kind": "price", "price": {"amounts": {"JPY": "980"}}}})
    found = call(PRODUCTS, permissions=DISCOUNTS, search="tea")
    assert found["errors"] == []
    (product,) = found["products"]
    assert (product["name"], [plan["code"] for plan in product["plans"]]) == ("Green tea", ["regular"])  # no trial offered
    assert product["variants"] == [{"id": tea["variants"][0]["id"], "name": "100 g", "subscribable": True}]
    (named,) = call(PRODUCTS, permissions=DISCOUNTS, ids=[trial["id"]])["products"]
    assert (named["name"], named["plans"], named["variants"][0]["subscribable"]) == ("Trial set", [], False)


@pytest.mark.parametrize("body", ["{{ 'x' * 100000000 }}", "{{ ''|center(999999999) }}", "{% for n in range(9) %}{% endfor %}",
                                  "{{ customer.__class__.__mro__ }}", "{{ 9 ** 99999 }}"])
def test_a_steps_text_cannot_build_huge_strings_loop_or_reach_python(marketer, body):
    call, *_ = marketer
    refused = call(PREVIEW, permissions=DISCOUNTS, language="ja", subject="件名", body=body, percent="10")
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("body", "TEMPLATE")] and refused["text"] is None


def test_the_figures_are_counted_by_the_database_in_as_many_queries_for_one_funnel_as_for_three(marketer):
    call, installation, definition, *_ = marketer

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert call(LIST, permissions=DISCOUNTS)["errors"] == []
        return len(captured)

    call(CREATE, permissions=DISCOUNTS, funnel=json.dumps(definition))
    one = queries()
    for n in (2, 3):
        call(CREATE, permissions=DISCOUNTS, funnel=json.dumps({**definition, "name": f"Funnel {n}"}))
    assert queries() == one
