"""Payments that arrive after the order: cash on delivery, bank transfer, konbini and every plug-in method that is
not charged off-session (payment_methods/).

The order carries a transaction with the amount pending. Staff confirm cash and transfers
(`mark_received`, `renewal_received`); Stripe's webhook reports a konbini payment; a plug-in's provider confirms
through `payment_methods.confirm`. A renewal whose pending payment is settled has `paid_at`.
"""

from decimal import Decimal

from django.utils import timezone

from ..core.models import Event, record_event
from ..core.money import from_saleor
from ..payment_methods import registry
from ..payment_methods.base import RenewalRequest
from ..saleor.client import SaleorClient
from ..subscriptions.models import Renewal, Subscription
from . import stripe_bank_transfer


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
    return registry.get(renewal.payment_kind).renewal_reference(renewal)


def renewal_received(installation, renewal: Renewal, *, actor_id: str = "") -> Decimal | None:
    """Staff: the cash or transfer for this renewal arrived. None when it was confirmed before (idempotent)."""
    method = registry.find(renewal.payment_kind)
    if method is None or not method.confirmed_by_staff or not renewal.saleor_order_id:
        raise NotPending("this renewal is not waiting for cash or a transfer")
    if stripe_bank_transfer.reconciled(renewal):
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
    renewal settled, if any.
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
    if renewal.paid_at is None and not registry.get(renewal.payment_kind).void(installation, renewal):
        return None  # paid meanwhile (a konbini till): the provider reports it, and the order shows it overpaid
    if not stripe_bank_transfer.reconciled(renewal):  # a Stripe bank transfer's void closed its requests itself
        _close_as_paid_otherwise(installation, waiting, currency)
    if mark_paid(renewal):
        record_event(installation, "payment.marked_paid_in_saleor", actor=Event.Actor.SALEOR,
                     subscription=renewal.subscription_id, cycle=renewal.cycle, order=order["id"],
                     amount=str(from_saleor(order["total"]["gross"]["amount"], currency)), currency=currency)
    return renewal


def _first_order_paid_in_saleor(installation, order: dict, currency: str) -> None:
    if not Subscription.objects.filter(installation=installation, origin_order_id=order["id"]).exists():
        return
    waiting = _waiting(order, currency, lambda psp_reference: registry.for_reference(psp_reference) is not None)
    for transaction in _close_as_paid_otherwise(installation, waiting, currency) if waiting else ():
        record_event(installation, "payment.marked_paid_in_saleor", actor=Event.Actor.SALEOR, order=order["id"],
                     transaction=transaction["id"], amount=str(from_saleor(order["total"]["gross"]["amount"], currency)),
                     currency=currency)


def request_renewal_payment(installation, *, kind: str, order_id: str, amount: Decimal, currency: str, reference: str,
                            email: str, billing_address: dict | None, metadata: dict[str, str]) -> str | None:
    """The renewal order's pending transaction, requested by its method; every step is found again on a retry.

    Returns the id the method keeps on the renewal (konbini: its PaymentIntent), or None.
    """
    return registry.get(kind).request_renewal(RenewalRequest(
        installation=installation, order_id=order_id, amount=amount, currency=currency, reference=reference,
        email=email, billing_address=billing_address, metadata=metadata))
