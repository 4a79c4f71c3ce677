"""The Mail templates tab in the Dashboard harness, in headless Chromium: edit the ja subject and watch the server's
preview follow, save, a broken template refused beside its field with the line, and the tab among the app's tabs."""

from playwright.sync_api import expect

from saleor_subscriptions.mail import previews
from saleor_subscriptions.mail.models import MailTemplateVersion

DEFAULT_SUBJECT = "【定期便】3回目のご注文を承りました（注文番号 1234）"


def test_a_merchant_edits_the_japanese_subject_sees_the_preview_change_and_saves(dashboard, saleor):
    view = dashboard.open("/mail-templates", locale="ja")
    preview = view.app.get_by_test_id("preview-subject")
    expect(preview).to_have_text(DEFAULT_SUBJECT)  # renewal_placed in Japanese, for the sample customer
    view.app.get_by_label("件名").fill("{{ customer.name }} 様、{{ renewal.cycle }}回目のお届けを準備しています")
    expect(preview).to_have_text("山田 花子 様、3回目のお届けを準備しています")  # rendered by the server
    view.screenshot("mail-templates-preview-ja")

    view.app.get_by_role("button", name="保存").click()
    expect(view.app.get_by_role("status")).to_have_text("バージョン1として保存しました。次のメールから使われます。")
    expect(view.app.get_by_test_id("versions")).to_contain_text("operator@example.jp")
    saleor.installation.refresh_from_db()
    assert previews.preview(saleor.installation, "renewal_placed", "ja").subject == "山田 花子 様、3回目のお届けを準備しています"
    view.screenshot("mail-templates")

    view.app.get_by_role("button", name="既定に戻す").click()
    expect(preview).to_have_text(DEFAULT_SUBJECT)
    saleor.installation.refresh_from_db()
    assert previews.preview(saleor.installation, "renewal_placed", "ja").subject == DEFAULT_SUBJECT
    assert dashboard.page.errors == []


def test_a_template_that_cannot_render_is_refused_beside_its_field_with_the_line(dashboard, saleor):
    view = dashboard.open("/mail-templates", locale="ja")
    text = view.app.get_by_label("テキスト")
    text.fill("{{ customer.name }} 様\n\n{% if renewal.cycle > 1 %}\nまたのご利用ありがとうございます")
    view.app.get_by_role("button", name="保存").click()
    expect(view.app.get_by_role("alert")).to_have_text("保存できませんでした。下の印の付いた項目を直してください。")
    expect(view.app.get_by_test_id("field-text")).to_contain_text("3行目：テンプレートを読み取れません")  # beside its field
    expect(view.app.get_by_test_id("preview-refused")).to_contain_text("3行目")  # the live preview says so too
    assert not MailTemplateVersion.objects.exists()
    view.screenshot("mail-templates-refused-ja")


def test_the_mail_templates_tab_opens_from_the_settings_page(dashboard, saleor):
    view = dashboard.open("/settings")
    view.app.get_by_role("link", name="Mail templates").click()
    expect(view.app.get_by_test_id("preview-subject")).to_have_text("Your delivery no. 3 is on its way to being prepared (order #1234)")
    assert view.frame.url.split("?")[0].endswith("/dashboard/mail-templates")


def test_staff_without_manage_channels_are_told_which_permission_they_need(dashboard, saleor):
    view = dashboard.open("/mail-templates", permissions=["MANAGE_ORDERS"])
    expect(view.app.get_by_role("alert")).to_contain_text("“Manage channels” permission")
    expect(view.app.get_by_label("Subject")).to_have_count(0)
