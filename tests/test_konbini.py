"""Konbini (convenience-store) payments: numbers and deadline now, the money when Stripe says so."""

import datetime

import pytest

from saleor_subscriptions.payments.models import PaymentInstructions

from .stripe_scripted import stripe_object
from .test_gateway import USER, session_fields

pytestmark = pytest.mark.django_db
STORES = {chain: {"confirmation_number": "123456789012", "payment_code": f"{chain[:2]}9876"}
          for chain in ("familymart", "lawson", "ministop", "seicomart")}
DETAILS = {"expires_at": 1800000000, "hosted_voucher_url": "https://payments.stripe.com/konbini/voucher/test_abc", "stores": STORES}


@pytest.fixture
def konbini_checkout(shop):
    standin, installation, _ = shop
    installation.payment_methods = {"jp": ["card", "konbini"], "us": ["card", "konbini"]}
    installation.save()
    cart = standin.add_checkout("jp", user=USER, billing={"firstName": "花子", "lastName": "山田"})
    return standin, installation, standin.checkout_view(cart)


def test_a_konbini_payment_gives_store_numbers_and_stays_pending(konbini_checkout, stripe_http, app_http):
    standin, _, checkout = konbini_checkout
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_konbini", amount=6800, currency="jpy", status="requires_action",
                                          payment_method_types=["konbini"],
                                          next_action={"type": "konbini_display_details", "konbini_display_details": DETAILS}))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION",
                          {**session_fields(checkout, amount="6800"), "data": {"paymentMethod": "konbini"}})
    assert (answer["result"], answer["pspReference"], answer["amount"]) == ("CHARGE_REQUEST", "pi_konbini", 6800)
    assert answer["data"]["konbini"]["voucherUrl"] == DETAILS["hosted_voucher_url"]
    assert answer["data"]["konbini"]["stores"]["lawson"] == {"confirmationNumber": "123456789012", "paymentCode": "la9876"}
    (request,) = stripe_http.requests
    assert request.params["payment_method_types[0]"] == "konbini" and request.params["confirm"] == "true"
    assert request.params["payment_method_data[billing_details][name]"] == "山田 花子"
    assert request.params["payment_method_options[konbini][expires_after_days]"] == "3"

    instructions = PaymentInstructions.objects.get()  # for the payment-instructions e-mail
    assert (instructions.amount, instructions.currency, instructions.payment_intent_id) == (6800, "JPY", "pi_konbini")
    assert instructions.expires_at == datetime.datetime.fromtimestamp(1800000000, datetime.UTC)

    stripe_http.answer(200, stripe_object("payment_intent", id="pi_konbini", amount=6800, currency="jpy", status="requires_action",
                                          payment_method_types=["konbini"]))
    process = standin.sync(app_http, "TRANSACTION_PROCESS_SESSION", session_fields(checkout, "6800", psp_reference="pi_konbini"))
    assert process["result"] == "CHARGE_REQUEST"


def test_konbini_is_offered_only_in_yen(konbini_checkout, stripe_http, app_http):
    standin, _, _ = konbini_checkout
    dollars = standin.checkout_view(standin.add_checkout("us", user=USER))
    answer = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 60.0, "data": None, "sourceObject": dollars})
    assert answer["data"]["paymentMethods"] == ["card"]
