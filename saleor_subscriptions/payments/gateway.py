"""This app as a Saleor payment gateway (Transactions API sync webhooks) backed by Stripe.

For a checkout with a subscription line, the PaymentIntent belongs to the customer's Stripe
Customer and saves the card for off-session renewals (`setup_future_usage=off_session`); any other
checkout is a plain card payment. With nothing due now (a free first delivery) a SetupIntent saves the card
instead (payments/setup_intents.py). Answers use the exact shapes Saleor parses (UPPERCASE results).
"""

import logging
import re
from decimal import Decimal

import stripe

from ..checkout.actions import line_metadata
from ..checkout.line_plan import names_plan, plan_terms
from ..payment_methods import registry
from ..plans.terms import PaymentMethodKind
from ..saleor.payloads import person_name
from . import konbini, ownership, setup_intents, stripe_api
from .methods import create_for_customer, record_payment_method
from .models import StripeCustomer
from .saleor_transactions import stripe_dashboard_url
from .stripe_api import from_minor_units, to_minor_units

logger = logging.getLogger(__name__)
PAYMENT_INTENT_ID = re.compile(r"pi_[A-Za-z0-9_]{1,250}")
NOT_OURS = "This is not a Stripe payment of this shop; nothing was changed."


def _prefix(action: dict) -> str:
    return "AUTHORIZATION" if action.get("actionType") == "AUTHORIZATION" else "CHARGE"


def _number(amount: Decimal) -> float:
    return float(amount)  # Saleor's captured replies carry amounts as JSON numbers


def is_subscription(source: dict) -> bool:
    return any(names_plan(line_metadata(line)) for line in source.get("lines") or ())


def available_methods(installation, source: dict) -> list[str]:
    """The channel's methods (card unless configured), narrowed by every subscription line's plan and by what each
    method takes (konbini: yen only; `PaymentMethod.offered`)."""
    plans = []
    for line in source.get("lines") or ():
        metadata = line_metadata(line)
        if names_plan(metadata):
            terms = plan_terms(installation, metadata)
            plans.append(terms.payment_methods if terms else ())  # an unknown or malformed plan is not payable
    return registry.offered_in(installation, channel=source["channel"]["slug"], currency=source["channel"]["currencyCode"],
                               plans=plans)


def _failure(prefix: str, message: str, amount: Decimal | None = None) -> dict:
    answer = {"result": f"{prefix}_FAILURE", "message": message[:500]}
    if amount is not None:
        answer["amount"] = _number(amount)
    return answer


def initialize_gateway(installation, payload: dict) -> dict:
    """What Stripe Elements needs on the storefront."""
    source = payload["sourceObject"]
    account = stripe_api.access(installation)
    return {"data": {"publishableKey": account.publishable_key, **account.browser_options, "savesCard": is_subscription(source),
                     "paymentMethods": available_methods(installation, source)}}


def _payment_method(data) -> str | None:
    """The method the storefront chose (`{"paymentMethod": "konbini"}`, card by default); None if malformed."""
    if data is None:
        return PaymentMethodKind.CARD
    if not isinstance(data, dict):
        return None
    method = data.get("paymentMethod") or PaymentMethodKind.CARD
    return method if isinstance(method, str) else None


def _idempotency_key(installation, payload: dict) -> str:
    """Saleor's key, within this installation: one Stripe account serves every shop."""
    return f"{installation.pk}-{payload.get('idempotencyKey') or payload['transaction']['id']}"


def initialize_transaction(installation, payload: dict) -> dict:
    action, source = payload["action"], payload["sourceObject"]
    prefix, amount = _prefix(action), Decimal(str(action["amount"]))
    method = _payment_method(payload.get("data"))
    if method is None:
        return _failure(prefix, 'The payment data must be null or an object like {"paymentMethod": "card"}.', amount)
    if method not in available_methods(installation, source):
        return _failure(prefix, f"{method[:40]} is not offered for this order.", amount)
    if is_subscription(source) and not source.get("user"):
        return _failure(prefix, "A subscription needs a customer account: please sign in.", amount)
    return registry.get(method).start_checkout(installation, payload, amount)


