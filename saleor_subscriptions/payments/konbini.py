"""Konbini (convenience-store) payments: a Stripe PaymentIntent whose numbers the customer pays at the till.

The money arrives later; Stripe's `payment_intent.succeeded` webhook reports it to the Saleor
transaction named in the PaymentIntent's metadata. The numbers are kept for the e-mails.
"""

import datetime
import logging
from decimal import Decimal

import stripe

from ..plans.terms import PaymentMethodKind
from . import stripe_api
from .models import PaymentInstructions
from .stripe_api import to_minor_units

logger = logging.getLogger(__name__)

EXPIRES_AFTER_DAYS = 3


def create_intent(installation, *, amount: Decimal, email: str, name: str, idempotency_key: str, metadata: dict[str, str]):
    """A confirmed JPY konbini PaymentIntent (raises `stripe.StripeError` if Stripe refuses it)."""
    return stripe_api.stripe_client(installation).v1.payment_intents.create(params={
        "amount": to_minor_units(amount, "JPY"), "currency": "jpy", "confirm": True,
        "payment_method_types": ["konbini"],
        "payment_method_data": {"type": "konbini", "billing_details": {"name": name or email, "email": email}},
        "payment_method_options": {"konbini": {"expires_after_days": EXPIRES_AFTER_DAYS}},
        "metadata": metadata,
    }, options={"idempotency_key": idempotency_key})


def stores(intent) -> dict:
    data = intent.next_action.konbini_display_details.stores.to_dict()
    return {chain: {"confirmationNumber": store.get("confirmation_number"), "paymentCode": store.get("payment_code")}
            for chain, store in data.items()}


def taken_by_another(installation, transaction_id: str) -> bool:
    """Another installation's Saleor already used this transaction id: never overwrite its numbers."""
    return PaymentInstructions.objects.filter(saleor_transaction_id=transaction_id).exclude(installation=installation).exists()


def remember(installation, intent, *, transaction_id: str, amount: Decimal) -> PaymentInstructions:
    """Store what the customer needs to pay (store numbers, voucher, deadline), once per transaction."""
    details = intent.next_action.konbini_display_details
    instructions, _ = PaymentInstructions.objects.update_or_create(
        installation=installation, saleor_transaction_id=transaction_id,
        defaults={"method": PaymentMethodKind.KONBINI, "payment_intent_id": intent.id, "amount": amount, "currency": "JPY",
                  "stores": stores(intent), "voucher_url": details.hosted_voucher_url,
                  "expires_at": datetime.datetime.fromtimestamp(details.expires_at, datetime.UTC)})
    return instructions


def void(installation, intent_id: str) -> bool:
    """The voucher can no longer be paid (the order was paid otherwise): True once it is void, False if it was paid."""
    client = stripe_api.stripe_client(installation)
    try:
        client.v1.payment_intents.cancel(intent_id)
    except stripe.InvalidRequestError as exc:  # void already (a retried delivery), or paid at the till meanwhile
        if client.v1.payment_intents.retrieve(intent_id).status != "canceled":
            logger.info("konbini voucher %s was not voided: %s", intent_id, exc.user_message or exc)
            return False
    return True
