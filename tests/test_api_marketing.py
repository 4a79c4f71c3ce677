"""Staff mail previews, test sends and funnels over our GraphQL API (Dashboard token + permission)."""

import json

import pytest
from django.core import mail as outbox

from saleor_subscriptions.plans.actions import create_plan

from .test_api_staff import dashboard  # noqa: F401  (fixture)
from .test_funnels import REGULAR, STEPS

pytestmark = pytest.mark.django_db
PREVIEW = """query P($kind: String, $language: String!, $funnelId: ID, $position: Int) {
  mailPreview(kind: $kind, language: $language, funnelId: $funnelId, position: $position) {
    subject text language errors { field code message } } }"""
SEND = """mutation S($to: String!, $kind: String, $language: String!) {
  mailTestSend(to: $to, kind: $kind, language: $language) { sent errors { field code } } }"""
CREATE = """mutation C($funnel: JSONString!) {
  funnelCreate(funnel: $funnel) { funnel { id name } errors { field code message } } }"""
FUNNELS = """query { funnels { funnels { name figures { enrolled } } errors { code } } }"""


def test_staff_preview_and_test_send_any_mail_in_any_language(dashboard, django_capture_on_commit_callbacks):  # noqa: F811
    call, standin, app, installation = dashboard
    preview = call(PREVIEW, permissions=("MANAGE_CHANNELS",), kind="payment_failed", language="zh-hant")
    assert (preview["language"], preview["subject"], preview["errors"]) == ("zh-hant", "重要：定期訂購扣款失敗", [])
    assert call(PREVIEW, permissions=("MANAGE_CHANNELS",), kind="nope", language="ja")["errors"][0]["code"] == "NOT_FOUND"
    assert call(PREVIEW, permissions=("MANAGE_PRODUCTS",), kind="started", language="ja")["errors"][0]["code"] == "PERMISSION_DENIED"
    with django_capture_on_commit_callbacks(execute=True):
        sent = call(SEND, permissions=("MANAGE_CHANNELS",), to="staff@yamada-en.example.jp", kind="renewal_placed", language="ja")
    assert sent == {"sent": True, "errors": []}
    (message,) = outbox.outbox
    assert message.to == ["staff@yamada-en.example.jp"] and message.subject.startswith("[TEST] 【定期便】3回目のご注文")
    refused = call(SEND, permissions=("MANAGE_CHANNELS",), to="not an address", kind="started", language="ja")
    assert refused["errors"] == [{"field": "to", "code": "INVALID"}]


def test_staff_create_a_funnel_preview_its_steps_and_read_its_figures(dashboard):  # noqa: F811
    call, standin, app, installation = dashboard
    tea = standin.add_product("Green tea", variants=[("100 g", {})])
    create_plan(installation, product_id=tea["id"], code="regular", terms=REGULAR)
    funnel = {"name": "Trial → monthly", "trigger_product_id": "UHJvZHVjdDo5", "target_plan": "regular",
              "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10", "steps": STEPS}
    refused = call(CREATE, permissions=("MANAGE_DISCOUNTS",), funnel=json.dumps(funnel))
    assert refused["errors"][0]["field"] == "funnel.senderName" and refused["funnel"] is None
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    created = call(CREATE, permissions=("MANAGE_DISCOUNTS",), funnel=json.dumps(funnel))["funnel"]
    preview = call(PREVIEW, permissions=("MANAGE_DISCOUNTS",), funnelId=created["id"], position=2, language="ja")
    assert preview["subject"] == "【2通目】お試しセットはいかがでしたか" and "配信停止はこちら" in preview["text"]
    (listed,) = call(FUNNELS, permissions=("MANAGE_DISCOUNTS",))["funnels"]
    assert listed == {"name": "Trial → monthly", "figures": {"enrolled": 0}}


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"trigger_product_id": "x" * 256}, "funnel.trigger_product_id", "TOO_LONG"),
    ({"voucher_code": "V" * 256}, "funnel.voucher_code", "TOO_LONG"),
    ({"steps": [{**STEPS[0], "texts": {"ja": {"subject": "件名\nBcc: victim@example.jp", "body": "本文"}}}]},
     "funnel.steps.0.texts.ja.subject", "INVALID"),
])
def test_funnel_text_a_column_or_a_mail_header_cannot_hold_is_a_coded_error(dashboard, change, field, code):  # noqa: F811
    call, standin, app, installation = dashboard
    tea = standin.add_product("Green tea", variants=[("100 g", {})])
    create_plan(installation, product_id=tea["id"], code="regular", terms=REGULAR)
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    funnel = {"name": "Trial → monthly", "trigger_product_id": "UHJvZHVjdDo5", "target_plan": "regular",
              "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10", "steps": STEPS, **change}
    result = call(CREATE, permissions=("MANAGE_DISCOUNTS",), funnel=json.dumps(funnel))
    assert result["funnel"] is None and [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert not installation.funnels.exists()


@pytest.mark.parametrize("funnel_id", ["", "0", "abc", "9" * 40])
def test_a_funnel_id_that_names_no_funnel_is_not_found(dashboard, funnel_id):  # noqa: F811
    call, *_ = dashboard
    result = call(PREVIEW, permissions=("MANAGE_DISCOUNTS",), funnelId=funnel_id, position=1, language="ja")
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"]
