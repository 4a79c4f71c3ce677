"""Cash on delivery and bank transfer: the order stays unpaid until staff confirm the money."""

from decimal import Decimal

from ..core.models import Event, record_event
from ..core.money import from_saleor
from ..saleor.client import SaleorClient


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