def card_checkout(installation, payload: dict, amount: Decimal) -> dict:
    """A card PaymentIntent for Stripe Elements (the card method's checkout); a SetupIntent when nothing is due."""
    action, source = payload["action"], payload["sourceObject"]
    prefix, currency = _prefix(action), action["currency"]
    if amount == 0:  # nothing due now (a free first delivery): a subscription still saves the card
        if is_subscription(source):
            return setup_intents.initialize(installation, payload, prefix)
        return _failure(prefix, "Nothing is due: complete the checkout without a payment.", amount)
    params = {
        "amount": to_minor_units(amount, currency),
        "currency": currency.lower(),
        "payment_method_types": ["card"],
        "capture_method": "manual" if prefix == "AUTHORIZATION" else "automatic",
        # how Stripe's webhooks find the way back (payments/stripe_events.py)
        "metadata": {**ownership.owner_metadata(installation), "saleor_transaction_id": payload["transaction"]["id"],
                     "saleor_source_id": source["id"], "saleor_source_type": source["__typename"]},
    }
    try:
        intent = _create_intent(installation, params, source, _idempotency_key(installation, payload))
    except stripe.StripeError as exc:
        logger.warning("PaymentIntent for %s failed: %s", source["id"], exc)
        return _failure(prefix, exc.user_message or "The payment could not be started.", amount)
    account = stripe_api.access(installation)
    return {
        "result": f"{prefix}_ACTION_REQUIRED",
        "amount": _number(amount),
        "pspReference": intent.id,
        "data": {"stripeClientSecret": intent.client_secret, "publishableKey": account.publishable_key,
                 **account.browser_options},
        "actions": ["CANCEL"],
        "externalUrl": stripe_dashboard_url(installation, intent.id),
    }


def _create_intent(installation, params: dict, source: dict, idempotency_key: str):
    """A checkout's PaymentIntent; a subscription's belongs to the customer, made anew if Stripe lost it."""
    create = stripe_api.stripe_client(installation).v1.payment_intents.create
    if not is_subscription(source):
        return create(params=params, options={"idempotency_key": idempotency_key})
    return create_for_customer(installation, create, params | {"setup_future_usage": "off_session"},
                               user=source["user"], idempotency_key=idempotency_key)


def konbini_checkout(installation, payload: dict, amount: Decimal) -> dict:
    """A konbini payment: store payment numbers now, the money later (Stripe's webhook reports it)."""
    source, transaction_id = payload["sourceObject"], payload["transaction"]["id"]
    if konbini.taken_by_another(installation, transaction_id):
        return _failure("CHARGE", NOT_OURS, amount)
    email = source.get("email") or source.get("userEmail") or (source.get("user") or {}).get("email")
    try:
        intent = konbini.create_intent(
            installation,
            amount=amount, email=email, name=person_name(source.get("billingAddress")),
            idempotency_key=_idempotency_key(installation, payload),
            metadata={**ownership.owner_metadata(installation), "saleor_transaction_id": transaction_id,
                      "saleor_source_id": source["id"], "saleor_source_type": source["__typename"]})
    except stripe.StripeError as exc:
        return _failure("CHARGE", exc.user_message or "The konbini payment could not be started.", amount)
    instructions = konbini.remember(installation, intent, transaction_id=transaction_id, amount=amount)
    return {
        "result": "CHARGE_REQUEST", "pspReference": intent.id, "amount": _number(amount),
        "data": {"konbini": {"voucherUrl": instructions.voucher_url,
                             "expiresAt": intent.next_action.konbini_display_details.expires_at,
                             "stores": instructions.stores}},
        "message": "Awaiting payment at a convenience store.", "externalUrl": stripe_dashboard_url(installation, intent.id),
    }


def process_transaction(installation, payload: dict) -> dict:
    """After the shopper confirmed with Stripe.js: report what the PaymentIntent became."""
    action, transaction = payload["action"], payload["transaction"]
    prefix = _prefix(action)
    if not transaction.get("pspReference"):
        return _failure(prefix, "No payment was started for this transaction.")
    if method := registry.for_reference(transaction["pspReference"]):  # not a Stripe PaymentIntent
        return method.process_checkout(installation, payload)
    if setup_intents.is_setup(transaction["pspReference"]):
        return setup_intents.process(installation, payload, prefix)
    try:
        intent = _own_intent(installation, transaction, expand=["payment_method"])  # the card comes along
    except stripe.StripeError as exc:
        return _failure(prefix, exc.user_message or "The payment could not be checked.")
    if intent is None:
        return _failure(prefix, NOT_OURS)
    amount = from_minor_units(intent.amount, intent.currency)
    answer = {"pspReference": intent.id, "amount": _number(amount), "externalUrl": stripe_dashboard_url(installation, intent.id)}
    if intent.status == "succeeded":
        _remember_card(installation, intent)
        return {**answer, "result": "CHARGE_SUCCESS", "actions": ["REFUND"]}
    if intent.status == "requires_capture":
        _remember_card(installation, intent)
        return {**answer, "result": "AUTHORIZATION_SUCCESS", "actions": ["CHARGE", "CANCEL"]}
    if intent.status == "processing" or (intent.status == "requires_action" and "konbini" in intent.payment_method_types):
        return {**answer, "result": f"{prefix}_REQUEST"}  # konbini: paid at the store, reported by Stripe's webhook
    if intent.status == "canceled":
        return {**answer, "result": f"{prefix}_FAILURE", "message": "The payment was canceled."}
    error = intent.last_payment_error
    return {**answer, "result": f"{prefix}_ACTION_REQUIRED", "actions": ["CANCEL"],
            "data": {"stripeClientSecret": intent.client_secret},
            "message": getattr(error, "message", None) or f"Stripe: {intent.status}"}


