"""Payments that arrive after the order: cash on delivery, bank transfer and konbini.

The order carries a transaction with the amount pending. Staff confirm cash and transfers
(`mark_received`, `renewal_received`); Stripe's webhook reports a konbini payment. A renewal whose
pending payment is settled has `paid_at`.
"""

from decimal import Decimal

from django.utils import timezone

from ..core.models import Event, record_event
from ..core.money import from_saleor
from ..plans.terms import PaymentMethodKind
from ..saleor.client import SaleorClient
from ..saleor.payloads import person_name
from ..subscriptions.models import Renewal, Subscription
from . import konbini, stripe_api, stripe_bank_transfer
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
    reported = client.execute("TransactionEventReport", {
        "id": transaction_id, "type": "CHARGE_SUCCESS", "pspReference": transaction["pspReference"],
        "amount": str(pending), "message": "payment received (confirmed by staff)",
    }, idempotent=True)["transactionEventReport"]
    renewal = _renewal_of_order(installation, (transaction.get("order") or {}).get("id"))
    of_renewal = {"subscription": renewal.subscription_id, "cycle": renewal.cycle} if renewal else {}
    if renewal:
        mark_paid(renewal)
    if reported.get("alreadyProcessed"):
        return pending  # a second confirmation of the same money (a double click): recorded once
    record_event(installation, "payment.received", actor=Event.Actor.STAFF, actor_id=actor_id,
                 transaction=transaction_id, amount=str(pending), currency=currency, **of_renewal)
    return pending


def _renewal_of_order(installation, order_id: str | None) -> Renewal | None:
    if not order_id:
        return None
    return Renewal.objects.filter(subscription__installation=installation, saleor_order_id=order_id).first()


def mark_paid(renewal: Renewal) -> bool:
    """The renewal's pending payment is settled; True only the first time."""
    return bool(Renewal.objects.filter(pk=renewal.pk, paid_at__isnull=True).update(paid_at=timezone.now()))


def own_reference(renewal: Renewal) -> str:
    """The pspReference of the transaction the renewal's order went out with (see request_renewal_payment)."""
    if renewal.payment_kind == PaymentMethodKind.KONBINI or renewal.payment_intent_id:  # konbini, Stripe bank transfer
        return renewal.payment_intent_id
    return f"{renewal.external_reference}-{renewal.payment_kind}"


def renewal_received(installation, renewal: Renewal, *, actor_id: str = "") -> Decimal | None:
    """Staff: the cash or transfer for this renewal arrived. None when it was confirmed before (idempotent)."""
    if renewal.payment_kind not in (PaymentMethodKind.COD, PaymentMethodKind.BANK_TRANSFER) or not renewal.saleor_order_id:
        raise NotPending("this renewal is not waiting for cash or a transfer")
    if renewal.payment_intent_id:
        raise NotPending("this transfer goes to the customer's Stripe virtual account: Stripe reports it when it arrives")
    if renewal.paid_at is not None:
        return None
    order = SaleorClient.for_installation(installation).execute("OrderTransactions", {"id": renewal.saleor_order_id})["order"]
    reference = own_reference(renewal)
    found = next((t for t in (order or {}).get("transactions") or () if t["pspReference"] == reference), None)
    if found is None:
        raise NotPending("the renewal order has no pending payment of the app")
    try:
        return mark_received(installation, transaction_id=found["id"], actor_id=actor_id)
    except NotPending:
        if from_saleor(found["chargedAmount"]["amount"], found["chargedAmount"]["currency"]) <= 0:
            raise
        mark_paid(renewal)  # confirmed in Saleor before our record of it (a crash in between)
        return None


def _charged_in_full(order: dict) -> str | None:
    """The order's currency when Saleor counts it charged in full (None when not, or when the payload lacks totals)."""
    total, charged = (order.get("total") or {}).get("gross"), order.get("totalCharged")
    if not total or not charged:
        return None
    currency = total["currency"]
    return currency if from_saleor(charged["amount"], currency) >= from_saleor(total["amount"], currency) else None


def _waiting(order: dict, currency: str, ours) -> list[dict]:
    """The order's transactions of ours (`ours(pspReference)`) that still count an amount as pending."""
    return [t for t in order.get("transactions") or ()
            if ours(t["pspReference"]) and from_saleor(t["chargePendingAmount"]["amount"], currency) > 0]


def _close_as_paid_otherwise(installation, transactions: list[dict], currency: str) -> list[dict]:
    """Report each as `CHARGE_FAILURE` ("paid otherwise"), so Saleor no longer counts its amount as pending.

    Returns those closed now; a redelivered webhook's are answered alreadyProcessed and left out.
    """
    client = SaleorClient.for_installation(installation)
    closed = []
    for transaction in transactions:
        reported = client.execute("TransactionEventReport", {
            "id": transaction["id"], "type": "CHARGE_FAILURE", "pspReference": transaction["pspReference"],
            "amount": str(from_saleor(transaction["chargePendingAmount"]["amount"], currency)),
            "message": "paid otherwise: marked as paid in Saleor",
        }, idempotent=True)["transactionEventReport"]
        if not reported.get("alreadyProcessed"):
            closed.append(transaction)
    return closed


