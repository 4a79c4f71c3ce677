"""A renewal charge recorded on its Saleor order: once, in the order's currency, with the card."""

from decimal import Decimal

import pytest

from saleor_subscriptions.payments.charges import ChargeResult
from saleor_subscriptions.payments.declines import Outcome
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.payments.saleor_transactions import record_charge
from saleor_subscriptions.saleor.client import SaleorMutationError

pytestmark = pytest.mark.django_db
PAID = ChargeResult(Outcome.SUCCEEDED, "pi_renewal_2", Decimal("6000"), "JPY")


@pytest.fixture
def order(installed, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    standin, _, installation = installed
    standin.add_channel("jp", "JPY")
    customer = StripeCustomer.objects.create(installation=installation, saleor_user_id="VXNlcjox", stripe_customer_id="cus_1")
    card = PaymentMethod.objects.create(customer=customer, stripe_payment_method_id="pm_1", brand="visa", last4="4242",
                                        exp_month=11, exp_year=2031)
    return standin, installation, standin.add_order("jp", Decimal("6000")), card


def test_a_successful_charge_becomes_the_orders_transaction(order):
    standin, installation, saleor_order, card = order
    record_charge(installation, order_id=saleor_order["id"], charge=PAID, payment_method=card,
                  metadata={"subscription": "41", "cycle": "2"})
    (transaction,) = saleor_order["transactions"]
    sent = transaction["input"]
    assert sent["amountCharged"] == {"amount": "6000", "currency": "JPY"}
    assert sent["pspReference"] == "pi_renewal_2" and sent["availableActions"] == ["REFUND"]
    assert sent["paymentMethodDetails"]["card"] == {"name": "Visa", "brand": "visa", "lastDigits": "4242", "expMonth": 11, "expYear": 2031}
    assert sent["externalUrl"] == "https://dashboard.stripe.com/test/payments/pi_renewal_2"


def test_recording_again_finds_the_first_transaction(order):
    standin, installation, saleor_order, card = order
    first = record_charge(installation, order_id=saleor_order["id"], charge=PAID, payment_method=card, metadata={})
    again = record_charge(installation, order_id=saleor_order["id"], charge=PAID, payment_method=card, metadata={})
    assert first == again and len(saleor_order["transactions"]) == 1


def test_a_currency_other_than_the_orders_is_refused_by_saleor(order):
    standin, installation, saleor_order, card = order
    wrong = ChargeResult(Outcome.SUCCEEDED, "pi_usd", Decimal("60.00"), "USD")
    with pytest.raises(SaleorMutationError) as error:
        record_charge(installation, order_id=saleor_order["id"], charge=wrong, payment_method=card, metadata={})
    assert error.value.errors[0]["code"] == "INCORRECT_CURRENCY"


def test_a_declined_charge_is_not_recorded_as_charged(order):
    standin, installation, saleor_order, card = order
    declined = ChargeResult(Outcome.RETRYABLE, "pi_no", Decimal("6000"), "JPY", decline_code="insufficient_funds")
    with pytest.raises(ValueError):
        record_charge(installation, order_id=saleor_order["id"], charge=declined, payment_method=card, metadata={})
    assert saleor_order["transactions"] == []