def _remember_card(installation, intent) -> None:
    """A card saved for off-session use becomes the customer's card for renewals."""
    if intent.setup_future_usage != "off_session" or not intent.customer or not intent.payment_method:
        return
    customer_id = intent.customer if isinstance(intent.customer, str) else intent.customer.id
    customer = StripeCustomer.objects.filter(installation=installation, stripe_customer_id=customer_id).first()
    if customer:
        record_payment_method(customer, intent.payment_method)


def _own_intent(installation, transaction: dict, expand: list[str] | None = None):
    """The transaction's PaymentIntent if it is this installation's, else None (before anything is changed)."""
    reference = transaction.get("pspReference") or ""
    if not PAYMENT_INTENT_ID.fullmatch(reference):
        return None  # cash on delivery, bank transfer, or not a PaymentIntent at all
    intent = stripe_api.stripe_client(installation).v1.payment_intents.retrieve(reference, params={"expand": expand} if expand else None)
    if ownership.belongs_to(installation, intent):
        return intent
    logger.warning("refused PaymentIntent %s named by transaction %s of installation %s: not its own",
                   reference, transaction.get("id"), installation.pk)
    return None


def _refused(prefix: str, transaction: dict, amount: Decimal | None = None) -> dict:
    reference = transaction.get("pspReference")
    return _failure(prefix, NOT_OURS, amount) | ({"pspReference": reference} if reference else {})


def charge_requested(installation, payload: dict) -> dict:
    """Capture an authorized PaymentIntent (staff "capture" in the Dashboard)."""
    action, transaction = payload["action"], payload["transaction"]
    amount = Decimal(str(action["amount"]))
    try:
        if _own_intent(installation, transaction) is None:
            return _refused("CHARGE", transaction, amount)
        intent = stripe_api.stripe_client(installation).v1.payment_intents.capture(
            transaction["pspReference"], params={"amount_to_capture": to_minor_units(amount, action["currency"])},
            options={"idempotency_key": f"{installation.pk}-capture-{transaction['id']}-{amount}"})
    except stripe.StripeError as exc:
        return {"result": "CHARGE_FAILURE", "pspReference": transaction["pspReference"], "amount": _number(amount),
                "message": exc.user_message or str(exc)[:500]}
    return {"result": "CHARGE_SUCCESS", "pspReference": intent.id, "amount": _number(amount), "actions": ["REFUND"]}


def refund_requested(installation, payload: dict) -> dict:
    """Refund (part of) a charge; a pending refund is acknowledged and reported later by Stripe's webhook."""
    action, transaction = payload["action"], payload["transaction"]
    amount = Decimal(str(action["amount"]))
    if method := registry.for_reference(transaction.get("pspReference") or ""):  # not a Stripe PaymentIntent
        return method.refund(installation, payload)
    try:
        if _own_intent(installation, transaction) is None:
            return _refused("REFUND", transaction, amount)
        refund = stripe_api.stripe_client(installation).v1.refunds.create(
            params={"payment_intent": transaction["pspReference"], "amount": to_minor_units(amount, action["currency"]),
                    "metadata": {**ownership.owner_metadata(installation), "saleor_transaction_id": transaction["id"]}},
            options={"idempotency_key": f"{installation.pk}-refund-{transaction['id']}-{amount}-{payload.get('issuedAt', '')}"})
    except stripe.StripeError as exc:
        return {"result": "REFUND_FAILURE", "pspReference": transaction["pspReference"], "amount": _number(amount),
                "message": exc.user_message or str(exc)[:500]}
    if refund.status == "succeeded":
        return {"result": "REFUND_SUCCESS", "pspReference": refund.id, "amount": _number(amount)}
    if refund.status in ("failed", "canceled"):
        return {"result": "REFUND_FAILURE", "pspReference": refund.id, "amount": _number(amount),
                "message": refund.failure_reason or refund.status}
    return {"pspReference": refund.id}


def cancel_requested(installation, payload: dict) -> dict:
    action, transaction = payload["action"], payload["transaction"]
    try:
        if _own_intent(installation, transaction) is None:
            return _refused("CANCEL", transaction)
        intent = stripe_api.stripe_client(installation).v1.payment_intents.cancel(transaction["pspReference"])
    except stripe.StripeError as exc:
        return {"result": "CANCEL_FAILURE", "pspReference": transaction["pspReference"], "message": exc.user_message or str(exc)[:500]}
    return {"result": "CANCEL_SUCCESS", "pspReference": intent.id, "amount": _number(Decimal(str(action["amount"])))}
