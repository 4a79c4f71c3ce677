"""A subscription checkout with nothing due now (N free days, a ¥0 first delivery) still saves the card.

Stripe has no PaymentIntent of 0, so the gateway starts a SetupIntent for off-session use instead: the
storefront confirms it with Stripe.js's `confirmSetup` (the session data says so), Saleor records a
charge of 0 so the ¥0 order completes, and the card becomes the subscription's card for its renewals.
"""

import logging
import re

import stripe

from ..saleor.client import SaleorClient
from . import ownership, stripe_api
from .methods import create_for_customer, record_payment_method
from .models import PaymentMethod, StripeCustomer
from .stripe_api import is_live

logger = logging.getLogger(__name__)
SETUP_INTENT_ID = re.compile(r"seti_[A-Za-z0-9_]{1,250}")
CONFIRM = {"stripeConfirm": "confirmSetup"}  # which Stripe.js call confirms the client secret (README, Payments)
NOT_OURS = "This is not a Stripe card setup of this shop; nothing was changed."
# Stripe event of a checkout's SetupIntent → the Saleor transaction event type (always of amount 0)
EVENTS = {"setup_intent.succeeded": "CHARGE_SUCCESS", "setup_intent.setup_failed": "CHARGE_FAILURE",
          "setup_intent.canceled": "CHARGE_FAILURE"}


def is_setup(psp_reference: str | None) -> bool:
    return bool(psp_reference and SETUP_INTENT_ID.fullmatch(psp_reference))


def dashboard_url(installation, setup_intent_id: str) -> str:
    return f"https://dashboard.stripe.com/{'' if is_live(installation) else 'test/'}setup_intents/{setup_intent_id}"


def initialize(installation, payload: dict, prefix: str) -> dict:
    """A SetupIntent for the signed-in customer, once per Saleor transaction; Saleor waits for the storefront."""
    source, transaction_id = payload["sourceObject"], payload["transaction"]["id"]
    params = {
        "usage": "off_session",
        "payment_method_types": ["card"],
        "metadata": {**ownership.owner_metadata(installation), "saleor_transaction_id": transaction_id,
                     "saleor_source_id": source["id"], "saleor_source_type": source["__typename"]},
    }
    try:
        intent = _create(installation, params, source["user"], f"{installation.pk}-setup-{transaction_id}")
    except stripe.StripeError as exc:
        logger.warning("SetupIntent for %s failed: %s", source["id"], exc)
        return {"result": f"{prefix}_FAILURE", "amount": 0.0,
                "message": (exc.user_message or "The card could not be saved.")[:500]}
    account = stripe_api.access(installation)
    return {
        "result": f"{prefix}_ACTION_REQUIRED",
        "amount": 0.0,
        "pspReference": intent.id,
        "data": {"stripeClientSecret": intent.client_secret, **CONFIRM, "publishableKey": account.publishable_key,
                 **account.browser_options},
        "externalUrl": dashboard_url(installation, intent.id),
    }


def _create(installation, params: dict, user: dict, idempotency_key: str):
    """The customer's SetupIntent; the customer is made anew if Stripe lost it (as for PaymentIntents)."""
    return create_for_customer(installation, stripe_api.stripe_client(installation).v1.setup_intents.create, params,
                               user=user, idempotency_key=idempotency_key)


