"""Payments that arrive after the order: cash on delivery, bank transfer and konbini.

The order carries a transaction with the amount pending. Staff confirm cash and transfers
(`mark_received`); Stripe's webhook reports a konbini payment.
"""

from decimal import Decimal

from ..core.models import Event, record_event
from ..core.money import from_saleor
from ..plans.terms import PaymentMethodKind
from ..saleor.client import SaleorClient
from ..saleor.payloads import person_name
from . import konbini, stripe_api
from .saleor_transactions import request_payment, stripe_dashboard_url

NAMES = {PaymentMethodKind.COD: "Cash on delivery (subscription)",
         PaymentMethodKind.BANK_TRANSFER: "Bank transfer (subscription)",
         PaymentMethodKind.KONBINI: "Konbini (subscription)"}


class NotPending(Exception):
    pass


def mark_received(installation, *, transaction_id: str, actor_id: str = "") -> Decimal:
    """Report the pending amount of a COD / bank-transfer transaction as charged (idempotent)."""
    client = SaleorClient.for_installation(installation)
    transaction = client.execute("PendingTransaction", {"id": transaction_id})["transaction"]
    if transaction is None:
        raise NotPending(f"no transaction {transaction_id}")
    currency = transaction["chargePendingAmount"]["currency"]
    pending = from_saleor(transaction["chargePendingAmount"]["amount"], currency)
    if pending <= 0:
        raise NotPending("nothing is waiting to be paid on this transaction")
    client.execute("TransactionEventReport", {
        "id": transaction_id, "type": "CHARGE_SUCCESS", "pspReference": transaction["pspReference"],
        "amount": str(pending), "message": "payment received (confirmed by staff)",
    }, idempotent=True)
    record_event(installation, "payment.received", actor=Event.Actor.STAFF, actor_id=actor_id,
                 transaction=transaction_id, amount=str(pending), currency=currency)
    return pending


def request_renewal_payment(installation, *, kind: str, order_id: str, amount: Decimal, currency: str, reference: str,
                            email: str, billing_address: dict | None, metadata: dict[str, str]) -> str | None:
    """The renewal order's pending transaction; every step is found again on a retry.

    Returns the konbini PaymentIntent's id (None for cash and transfers).
    Konbini also gets its own PaymentIntent (one per renewal, keyed by the order's reference), whose
    store numbers are kept for the e-mail and whose metadata names the transaction for Stripe's webhook.
    """
    client = SaleorClient.for_installation(installation)
    if kind != PaymentMethodKind.KONBINI:
        request_payment(client, order_id=order_id, name=NAMES[kind], psp_reference=f"{reference}-{kind}",
                        amount=amount, currency=currency, message="awaiting payment", metadata=metadata)
        return None
    intent = konbini.create_intent(
        amount=amount, email=email, name=person_name(billing_address), idempotency_key=f"{reference}-konbini",
        metadata={"saleor_api_url": installation.saleor_api_url, "saleor_order_id": order_id, **metadata})
    transaction_id = request_payment(client, order_id=order_id, name=NAMES[kind], psp_reference=intent.id, amount=amount,
                                     currency=currency, message="Awaiting payment at a convenience store.",
                                     metadata=metadata, external_url=stripe_dashboard_url(intent.id))
    konbini.remember(installation, intent, transaction_id=transaction_id, amount=amount)
    if intent.metadata.to_dict().get("saleor_transaction_id") != transaction_id:
        stripe_api.stripe_client().v1.payment_intents.update(
            intent.id, params={"metadata": {"saleor_transaction_id": transaction_id}})
    return intent.id
