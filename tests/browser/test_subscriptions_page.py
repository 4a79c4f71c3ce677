"""The Subscriptions page (the operators' list) in the Dashboard harness, in headless Chromium:
framing, theme, language, permissions and App Bridge actions, as staff see them."""

from urllib.parse import quote

from playwright.sync_api import expect

from ..conftest import USER

HANAKO = "花子 山田"  # her row's link: the name from her address, as English writes it; her e-mail below
from ..saleor_standin.transport import serve
from .harness import SaleorWithDashboard


# How light an element's background is, 0 (black) to 255 (white).
LUMINANCE = """element => {
    const [r, g, b] = getComputedStyle(element).backgroundColor.match(/\\d+/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


def luminance(locator) -> float:
    return locator.evaluate(LUMINANCE)


def test_the_page_shows_in_the_dashboards_cross_origin_iframe_at_app_url_without_its_slash(dashboard, saleor, hanako):
    view = dashboard.open()

    assert view.src.startswith(f"{saleor.manifest['appUrl'].rstrip('/')}?domain=")
    assert "saleorApiUrl=" in view.src and "id=" in view.src and "theme=light" in view.src
    expect(view.app.get_by_role("heading", level=1)).to_have_text("Subscriptions")
    expect(view.app.get_by_role("link", name=HANAKO)).to_be_visible()
    assert [action["type"] for action in dashboard.page.evaluate("window.dashboard.actions")] == ["notifyReady"]
    assert dashboard.page.errors == []
    view.screenshot("subscriptions")


def test_a_dashboard_the_app_does_not_know_cannot_frame_it(dashboard, saleor, hanako):
    with serve(SaleorWithDashboard) as elsewhere:  # another origin, neither configured nor an installed Saleor
        view = dashboard.open(harness=elsewhere, ready=False)
        dashboard.page.wait_for_function("window.dashboard.loads > 0")
    assert view.frame.url.startswith("chrome-error://")  # the browser refused the frame
    assert view.actions() == []


def test_dark_theme_from_the_dashboard_switches_the_page(dashboard, hanako):
    view = dashboard.open("/subscriptions")
    expect(view.app.get_by_role("link", name=HANAKO)).to_be_visible()
    assert luminance(view.app.locator("body")) > 200

    view.send("theme", {"theme": "dark"})

    view.frame.wait_for_function(f"({LUMINANCE})(document.body) < 60")
    view.screenshot("subscriptions-dark")


def test_opened_dark_the_page_is_dark_at_once(dashboard, hanako):
    view = dashboard.open(theme="dark")
    expect(view.app.get_by_role("link", name=HANAKO)).to_be_visible()
    assert luminance(view.app.locator("body")) < 60


def test_the_japanese_dashboard_gets_the_page_in_japanese(dashboard, hanako):
    view = dashboard.open("/subscriptions", locale="ja")

    expect(view.app.get_by_role("heading", level=1)).to_have_text("定期購入")
    expect(view.app.get_by_role("columnheader", name="次回お届け日")).to_be_visible()
    expect(view.app.get_by_text("継続中")).to_be_visible()
    view.screenshot("subscriptions-ja")

    view.send("localeChanged", {"locale": "zh-Hant"})
    expect(view.app.get_by_role("heading", level=1)).to_have_text("訂閱")


def test_staff_without_manage_orders_are_told_which_permission_they_need(dashboard, hanako):
    view = dashboard.open("/subscriptions", permissions=["MANAGE_PRODUCTS"])

    alert = view.app.get_by_role("alert")
    expect(alert).to_contain_text("Your account may not see this")
    expect(alert).to_contain_text("“Manage orders” permission")
    expect(view.app.get_by_role("link", name=HANAKO)).to_have_count(0)
    view.screenshot("subscriptions-refused")


def test_a_subscription_opens_in_place_and_its_customer_in_the_dashboard_through_app_bridge(dashboard, hanako):
    view = dashboard.open("/subscriptions")

    view.app.get_by_role("link", name=HANAKO).click()
    expect(view.app.get_by_role("heading", level=1)).to_contain_text("Monthly delivery")  # the plan by its name, not its code
    assert view.frame.url.split("?")[0].endswith(f"/dashboard/subscriptions/{hanako.id}")
    view.app.get_by_role("link", name="Open the customer in Saleor").click()

    action = view.wait_for_action("redirect")
    assert action["to"] == f"/customers/{quote(USER['id'], safe='')}"
    expect(view.app.get_by_role("heading", level=1)).to_be_visible()  # the Dashboard navigates, not the iframe
