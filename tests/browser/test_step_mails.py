"""Discounts → Step mails in the Dashboard harness, in headless Chromium: a marketer builds a funnel, edits the ja
body of step 2 and sees the server's preview change, reads the figures, pauses it; staff without the permission are refused."""

import datetime
import re

from django.core import mail as outbox
from playwright.sync_api import expect

from saleor_subscriptions.funnels import actions
from saleor_subscriptions.funnels.models import Enrolment, Funnel, FunnelSend
from saleor_subscriptions.plans.actions import create_plan

from ..test_funnels import REGULAR, STEPS

TRIGGER, TARGET = "Product bought one-time (enrols the buyer)", "Subscription offered"


def _shop(saleor):
    """The sender's identity (required for marketing mail), a trial set, and a tea with a plan without a trial."""
    installation = saleor.installation
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    saleor.add_channel("jp", "JPY")
    trial = saleor.add_product("Trial set", variants=[("3 bags", {})])
    tea = saleor.add_product("Green tea", variants=[("100 g", {})])
    create_plan(installation, product_id=tea["id"], code="regular", terms=REGULAR)
    return trial, tea


def _pick(app, picker, search, product, find="Find a product by name", chosen="Chosen: "):
    group = app.get_by_role("group", name=picker)
    group.get_by_label(re.compile(f"^{find}")).fill(search)
    group.get_by_role("button", name=product).click()
    expect(group.get_by_test_id("chosen-product")).to_have_text(f"{chosen}{product}")


def _write(step, subject, body):
    step.get_by_role("textbox", name="Subject", exact=True).fill(subject)
    step.get_by_role("textbox", name="Body", exact=True).fill(body)


