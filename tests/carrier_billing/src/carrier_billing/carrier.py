"""A stand-in for the carrier's billing API (a real package calls the carrier over HTTPS here).

The carrier takes a charge request (idempotent by the merchant's reference), the customer approves it on their
phone, and the carrier reports the payment to our webhook, signed with the shared secret (HMAC-SHA256 of the body).
"""

import dataclasses
import hashlib
import hmac
import os
from decimal import Decimal


def secret() -> bytes:
    return os.environ["CARRIER_BILLING_WEBHOOK_SECRET"].encode()


def sign(body: bytes) -> str:
    return hmac.new(secret(), body, hashlib.sha256).hexdigest()


@dataclasses.dataclass
class Carrier:
    charges: dict[str, dict] = dataclasses.field(default_factory=dict)  # by the merchant's reference
    refunds: list[dict] = dataclasses.field(default_factory=list)

    def request_charge(self, *, reference: str, amount: Decimal, transaction_id: str, webhook_url: str) -> dict:
        """The carrier asks the customer to approve; a retried request finds the first."""
        return self.charges.setdefault(reference, {
            "id": f"cb_{len(self.charges) + 1}", "reference": reference, "amount": amount, "status": "requested",
            "transaction_id": transaction_id, "webhook_url": webhook_url})

    def cancel(self, reference: str) -> bool:
        charge = self.charges.get(reference)
        if charge is None or charge["status"] == "paid":
            return charge is None
        charge["status"] = "cancelled"
        return True

    def refund(self, *, reference: str, amount: Decimal) -> dict:
        refund = {"id": f"cbr_{len(self.refunds) + 1}", "reference": reference, "amount": amount}
        self.refunds.append(refund)
        return refund


CARRIER = Carrier()