def paid_in_saleor(installation, order: dict) -> Renewal | None:
    """ORDER_FULLY_PAID for an order whose payment of ours still waits: staff marked it paid in the
    Dashboard (a "Manual capture" transaction, as Saleor 3.23 refuses `orderMarkAsPaid` on an order with
    transactions). Our request is closed as paid otherwise, so Saleor no longer counts the amount as pending:
    a renewal's (a konbini voucher is voided first, so the customer cannot pay it too), or the cash or
    transfer request (`cod:…`, `bank_transfer:…`) of the order that started a subscription. Returns the
    renewal settled, if any. A Stripe bank transfer's intent is cancelled too; what had arrived goes back to the
    customer's cash balance.
    """
    currency = _charged_in_full(order)
    if currency is None:
        return None
    renewal = (Renewal.objects.select_related("subscription__installation")
               .filter(subscription__installation=installation, saleor_order_id=order["id"]).exclude(payment_kind="").first())
    if renewal is None:
        _first_order_paid_in_saleor(installation, order, currency)
        return None
    reference = own_reference(renewal)
    waiting = _waiting(order, currency, lambda psp_reference: psp_reference == reference)
    if not waiting:
        return None  # ours was paid (staff confirmed it here, or Stripe reported the konbini payment)
    if renewal.payment_intent_id and renewal.paid_at is None and not konbini.void(installation, reference):
        return None  # paid at the till or by transfer meanwhile: Stripe reports it, and the order shows it overpaid
    if renewal.payment_kind == PaymentMethodKind.BANK_TRANSFER and renewal.payment_intent_id:
        stripe_bank_transfer.canceled(installation, reference, "paid otherwise: marked as paid in Saleor")
    else:
        _close_as_paid_otherwise(installation, waiting, currency)
    if mark_paid(renewal):
        record_event(installation, "payment.marked_paid_in_saleor", actor=Event.Actor.SALEOR,
                     subscription=renewal.subscription_id, cycle=renewal.cycle, order=order["id"],
                     amount=str(from_saleor(order["total"]["gross"]["amount"], currency)), currency=currency)
    return renewal


def _first_order_paid_in_saleor(installation, order: dict, currency: str) -> None:
    if not Subscription.objects.filter(installation=installation, origin_order_id=order["id"]).exists():
        return
    offline = (PaymentMethodKind.COD.value, PaymentMethodKind.BANK_TRANSFER.value)
    waiting = _waiting(order, currency, lambda psp_reference: psp_reference.split(":", 1)[0] in offline)
    for transaction in _close_as_paid_otherwise(installation, waiting, currency) if waiting else ():
        record_event(installation, "payment.marked_paid_in_saleor", actor=Event.Actor.SALEOR, order=order["id"],
                     transaction=transaction["id"], amount=str(from_saleor(order["total"]["gross"]["amount"], currency)),
                     currency=currency)


def request_renewal_payment(installation, *, kind: str, order_id: str, amount: Decimal, currency: str, reference: str,
                            email: str, billing_address: dict | None, metadata: dict[str, str],
                            renewal: Renewal | None = None) -> str | None:
    """The renewal order's pending transaction; every step is found again on a retry.

    Returns the konbini or Stripe bank-transfer PaymentIntent's id (None for cash and transfers staff confirm).
    Konbini also gets its own PaymentIntent (one per renewal, keyed by the order's reference), whose
    store numbers are kept for the e-mail and whose metadata names the transaction for Stripe's webhook;
    so does a `renewal`'s bank transfer where the shop has Stripe reconcile them (`stripe_bank_transfer`).
    """
    if kind == PaymentMethodKind.BANK_TRANSFER and renewal is not None \
            and stripe_bank_transfer.enabled(installation, renewal.subscription):
        return stripe_bank_transfer.request_renewal_payment(installation, renewal, order_id=order_id, amount=amount,
                                                            metadata=metadata)
    client = SaleorClient.for_installation(installation)
    if kind != PaymentMethodKind.KONBINI:
        request_payment(client, order_id=order_id, name=NAMES[kind], psp_reference=f"{reference}-{kind}",
                        amount=amount, currency=currency, message="awaiting payment", metadata=metadata)
        return None
    intent = konbini.create_intent(
        installation,
        amount=amount, email=email, name=person_name(billing_address), idempotency_key=f"{reference}-konbini",
        metadata={"saleor_api_url": installation.saleor_api_url, "saleor_order_id": order_id, **metadata})
    transaction_id = request_payment(client, order_id=order_id, name=NAMES[kind], psp_reference=intent.id, amount=amount,
                                     currency=currency, message="Awaiting payment at a convenience store.",
                                     metadata=metadata, external_url=stripe_dashboard_url(installation, intent.id))
    konbini.remember(installation, intent, transaction_id=transaction_id, amount=amount)
    if intent.metadata.to_dict().get("saleor_transaction_id") != transaction_id:
        stripe_api.stripe_client(installation).v1.payment_intents.update(
            intent.id, params={"metadata": {"saleor_transaction_id": transaction_id}})
    return intent.id
