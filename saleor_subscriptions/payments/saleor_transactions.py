"""Recording a charge we made ourselves (a renewal) on its Saleor order, exactly once."""

from decimal import Decimal

from ..saleor.client import SaleorClient
from .charges import ChargeResult
from .declines import Outcome
from .models import PaymentMethod
from .stripe_api import is_live

TRANSACTION_NAME = "Stripe (subscription)"


def stripe_dashboard_url(payment_intent_id: str) -> str:
    return f"https://dashboard.stripe.com/{'' if is_live() else 'test/'}payments/{payment_intent_id}"


def record_charge(installation, *, order_id: str, charge: ChargeResult, payment_method: PaymentMethod | None,
                  metadata: dict[str, str]) -> str:
    """Create the order's transaction for a successful charge; a retry finds it and stops.

    Saleor keeps one transaction per PSP reference, so the PaymentIntent id is the key.
    """
    if charge.outcome != Outcome.SUCCEEDED or not charge.payment_intent_id:
        raise ValueError("only a successful charge is recorded as charged")
    client = SaleorClient.for_installation(installation)
    order = client.execute("OrderTransactions", {"id": order_id})["order"]
    if order is None:
        raise LookupError(f"order {order_id} not found")
    for transaction in order["transactions"]:
        if transaction["pspReference"] == charge.payment_intent_id:
            return transaction["id"]
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
        "externalUrl": stripe_dashboard_url(charge.payment_intent_id),
        "metadata": [{"key": key, "value": value} for key, value in metadata.items()],
        "paymentMethodDetails": card,
    }
    # Not retried here: after a lost answer, calling record_charge again finds the transaction.
    created = client.execute("TransactionCreate", {
        "id": order_id, "transaction": transaction,
        "event": {"pspReference": charge.payment_intent_id, "message": "off-session renewal charge"},
    })
    return created["transactionCreate"]["transaction"]["id"]