def process(installation, payload: dict, prefix: str) -> dict:
    """After `confirmSetup`: a saved card is a charge of 0 to Saleor; anything else is reported as it stands."""
    reference = payload["transaction"]["pspReference"]
    try:
        intent = stripe_api.stripe_client(installation).v1.setup_intents.retrieve(
            reference, params={"expand": ["payment_method"]})
    except stripe.StripeError as exc:
        return {"result": f"{prefix}_FAILURE", "message": (exc.user_message or "The card setup could not be checked.")[:500]}
    if not ownership.belongs_to(installation, intent):
        logger.warning("refused SetupIntent %s of installation %s: not its own", reference, installation.pk)
        return {"result": f"{prefix}_FAILURE", "pspReference": reference, "message": NOT_OURS}
    answer = {"pspReference": intent.id, "amount": 0.0, "externalUrl": dashboard_url(installation, intent.id)}
    if intent.status == "succeeded":
        card_saved(installation, intent.id, intent.customer, intent.payment_method)
        return {**answer, "result": f"{prefix}_SUCCESS", "message": "Card saved for the renewals; nothing charged now."}
    if intent.status == "processing":
        return {**answer, "result": f"{prefix}_REQUEST"}
    if intent.status == "canceled":
        return {**answer, "result": f"{prefix}_FAILURE", "message": "The card setup was canceled."}
    error = intent.last_setup_error  # a declined card: the shopper may try another
    return {**answer, "result": f"{prefix}_ACTION_REQUIRED", "data": {"stripeClientSecret": intent.client_secret, **CONFIRM},
            "message": getattr(error, "message", None) or f"Stripe: {intent.status}"}


def remember_card(installation, setup_intent_id: str, customer, payment_method) -> PaymentMethod | None:
    """The card a succeeded SetupIntent saved becomes the customer's card, marked with the SetupIntent (idempotent).

    `customer`, `payment_method`: ids, or the objects Stripe expanded.
    """
    customer_id = customer if isinstance(customer, str) or customer is None else customer["id"]
    customer = StripeCustomer.objects.filter(installation=installation, stripe_customer_id=customer_id).first()
    if customer is None or not payment_method:
        return None
    card = record_payment_method(customer, payment_method)
    PaymentMethod.objects.filter(stripe_payment_method_id=card.stripe_payment_method_id).update(setup_intent_id=setup_intent_id)
    return card


def card_saved(installation, setup_intent_id: str, customer, payment_method) -> None:
    """The card is recorded, and an order completed before it was saved starts its subscriptions."""
    from ..subscriptions import awaiting_card  # it starts subscriptions, whose creation imports this module

    if remember_card(installation, setup_intent_id, customer, payment_method) is not None:
        awaiting_card.card_saved(installation, setup_intent_id)


def report_event(intent: dict, event_type: str, entitled) -> bool:
    """A checkout's SetupIntent as Stripe's webhook reports it: the card saved even if `transactionProcess` never
    came, and the Saleor transaction told (Saleor ignores an identical report)."""
    installation = ownership.owner(intent)
    if installation is None or not entitled(installation):
        if installation is not None or ownership.owners(intent):
            logger.warning("Stripe event for SetupIntent %s ignored: its owner is in doubt or another account's", intent["id"])
        return False
    transaction_id = (intent.get("metadata") or {}).get("saleor_transaction_id")
    if not transaction_id:
        return False  # a card replaced from the portal: its own page finishes it
    if event_type == "setup_intent.succeeded":
        card_saved(installation, intent["id"], intent.get("customer"), intent.get("payment_method"))
    elif event_type == "setup_intent.canceled":
        from ..subscriptions import awaiting_card  # as in card_saved

        awaiting_card.setup_canceled(installation, intent["id"])
    error = intent.get("last_setup_error") or {}
    SaleorClient.for_installation(installation).execute(
        "TransactionEventReport",
        {"id": transaction_id, "type": EVENTS[event_type], "pspReference": intent["id"], "amount": "0",
         "message": error.get("message") or f"Stripe: {event_type}", "externalUrl": dashboard_url(installation, intent["id"])},
        idempotent=True,
    )
    return True


def card_saved_at_checkout(installation, customer_id: str, psp_references) -> PaymentMethod | None:
    """The customer's card saved by one of the order's SetupIntents, or None when none succeeded."""
    setups = [reference for reference in psp_references if is_setup(reference)]
    return (PaymentMethod.objects.filter(customer__installation=installation, customer__saleor_user_id=customer_id,
                                         setup_intent_id__in=setups).order_by("-created_at").first()
            if setups else None)
