"""The payment-method interface: what one method (card, konbini, cash on delivery, …) does at checkout, at each
renewal and afterwards. Built-in methods and plug-ins (see `registry`) implement it alike.

A method that is not charged off-session leaves the order with the amount pending: the Saleor transaction carries a
`CHARGE_REQUEST`, and the method confirms it later (staff, or a provider's event through `confirm.received`), in full
or in parts. Its `deadline` says how long that may take (`pending.py` reminds and expires).
"""

import dataclasses
import datetime
from decimal import Decimal
from typing import ClassVar

LANGUAGES = ("en", "ja", "zh-hans", "zh-hant")


@dataclasses.dataclass(frozen=True)
class Deadline:
    """How long a requested payment may stay pending, counted from the renewal order.

    `after`: "stop" — the renewal fails as after its last retry (the subscription is paused or cancelled by the
    shop's `after_last_retry` setting, the unpaid order is cancelled); "overdue" — the order stays, the renewal is
    marked overdue and the merchant follows up. `reported_by_provider`: the provider itself reports the expiry (a
    konbini voucher: Stripe's `payment_intent.payment_failed`), so only the reminder is ours.
    """

    days: int
    remind_days_before: int = 1
    after: str = "stop"
    reported_by_provider: bool = False

    def due_at(self, requested_at: datetime.datetime) -> datetime.datetime:
        return requested_at + datetime.timedelta(days=self.days)


@dataclasses.dataclass(frozen=True)
class RenewalRequest:
    """A renewal order to be paid later: what a method needs to request the payment. `reference` is the renewal's
    own (stable across retries: use it for idempotency keys); `metadata` goes on the Saleor transaction."""

    installation: object
    order_id: str
    amount: Decimal
    currency: str
    reference: str
    email: str
    billing_address: dict | None
    metadata: dict[str, str]


class PaymentMethod:
    """One way to pay. Subclass it, set the class attributes, override what differs from a pending payment
    confirmed later, and register it (built in: `registry.BUILT_IN`; a plug-in: an entry point)."""

    name: ClassVar[str]  # lower-case letters, digits and "_": stored on subscriptions, sent by storefronts
    labels: ClassVar[dict[str, str]]  # what customers and staff read, per language (en, ja, zh-hans, zh-hant)
    disclosures: ClassVar[dict[str, str]] = {}  # the checkout's statement of how renewals are paid ({order_day})
    currencies: ClassVar[frozenset[str] | None] = None  # None: every currency
    charged_off_session: ClassVar[bool] = False  # the card: renewals are charged, nothing stays pending
    confirmed_by_staff: ClassVar[bool] = False  # staff confirm the money arrived ("confirm payment")
    deadline: ClassVar[Deadline | None] = None  # None: no deadline (cash on delivery is paid at the door)
    checkout_message: ClassVar[str] = "Awaiting payment."
    # The invoice's "how to pay" line per language (konbini's takes `{deadline}`): a renewal order of a method that
    # has one gets a printable invoice (請求書) for the customer and the warehouse; none: no invoice
    invoice_texts: ClassVar[dict[str, str]] = {}

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]

    def invoice_text(self, language: str) -> str:
        return self.invoice_texts.get(language) or self.invoice_texts.get("en", "")

    def disclosure(self, language: str, *, order_day: str, card: str = "") -> str:
        """`{order_day}` (when each renewal order is placed) and `{days}` (the deadline) are filled in."""
        text = self.disclosures.get(language) or self.disclosures.get("en") or self.label(language)
        return text.format(order_day=order_day, days=self.deadline.days if self.deadline else "")

    def offered(self, installation, *, channel: str, currency: str) -> bool:
        """At checkout, once the shop offers it in the channel and the plans take it."""
        return self.currencies is None or currency in self.currencies

    @property
    def transaction_name(self) -> str:
        """The Saleor transaction's name, as staff see it on the order."""
        return f"{self.labels['en']} (subscription)"

    # ---- checkout: Saleor's TRANSACTION_INITIALIZE_SESSION / TRANSACTION_PROCESS_SESSION ---------------------------

    def checkout_reference(self, transaction_id: str) -> str:
        return f"{self.name}:{transaction_id}"

    def start_checkout(self, installation, payload: dict, amount: Decimal) -> dict:
        """The answer to Saleor's transaction initialize: by default the amount is pending until confirmed."""
        return {"result": "CHARGE_REQUEST", "pspReference": self.checkout_reference(payload["transaction"]["id"]),
                "amount": float(amount), "message": self.checkout_message}

    def process_checkout(self, installation, payload: dict) -> dict:
        return {"result": "CHARGE_REQUEST", "pspReference": payload["transaction"]["pspReference"],
                "amount": float(Decimal(str(payload["action"]["amount"])))}

    def owns(self, psp_reference: str) -> bool:
        """The transaction reference is this method's: a checkout's (`name:…`) or a renewal's (`…-name`)."""
        return psp_reference.startswith(f"{self.name}:") or psp_reference.endswith(f"-{self.name}")

    # ---- renewals ------------------------------------------------------------------------------------------------

    def renewal_reference(self, renewal) -> str:
        """The pspReference of the transaction the renewal's order went out with."""
        return f"{renewal.external_reference}-{self.name}"

    def request_renewal(self, request: RenewalRequest) -> str | None:
        """Ask for the renewal's payment: the order's pending transaction, found again on a retry. Returns an id to
        keep on the renewal (`payment_intent_id`), or None."""
        from ..payments.saleor_transactions import request_payment
        from ..saleor.client import SaleorClient

        request_payment(SaleorClient.for_installation(request.installation), order_id=request.order_id,
                        name=self.transaction_name, psp_reference=f"{request.reference}-{self.name}",
                        amount=request.amount, currency=request.currency, message="awaiting payment",
                        metadata=request.metadata)
        return None

    def due_at(self, renewal) -> datetime.datetime | None:
        """When the renewal's requested payment is due (None: no deadline)."""
        if self.deadline is None or renewal.payment_requested_at is None:
            return None
        return self.deadline.due_at(renewal.payment_requested_at)

    def void(self, installation, renewal) -> bool:
        """The pending request can no longer be paid (the order was paid otherwise): False if it was paid meanwhile."""
        return True

    # ---- after: refunds, what the customer is told, webhooks -----------------------------------------------------

    def refund(self, installation, payload: dict) -> dict:
        """Saleor's TRANSACTION_REFUND_REQUESTED for a transaction of this method."""
        return {"result": "REFUND_FAILURE", "pspReference": payload["transaction"].get("pspReference") or "",
                "amount": float(Decimal(str(payload["action"]["amount"]))),
                "message": f"{self.labels['en']} is refunded by the shop directly, not through the app."}

    def instructions(self, renewal, language: str) -> dict | None:
        """What the `payment_instructions` mail tells the customer after a renewal order (None: no mail):
        `{"method", "text", "bank", "stores", "voucher_url", "expires_at"}`, the unused keys empty."""
        return None

    def urls(self) -> list:
        """Django URL patterns served under `/api/payment-methods/<name>/<shop portal key>/` (a provider's
        webhooks); each view is called with `installation=` the shop's."""
        return []
