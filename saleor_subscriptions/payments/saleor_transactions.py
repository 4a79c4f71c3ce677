"""Recording a charge we made ourselves (a renewal) on its Saleor order, exactly once."""

from decimal import Decimal

from ..saleor.client import SaleorClient
from .charges import ChargeResult
from .declines import Outcome
from .models import PaymentMethod
from .stripe_api import is_live

TRANSACTION_NAME = "Stripe (subscription)"


def stripe_dashboard_url(installation, payment_intent_id: str) -> str:
    return f"https://dashboard.stripe.com/{'' if is_live(installation) else 'test/'}payments/{payment_intent_id}"


def ensure_transaction(client: SaleorClient, order_id: str, transaction: dict, event: dict | None = None, *,
                       look_up: bool = True) -> str:
    """The order's transaction for `transaction["pspReference"]`, created unless a retry finds it.

    Saleor keeps one transaction per PSP reference, so the reference is the key. Not retried here:
    after a lost answer, calling this again finds the transaction. Without `look_up` (the caller
    knows no earlier attempt got this far) it is created at once.
    """
    if look_up:
        order = client.execute("OrderTransactions", {"id": order_id})["order"]
        if order is None:
            raise LookupError(f"order {order_id} not found")
        for existing in order["transactions"]:
            if existing["pspReference"] == transaction["pspReference"]:
                return existing["id"]
    created = client.execute("TransactionCreate", {"id": order_id, "transaction": transaction, "event": event})
    return created["transactionCreate"]["transaction"]["id"]


def request_payment(client: SaleorClient, *, order_id: str, name: str, psp_reference: str, amount: Decimal,
                    currency: str, message: str, metadata: dict[str, str], external_url: str | None = None) -> str:
    """A transaction whose amount is pending until the money arrives (cash on delivery, bank, konbini)."""
    transaction_id = ensure_transaction(client, order_id, {
        "name": name, "pspReference": psp_reference, "availableActions": [], "externalUrl": external_url,
        "metadata": [{"key": key, "value": value} for key, value in metadata.items()],
    })
    client.execute("TransactionEventReport", {
        "id": transaction_id, "type": "CHARGE_REQUEST", "pspReference": psp_reference, "amount": str(amount),
        "message": message, "externalUrl": external_url,
    }, idempotent=True)  # Saleor answers alreadyProcessed for an identical event
    return transaction_id


def record_charge(installation, *, order_id: str, charge: ChargeResult, payment_method: PaymentMethod | None,
                  metadata: dict[str, str], look_up: bool = True, message: str = "off-session renewal charge") -> str:
    """Create the order's transaction for a successful charge, exactly once; `message` is its event's in Saleor."""
    if charge.outcome != Outcome.SUCCEEDED or not charge.payment_intent_id:
        raise ValueError("only a successful charge is recorded as charged")
    card = None
    if payment_method is not None:
        card = {"card": {"name": payment_method.brand.title() or "Card", "brand": payment_method.brand,
                         "lastDigits": payment_method.last4, "expMonth": payment_method.exp_month,
                         "expYear": payment_method.exp_year}}
    transaction = {
        "name": TRANSACTION_NAME,
        "pspReference": charge.payment_intent_id,
        "availableActions": ["REFUND"],
        "amountCharged": {"amount": str(Decimal(charge.amount)), "currency": charge.currency},
        "externalUrl": stripe_dashboard_url(installation, charge.payment_intent_id),
        "metadata": [{"key": key, "value": value} for key, value in metadata.items()],
        "paymentMethodDetails": card,
    }
    return ensure_transaction(SaleorClient.for_installation(installation), order_id, transaction,
                              {"pspReference": charge.payment_intent_id, "message": message}, look_up=look_up)
