"""The shop settings page's "Stripe account" section in headless Chromium: a wrong key refused, the right ones kept."""

from playwright.sync_api import expect

from saleor_subscriptions.payments.models import StripeAccount

from ..stripe_scripted import ScriptedStripe, key_of, route, stripe_object
from .conftest import SCREENSHOTS

SECRET_KEY, HOOK = "sk_test_51OchaYa00000000004242", "whsec_OchaYaSigning00009876"


def fill_keys(app, secret_key):
    app.get_by_label("Secret key (sk_… or restricted rk_…)").fill(secret_key)
    app.get_by_label("Publishable key (pk_…)").fill("pk_test_51OchaYa00000000001111")
    app.get_by_label("Webhook signing secret (whsec_…)").fill(HOOK)
    app.get_by_role("button", name="Connect this account").click()


def test_a_merchant_enters_the_shops_stripe_keys_a_wrong_one_is_refused(dashboard, saleor, monkeypatch, settings):
    settings.STRIPE_SECRET_KEY = ""  # a shop of a deployment without a default account
    stripe = route(monkeypatch, ScriptedStripe())
    stripe.answer(401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}})
    stripe.answer(200, stripe_object("account", id="acct_OchaYa", settings={"dashboard": {"display_name": "Ocha Ya"}}))
    view = dashboard.open("/settings")
    status = view.app.get_by_test_id("stripe-status")
    expect(status).to_contain_text("No Stripe account")

    fill_keys(view.app, "sk_test_51Typo000000000000000")
    expect(view.app.get_by_test_id("stripe-form").get_by_role("alert")).to_have_text(
        "Stripe refused this key. Copy it again from the Stripe Dashboard (Developers → API keys).")
    assert not StripeAccount.objects.exists()
    view.screenshot("settings-stripe-refused")

    fill_keys(view.app, SECRET_KEY)
    expect(view.app.get_by_test_id("stripe-form").get_by_role("status")).to_have_text("Stripe account saved.")
    expect(status).to_contain_text("Ocha Ya · acct_OchaYa")
    expect(status).to_contain_text("•••• 4242")
    expect(status).to_contain_text(f"/api/webhooks/stripe/{saleor.installation.portal_key}")
    assert SECRET_KEY not in view.app.locator("body").inner_text()
    assert [key_of(request) for request in stripe.requests] == ["sk_test_51Typo000000000000000", SECRET_KEY]
    assert StripeAccount.objects.get().secret_key == SECRET_KEY
    assert dashboard.page.errors == []
    view.screenshot("settings-stripe-account")
    view.app.locator("section", has=status).screenshot(path=str(SCREENSHOTS / "stripe-account-section.png"))  # the README's

    view = dashboard.open("/settings")  # reloaded: the account is shown, the keys are not
    expect(view.app.get_by_test_id("stripe-status")).to_contain_text("•••• 9876")
    view.app.get_by_role("button", name="Use the deployment's account instead").click()
    expect(view.app.get_by_test_id("stripe-form").get_by_role("status")).to_have_text("The shop's own Stripe account was removed.")
    assert not StripeAccount.objects.exists()