def test_a_marketer_creates_a_funnel_edits_the_ja_body_of_step_2_and_sees_the_preview_change(dashboard, saleor):
    trial, tea = _shop(saleor)
    view = dashboard.open("/step-mails")
    app = view.app
    app.get_by_role("button", name="New funnel").click()
    app.get_by_label("Funnel name", exact=True).fill("Trial set → monthly")
    _pick(app, TRIGGER, "Trial", "Trial set")
    _pick(app, TARGET, "Green", "Green tea")
    expect(app.get_by_role("combobox", name="Plan")).to_contain_text("毎月お届け定期便 (regular)")  # in the shop's language
    app.get_by_label("Percent off every delivery (by the mail's link)").fill("10")
    step1 = app.get_by_role("region", name="Step 1", exact=True)
    _write(step1, "【1通目】お試しセットはいかがでしたか", "{{ customer.name }}様、お試しセットはいかがでしたか。")
    app.get_by_role("button", name="Add a step").click()
    step2 = app.get_by_role("region", name="Step 2", exact=True)
    expect(step2.get_by_label("Days after the purchase")).to_have_value("37")
    _write(step2, "【2通目】定期便が毎回{{ offer.percent_off }}%オフ", "今なら定期便が毎回{{ offer.percent_off }}%オフです。")
    preview = step2.get_by_role("region", name=re.compile("^Preview: step 2 in 日本語"))
    expect(preview.get_by_test_id("preview-subject")).to_have_text("【2通目】定期便が毎回10%オフ")
    expect(preview.get_by_test_id("preview-text")).to_contain_text("今なら定期便が毎回10%オフです。")
    expect(preview.get_by_test_id("preview-text")).to_contain_text("お茶の山田園")  # the real layout: the sender, by law
    app.get_by_role("button", name="Save", exact=True).click()

    expect(app.get_by_role("heading", name="Edit “Trial set → monthly”")).to_be_visible()
    funnel = Funnel.objects.get(installation=saleor.installation)
    assert (funnel.trigger_product_id, funnel.target_variant_id, funnel.target_plan.code) == (
        trial["id"], tea["variants"][0]["id"], "regular")
    assert [step.delay_days for step in funnel.steps.all()] == [30, 37]
    step2 = app.get_by_role("region", name="Step 2", exact=True)
    preview = step2.get_by_role("region", name=re.compile("^Preview: step 2 in 日本語"))
    expect(preview.get_by_test_id("preview-text")).to_contain_text("今なら定期便が毎回10%オフです。")
    view.screenshot("step-mails-editor-before")

    step2.get_by_role("textbox", name="Body", exact=True).fill("{{ customer.name }}様、今週末まで毎回{{ offer.percent_off }}%オフでお届けします。")
    expect(preview.get_by_test_id("preview-text")).to_contain_text("山田 花子様、今週末まで毎回10%オフでお届けします。")
    expect(preview.get_by_test_id("preview-text")).not_to_contain_text("今なら定期便")
    view.screenshot("step-mails-editor-preview-changed")

    step2.get_by_role("textbox", name="Body", exact=True).fill("{{ customer.nmae }}様")  # a typo: the server's error and its line
    expect(preview.get_by_test_id("preview-error")).to_contain_text("This text cannot be rendered (line 1)")
    typed = "今週末まで毎回{{ offer.percent_off }}%オフでお届けします。"
    step2.get_by_role("textbox", name="Body", exact=True).fill(typed)
    step2.get_by_label("Send this step, as typed, to").fill("marketing@yamada-en.example.jp")  # before saving it
    step2.get_by_role("button", name="Send a test").click()
    expect(step2.get_by_role("status")).to_have_text("Test sent to marketing@yamada-en.example.jp.")
    (message,) = outbox.outbox
    assert message.subject == "[TEST] 【2通目】定期便が毎回10%オフ" and "今週末まで毎回10%オフでお届けします。" in message.body
    assert funnel.steps.get(position=2).texts["ja"]["body"] != typed  # the test send saved nothing

    app.get_by_role("button", name="Save", exact=True).click()
    expect(app.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    assert funnel.steps.get(position=2).texts["ja"]["body"] == typed
    assert not view.page.errors


def test_a_broken_step_is_refused_beside_its_field_and_nothing_is_saved(dashboard, saleor):
    _shop(saleor)
    view = dashboard.open("/step-mails/new", locale="ja")
    app = view.app
    app.get_by_role("button", name="保存", exact=True).click()  # nothing filled in: the page's own checks, in Japanese
    expect(app.get_by_text("必須項目です。").first).to_be_visible()
    app.get_by_label("ファネル名", exact=True).fill("壊れたファネル")
    _pick(app, "購入で登録される商品（単品購入）", "Trial", "Trial set", "商品名で検索", "選択中：")
    _pick(app, "おすすめする定期便", "Green", "Green tea", "商品名で検索", "選択中：")
    app.get_by_label("クーポンコード（メールに記載）").fill("TEA10")
    step1 = app.get_by_role("region", name="ステップ1", exact=True)
    step1.get_by_role("textbox", name="件名", exact=True).fill("ご案内")
    step1.get_by_role("textbox", name="本文", exact=True).fill("一行目\n{% if offer.voucher_code %}コード：{{ offer.voucher_code }}")
    app.get_by_role("button", name="保存", exact=True).click()
    expect(step1.get_by_text(re.compile(r"^この文面を表示できません（2行目）"))).to_be_visible()  # the server's, beside the body
    view.screenshot("step-mails-refused")
    assert not Funnel.objects.exists()


def test_the_list_shows_each_funnels_figures_and_a_marketer_pauses_one(dashboard, saleor):
    trial, tea = _shop(saleor)
    funnel = actions.create_funnel(saleor.installation, {
        "name": "Trial set → monthly", "trigger_product_id": trial["id"], "target_plan": "regular",
        "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10", "steps": STEPS})
    bought = datetime.date(2027, 1, 31)
    statuses = ["converted", "unsubscribed", "active", "active"]
    for number, status in enumerate(statuses):
        enrolment = Enrolment.objects.create(
            funnel=funnel, customer_id=f"VXNlcjo{number}", email=f"buyer{number}@example.jp", language="ja", order_id=f"O{number}",
            channel_id="Q2hhbm5lbDox", channel_slug="jp", currency="JPY", purchased_on=bought, status=status, steps_sent=1,
            converted_step=1 if status == "converted" else None)
        FunnelSend.objects.create(enrolment=enrolment, position=1)
    FunnelSend.objects.filter(enrolment__status="converted").update(clicked_at=datetime.datetime(2027, 3, 3, tzinfo=datetime.UTC))
    view = dashboard.open("/step-mails")
    app = view.app
    totals = app.get_by_test_id("funnel-totals")
    expect(totals).to_contain_text("Enrolled4")
    expect(totals).to_contain_text("Converted1")
    expect(totals).to_contain_text("Unsubscribed1")
    expect(totals).to_contain_text("Conversion rate25%")
    expect(app.get_by_role("row", name=re.compile(r"^Step 1 \(\+30 d\) 4 1 1 25%"))).to_be_visible()
    expect(app.get_by_role("img", name="Sent, clicked and converted per step").locator(".recharts-bar")).to_have_count(3)
    view.screenshot("step-mails-list")
    app.get_by_role("button", name="Pause").click()
    expect(app.get_by_text("Paused", exact=True)).to_be_visible()
    funnel.refresh_from_db()
    assert funnel.is_active is False


def test_staff_without_manage_discounts_see_a_clear_refusal(dashboard, saleor):
    _shop(saleor)
    view = dashboard.open("/step-mails", permissions=["MANAGE_ORDERS", "MANAGE_PRODUCTS"])
    expect(view.app.get_by_role("alert")).to_contain_text(
        "This page needs the “Manage discounts” permission. Ask your Saleor administrator")
    expect(view.app.get_by_role("button", name="New funnel")).to_have_count(0)
    view.screenshot("step-mails-refused-permission")
