"""A subscription's page in the Dashboard harness: what an operator changes on the phone, in headless Chromium."""

from playwright.sync_api import expect

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.payments.models import PaymentMethod

from .conftest import STAFF


def test_a_bigger_quantity_prices_the_next_delivery_by_the_plans_tiers(dashboard, hanako):
    view = dashboard.open(f"/subscriptions/{hanako.id}")
    price = view.app.get_by_test_id("next-unit-price")
    expect(price).to_have_text("¥6,000")
    view.screenshot("desk-subscription")

    view.app.get_by_role("button", name="Quantity").click()
    dialog = view.app.get_by_role("dialog")
    dialog.get_by_label("Quantity").fill("3")
    dialog.get_by_role("button", name="Save").click()

    expect(dialog).to_have_count(0)
    expect(price).to_have_text("¥5,400")  # 10 % off from three
    expect(view.app.get_by_text("Quantity 3")).to_be_visible()
    hanako.refresh_from_db()
    assert [line.quantity for line in hanako.lines.all()] == [3]
    assert Event.objects.filter(actor=Event.Actor.STAFF, actor_id=STAFF["email"]).exists()


def test_the_operator_takes_a_new_card_typed_into_stripe_elements(dashboard, hanako):
    view = dashboard.open(f"/subscriptions/{hanako.id}")
    view.app.get_by_role("button", name="Take a new card").click()
    dialog = view.app.get_by_role("dialog")
    dialog.get_by_role("button", name="Enter a card").click()

    # localstripe's fake Stripe.js: the card element is plain inputs named by their placeholders
    for field, value in {"number": "5555555555554444", "exp_month": "12", "exp_year": "34", "cvc": "123",
                         "postal_code": "10000"}.items():
        dialog.get_by_placeholder(field, exact=True).fill(value)
    view.screenshot("desk-new-card")
    dialog.get_by_role("button", name="Save the card").click()

    expect(dialog).to_have_count(0)
    expect(view.app.get_by_text("•••• 4444")).to_be_visible()
    assert PaymentMethod.objects.filter(customer__saleor_user_id=hanako.customer_id, last4="4444").exists()


def test_the_operator_cancels_at_the_end_of_the_paid_period(dashboard, hanako):
    view = dashboard.open(f"/subscriptions/{hanako.id}", locale="ja")
    view.app.get_by_role("button", name="解約").click()
    dialog = view.app.get_by_role("dialog")
    expect(dialog.get_by_role("radio", name="お支払い済み期間の終了時")).to_be_checked()
    view.screenshot("desk-cancel-ja")
    dialog.get_by_role("button", name="解約").click()

    expect(dialog).to_have_count(0)
    hanako.refresh_from_db()
    assert hanako.cancel_at_period_end and hanako.status == "active"
    expect(view.app.get_by_text(STAFF["email"]).first).to_be_visible()  # the history names who did it
