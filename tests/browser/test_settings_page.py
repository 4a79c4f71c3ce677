"""The shop settings page in the Dashboard harness, in headless Chromium: edit, close a day, save, reload, refusal."""

from playwright.sync_api import expect

from saleor_subscriptions.installations.models import ClosedDay

from .test_phone_order import choose


def _next_month_15th(view):
    """The 15th of next month on the calendar: always ahead of today, whatever day the test runs."""
    view.app.get_by_role("button", name="Next month").click()
    day = view.app.locator('[data-date$="-15"]')
    return day, day.get_attribute("data-date")


def test_a_merchant_edits_a_setting_closes_a_day_saves_and_finds_both_after_reloading(dashboard, saleor):
    view = dashboard.open("/settings")
    expect(view.app.get_by_role("heading", level=1)).to_have_text("Subscription settings")
    view.app.get_by_label("Shop name").fill("Green Tea Honpo")
    view.app.get_by_label("Remind customers this many days before a renewal (0: no reminder)").fill("5")
    day, date = _next_month_15th(view)
    expect(day).to_have_attribute("aria-pressed", "false")
    day.click()
    expect(day).to_have_attribute("aria-pressed", "true")
    view.screenshot("settings-edited")

    view.app.get_by_role("button", name="Save").click()
    expect(view.app.get_by_role("status")).to_have_text("Settings saved.")

    saleor.installation.refresh_from_db()
    assert (saleor.installation.sender_name, saleor.installation.reminder_days) == ("Green Tea Honpo", 5)
    assert [str(day) for day in ClosedDay.objects.values_list("date", flat=True)] == [date]

    view = dashboard.open("/settings")
    expect(view.app.get_by_label("Shop name")).to_have_value("Green Tea Honpo")
    day, again = _next_month_15th(view)
    assert again == date
    expect(day).to_have_attribute("aria-pressed", "true")
    assert dashboard.page.errors == []
    view.screenshot("settings")


def test_a_refused_value_shows_beside_its_field_in_japanese(dashboard, saleor):
    view = dashboard.open("/settings", locale="ja")
    view.app.get_by_label("タイムゾーン（例: Asia/Tokyo）").fill("Mars/Olympus")
    view.app.get_by_role("button", name="保存").click()
    expect(view.app.get_by_role("alert")).to_have_text("保存できませんでした。下の印の付いた項目を直してください。")
    expect(view.app.get_by_text("タイムゾーン Mars/Olympus は存在しません。Asia/Tokyo のような名前で指定してください。")).to_be_visible()
    saleor.installation.refresh_from_db()
    assert saleor.installation.time_zone != "Mars/Olympus"
    view.screenshot("settings-refused-field-ja")


def test_a_channels_payment_methods_are_set_for_a_channel_picked_among_saleors(dashboard, saleor):
    saleor.add_channel("jp", "JPY", name="日本")
    saleor.add_channel("us", "USD", name="United States")
    view = dashboard.open("/settings")
    view.app.get_by_role("button", name="Add a channel").click()
    expect(view.app.get_by_role("combobox", name="Channel")).to_contain_text("日本 (JPY)")
    choose(view, "Channel", "United States (USD)")
    view.app.get_by_role("checkbox", name="Konbini").click()
    view.app.get_by_role("button", name="Save").click()
    expect(view.app.get_by_role("status")).to_have_text("Settings saved.")
    saleor.installation.refresh_from_db()
    assert saleor.installation.payment_methods == {"us": ["card", "konbini"]}
    view.screenshot("settings-payment-methods-channel")


def test_the_settings_tab_opens_from_the_apps_page(dashboard, saleor):
    view = dashboard.open()
    view.app.get_by_role("link", name="Settings").click()
    expect(view.app.get_by_role("heading", level=1)).to_have_text("Subscription settings")
    assert view.frame.url.split("?")[0].endswith("/dashboard/settings")


def test_staff_without_manage_channels_are_told_which_permission_they_need(dashboard, saleor):
    view = dashboard.open("/settings", permissions=["MANAGE_ORDERS"])
    alert = view.app.get_by_role("alert")
    expect(alert).to_contain_text("Your account may not see this")
    expect(alert).to_contain_text("“Manage channels” permission")
    expect(view.app.get_by_label("Shop name")).to_have_count(0)
    view.screenshot("settings-refused")
