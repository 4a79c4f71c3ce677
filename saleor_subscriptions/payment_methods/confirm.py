"""What a method's provider reports about a requested payment: money received (in full or in part) — the API a
plug-in's webhook calls. Staff confirmations stay in payments/offline.py (`mark_received`)."""

import dataclasses
from decimal import Decimal

from ..core.models import Event, record_event
from ..core.money import from_saleor, quantize
from ..payments.offline import NotPending, _renewal_of_order, mark_paid
from ..saleor.client import SaleorClient
from ..subscriptions.models import Renewal
from . import registry


@dataclasses.dataclass(frozen=True)
class Received:
    amount: Decimal  # reported now (0 for a redelivered report)
    remaining: Decimal  # still to pay: 0 once the request is settled
    renewal: Renewal | None  # the renewal whose order it pays, if any


def received(installation, *, method: str, transaction_id: str, amount: Decimal, reference: str,
             message: str = "payment received") -> Received:
    """The provider received `amount` for the pending transaction of `method`; `reference` is the provider's id of
    this payment, so a redelivered report is recorded once. A part leaves the rest pending (Saleor shows it); the
    payment that completes it settles the request (reported with the transaction's own reference) and the renewal."""
    client = SaleorClient.for_installation(installation)
    transaction = client.execute("PendingTransaction", {"id": transaction_id})["transaction"]
    own = registry.get(method)
    if transaction is None or registry.for_reference(transaction["pspReference"] or "") is not own:
        raise NotPending(f"no {method} transaction {transaction_id}")
    currency = transaction["chargePendingAmount"]["currency"]
    pending = from_saleor(transaction["chargePendingAmount"]["amount"], currency)
    charged = from_saleor(transaction["chargedAmount"]["amount"], currency)
    renewal = _renewal_of_order(installation, (transaction.get("order") or {}).get("id"))
    requested = quantize(renewal.amount, currency) if renewal and renewal.amount is not None else charged + pending
    if installation.events.filter(type="payment.received", data__method=method, data__reference=reference).exists():
        return Received(Decimal(0), max(requested - charged, Decimal(0)), renewal)  # a redelivered report
    completes = charged + amount >= requested
    reported = client.execute("TransactionEventReport", {
        "id": transaction_id, "type": "CHARGE_SUCCESS", "amount": str(amount), "message": message,
        # the payment that completes it answers the request (its reference); a part keeps the provider's
        "pspReference": transaction["pspReference"] if completes else reference,
    }, idempotent=True)["transactionEventReport"]
    if reported.get("alreadyProcessed"):  # counted before (a racing delivery, or a crash before our record of it)
        if renewal and charged >= requested:
            mark_paid(renewal)
        return Received(Decimal(0), max(requested - charged, Decimal(0)), renewal)
    remaining = max(requested - charged - amount, Decimal(0))
    if renewal and completes:
        mark_paid(renewal)
    of_renewal = {"subscription": renewal.subscription_id, "cycle": renewal.cycle} if renewal else {}
    record_event(installation, "payment.received", actor=Event.Actor.SYSTEM, method=method, transaction=transaction_id,
                 reference=reference, amount=str(amount), remaining=str(remaining), currency=currency, **of_renewal)
    return Received(amount, remaining, renewal)
