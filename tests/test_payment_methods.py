"""Saved cards: a Stripe customer per Saleor customer, card references only, card replacement."""

import json
import logging

import pytest
from django.apps import apps
from django.core import mail as outbox

from saleor_subscriptions.checkout.actions import add_subscription_line
from saleor_subscriptions.mail import previews, sending
from saleor_subscriptions.payments.methods import (
    ensure_customer,
    finish_card_replacement,
    record_payment_method,
    start_card_replacement,
)
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.payments.stripe_api import stripe_client

from .conftest import USER
from .stripe_scripted import stripe_object
from .test_gateway import session_fields

pytestmark = pytest.mark.django_db
PAN = "4242424242424242"
OTHER_PAN = "5555555555554444"
CVC = "937"


@pytest.fixture
def stripe_api(localstripe, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_localstripe", localstripe
    return stripe_client(None)


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


MISSING_CUSTOMER = [
    (400, {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "customer",
                     "message": "No such customer: 'cus_lost'"}}),  # Stripe
    (404, {"error": {"type": "invalid_request_error", "message": "Not Found"}}),  # localstripe
]


@pytest.mark.parametrize(("status", "missing"), MISSING_CUSTOMER)
def test_a_customer_stripe_no_longer_knows_is_created_again_at_checkout(shop, stripe_http, app_http, status, missing):
    standin, installation, product = shop
    lost = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_lost")
    card = PaymentMethod.objects.create(customer=lost, stripe_payment_method_id="pm_lost", brand="visa", last4="4242")
    cart = standin.add_checkout("jp", user=USER)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    checkout = standin.checkout_view(standin.checkouts[cart["id"]])
    stripe_http.answer(status, missing).answer(200, stripe_object("customer", id="cus_new"))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_1", amount=980, currency="jpy", status="requires_payment_method"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout))
    assert (answer["result"], answer["pspReference"]) == ("CHARGE_ACTION_REQUIRED", "pi_1")
    first, create_customer, retried = stripe_http.requests
    assert (first.params["customer"], retried.params["customer"]) == ("cus_lost", "cus_new")
    assert retried.headers["Idempotency-Key"] != first.headers["Idempotency-Key"]  # Stripe may keep the failed answer
    assert create_customer.params["metadata[saleor_api_url]"] == installation.saleor_api_url
    assert StripeCustomer.objects.get().stripe_customer_id == "cus_new"
    card.refresh_from_db()
    assert card.replaced_at is not None  # Stripe forgot the card with its customer: renewals must not use it
    assert installation.events.filter(type="payment.customer_recreated").count() == 1

    # the shopper's next checkout goes straight to the new customer
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_2", amount=980, currency="jpy", status="requires_payment_method"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout) | {"idempotencyKey": "second"})
    assert answer["result"] == "CHARGE_ACTION_REQUIRED" and stripe_http.requests[-1].params["customer"] == "cus_new"


def test_the_card_page_recreates_a_customer_stripe_no_longer_knows(installed, stripe_http):
    _, _, installation = installed
    lost = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_lost")
    stripe_http.answer(*MISSING_CUSTOMER[0]).answer(200, stripe_object("customer", id="cus_new"))
    stripe_http.answer(200, stripe_object("setup_intent", id="seti_1", client_secret="seti_1_secret_x"))
    assert start_card_replacement(lost) == "seti_1_secret_x"
    create_setup_intent = stripe_http.requests[-1].params
    assert create_setup_intent["customer"] == "cus_new"
    assert create_setup_intent["metadata[saleor_api_url]"] == installation.saleor_api_url
