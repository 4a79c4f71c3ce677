"""Saved cards: a Stripe customer per Saleor customer, card references only, card replacement."""

import json
import logging

import pytest
from django.apps import apps
from django.core import mail as outbox

from saleor_subscriptions.mail import previews, sending
from saleor_subscriptions.payments.methods import (
    ensure_customer,
    finish_card_replacement,
    record_payment_method,
    start_card_replacement,
)
from saleor_subscriptions.payments.models import StripeCustomer
from saleor_subscriptions.payments.stripe_api import stripe_client

pytestmark = pytest.mark.django_db
PAN = "4242424242424242"
OTHER_PAN = "5555555555554444"
CVC = "937"


@pytest.fixture
def stripe_api(localstripe, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_localstripe", localstripe
    return stripe_client()


def new_card(client, number):
    return client.v1.payment_methods.create(params={
        "type": "card", "card": {"number": number, "exp_month": 11, "exp_year": 2031, "cvc": CVC}}).id


def test_one_stripe_customer_per_saleor_customer(installed, stripe_api):
    _, _, installation = installed
    first = ensure_customer(installation, saleor_user_id="VXNlcjox", email="hanako@example.jp")
    again = ensure_customer(installation, saleor_user_id="VXNlcjox", email="hanako@example.jp")
    assert first == again and StripeCustomer.objects.count() == 1
    remote = stripe_api.v1.customers.retrieve(first.stripe_customer_id)
    assert remote.metadata["saleor_user_id"] == "VXNlcjox"


def test_a_card_is_kept_as_a_reference_and_replaced_by_a_setup_intent(installed, stripe_api):
    _, _, installation = installed
    customer = ensure_customer(installation, saleor_user_id="VXNlcjox", email="hanako@example.jp")
    method_id = new_card(stripe_api, PAN)
    stripe_api.v1.payment_methods.attach(method_id, params={"customer": customer.stripe_customer_id})
    old = record_payment_method(customer, method_id)
    assert (old.brand, old.last4, old.exp_month, old.exp_year) == ("visa", "4242", 11, 2031)

    secret = start_card_replacement(customer)
    setup_id = secret.split("_secret_")[0]
    stripe_api.v1.setup_intents.confirm(setup_id, params={"payment_method": new_card(stripe_api, OTHER_PAN)})
    new = finish_card_replacement(customer, setup_id)
    old.refresh_from_db()
    assert new.last4 == "4444" and new.brand  # localstripe names every card "visa"
    assert old.replaced_at is not None and new.replaced_at is None


def test_no_card_number_or_cvc_is_stored_or_logged(installed, stripe_api, caplog):
    _, _, installation = installed
    customer = ensure_customer(installation, saleor_user_id="VXNlcjoy", email="taro@example.jp")
    # the browser's part (Stripe.js sends the card to Stripe, never to us)
    method_id = new_card(stripe_api, PAN)
    stripe_api.v1.payment_methods.attach(method_id, params={"customer": customer.stripe_customer_id})
    caplog.clear()
    caplog.set_level(logging.DEBUG)  # everything our side logs from here on, Stripe's client included
    record_payment_method(customer, method_id)
    secret = start_card_replacement(customer)
    stripe_api.v1.setup_intents.confirm(secret.split("_secret_")[0], params={"payment_method": method_id})
    finish_card_replacement(customer, secret.split("_secret_")[0])
    assert "payment_methods" in caplog.text  # the capture really saw our Stripe calls
    mail = sending.queue(installation, key="card-check", kind="renewal_placed", to="taro@example.jp",
                         rendered=previews.preview(installation, "renewal_placed", "ja"))
    sending.deliver(mail.pk)  # the mail log and the sent mail are checked too

    stored = json.dumps([
        list(model.objects.values()) for model in apps.get_app_config("saleor_subscriptions").get_models()
    ], default=str)
    assert "4242" in stored and "renewal_placed" in stored  # the dump really holds the card's row and the mail log
    sent = "".join(message.message().as_string() for message in outbox.outbox)
    for secret in (PAN, OTHER_PAN, f'"cvc": "{CVC}"', f"cvc={CVC}"):
        assert secret not in stored
        assert secret not in caplog.text
        assert secret not in sent
