"""Phone/FAX order entry in the Dashboard harness, in headless Chromium: an operator on the phone with a new customer."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from saleor_subscriptions.subscriptions.models import Subscription

NEW_CUSTOMER = {"E-mail": "taro@example.jp", "Phone": "+81311112222", "Last name": "鈴木", "First name": "太郎",
                "Last name (kana)": "スズキ", "First name (kana)": "タロウ"}
ADDRESS = {"Postal code": "100-0005", "Prefecture / state": "東京都", "City": "千代田区", "Street": "丸の内1-1"}


def choose(view, combobox: str, option):
    """Pick an option of a macaw-ui select as an operator does: the list opens where it can be seen and
    clicked, inside the iframe, even for a field at the iframe's bottom edge."""
    app = view.app
    field = app.get_by_role("combobox", name=combobox)
    # the field at the iframe's bottom edge (where Playwright's own scrolling had left the shipping method)
    field.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 2)")
    field.click()
    listed = app.get_by_role("option", name=option)
    box, iframe = listed.bounding_box(), view.page.locator("iframe#app").bounding_box()
    assert iframe["y"] <= box["y"] and box["y"] + box["height"] <= iframe["y"] + iframe["height"], (box, iframe)
    listed.click()
    expect(field).to_contain_text(option)


def test_a_phone_order_for_a_new_customer_with_a_yen_trial_plan_and_cash_on_delivery(dashboard, saleor, jp_shop):
    channel, tea = jp_shop
    view = dashboard.open("/phone-order")
    app = view.app
    expect(app.get_by_role("combobox", name="Channel")).to_contain_text("JP (JPY)")  # Saleor's only channel
    for label, value in {**NEW_CUSTOMER, **ADDRESS}.items():  # kana asked for: the channel sells in yen
        app.get_by_label(label, exact=True).fill(value)
    choose(view, "Product", "Green tea 100 g")
    choose(view, "Plan", "毎月お届け定期便")  # in the customer's language (日本語 unless chosen)
    choose(view, "Shipping method", "Yamato ￥500")  # prices in the customer's language: ja writes ￥
    expect(app.get_by_role("combobox", name="Payment")).to_contain_text("Cash on delivery")

    expect(app.get_by_text("Subtotal ￥980 · Shipping method ￥500 · Total ￥1,480")).to_be_visible()
    expect(app.get_by_text("This order: ￥980 × 1 = ￥980 · Then each: ￥6,000")).to_be_visible()
    expect(app.get_by_text("お支払い方法・時期：代金引換", exact=False)).to_be_visible()  # the statements, read out
    view.screenshot("phone-order")
    app.get_by_role("button", name="Place the order").click()

    expect(app.get_by_text(re.compile(r"Order #\d+ placed; subscription #\d+ started\."))).to_be_visible()
    (customer,) = saleor.users.values()
    assert (customer["email"], customer["firstName"], customer["lastName"]) == ("taro@example.jp", "太郎", "鈴木")
    (order,) = saleor.orders.values()
    assert [(line["variantId"], line["quantity"], line["price"]) for line in order["input"]["lines"]] == [
        (tea["variants"][0]["id"], 1, "980")]
    assert order["total"] == Decimal("1480") and order["status"] == "UNFULFILLED"
    assert order["transactions"][0]["pending"] == Decimal("1480")  # cash on delivery: nothing paid yet
    subscription = Subscription.objects.get(email="taro@example.jp")
    assert (subscription.origin, subscription.customer_id) == ("operator", customer["id"])

    listed = dashboard.open("/subscriptions")
    expect(listed.app.get_by_role("row").filter(has_text="taro@example.jp").get_by_role("link")).to_be_visible()
    listed.screenshot("subscriptions-after-phone-order")


def test_the_channel_is_chosen_among_saleors_and_the_url_may_name_it(dashboard, saleor, jp_shop):
    saleor.add_channel("us", "USD", name="United States")
    view = dashboard.open("/phone-order")
    expect(view.app.get_by_role("combobox", name="Channel")).to_contain_text("JP (JPY)")  # the first
    channel = view.app.get_by_role("combobox", name="Channel")
    channel.focus()  # with the keyboard, as an operator on the phone
    channel.press("Enter")
    expect(view.app.get_by_role("option", name="United States (USD)")).to_be_visible()  # the list is open
    channel.press("ArrowDown")
    channel.press("Enter")
    expect(channel).to_contain_text("United States (USD)")
    expect(view.app.get_by_label("Last name (kana)", exact=True)).to_have_count(0)  # no kana outside yen
    opened = dashboard.open("/phone-order", query="channel=us")
    expect(opened.app.get_by_role("combobox", name="Channel")).to_contain_text("United States (USD)")
