"""The Dashboard's customer and order pages with the app's widgets, in headless Chromium: Hanako's subscription."""

from urllib.parse import quote

from playwright.sync_api import expect

from ..conftest import USER


def medium_date(day) -> str:
    """A date as the widgets write it in English (Intl's medium style): "Feb 28, 2027"."""
    return f"{day:%b} {day.day}, {day.year}"


def test_the_customer_widget_lists_her_subscription_and_links_to_it(dashboard, saleor, hanako):
    view = dashboard.open("/widgets/customer", query=f"customerId={quote(USER['id'])}")
    link = view.app.get_by_role("link", name=hanako.plan.code)
    item = view.app.get_by_role("listitem").filter(has=link)
    assert hanako.status == "active"
    expect(item).to_contain_text("Active")
    expect(item).to_contain_text(f"Next delivery {medium_date(hanako.next_renewal_on)}")
    view.screenshot("widget-customer")

    link.click()
    redirect = view.wait_for_action("redirect")
    assert redirect["to"] == f"/extensions/app/{quote(saleor.app.id, safe='')}/subscriptions/{hanako.id}"


def test_a_new_subscription_for_the_customer_opens_the_phone_order_page_for_her(dashboard, saleor, hanako):
    saleor.add_customer(USER["email"], "花子", "山田", phone="+81312345678", id=USER["id"])
    view = dashboard.open("/widgets/customer", query=f"customerId={quote(USER['id'])}")
    view.app.get_by_role("button", name="New subscription for this customer").click()
    redirect = view.wait_for_action("redirect")
    prefix = f"/extensions/app/{quote(saleor.app.id, safe='')}"
    assert redirect["to"] == f"{prefix}/phone-order?customerId={quote(USER['id'], safe='')}"

    # the Dashboard opens that app page: the order is for her, no new customer asked for
    path, query = redirect["to"].removeprefix(prefix).split("?")
    order = dashboard.open(path, query=query)
    expect(order.app.get_by_test_id("chosen-customer")).to_contain_text("山田 花子 — hanako@example.jp +81312345678")
    expect(order.app.get_by_label("Postal code", exact=True)).to_have_value("100-0005")  # her address, to confirm
    expect(order.app.get_by_label("E-mail", exact=True)).to_have_count(0)  # no new customer asked for
    order.screenshot("phone-order-for-customer")


def test_the_order_widget_says_which_subscription_cycle_and_status(dashboard, hanako):
    view = dashboard.open("/widgets/order", query=f"orderId={quote(hanako.origin_order_id)}")
    expect(view.app.get_by_role("link", name=hanako.plan.code)).to_be_visible()
    expect(view.app.get_by_text("First order of the subscription")).to_be_visible()
    expect(view.app.get_by_text("Active", exact=True)).to_be_visible()
    view.screenshot("widget-order")

    unrelated = dashboard.open("/widgets/order", query="orderId=T3JkZXI6OTk5")
    expect(unrelated.app.get_by_text("This order is not part of a subscription.")).to_be_visible()
