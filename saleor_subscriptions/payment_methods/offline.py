"""Cash on delivery and bank transfer to the shop's own account: the order goes out with the amount pending until
staff confirm the money arrived (payments/offline.py). A shop may have Stripe reconcile a channel's bank transfers
instead, each customer paying into a virtual account of their own (payments/stripe_bank_transfer.py)."""

from ..payments import stripe_bank_transfer
from .base import Deadline, PaymentMethod, RenewalRequest
from .builtin_texts import disclosures, invoice_texts


class CashOnDelivery(PaymentMethod):
    name = "cod"
    labels = {"en": "Cash on delivery", "ja": "代金引換", "zh-hans": "货到付款", "zh-hant": "貨到付款"}
    disclosures = disclosures("cod")
    invoice_texts = invoice_texts("cod")
    confirmed_by_staff = True
    checkout_message = "Cash on delivery: paid to the carrier."
    # no deadline: the carrier collects the cash when the parcel is delivered


class BankTransfer(PaymentMethod):
    name = "bank_transfer"
    labels = {"en": "Bank transfer", "ja": "銀行振込", "zh-hans": "银行转账", "zh-hant": "銀行轉帳"}
    disclosures = disclosures("bank_transfer")
    invoice_texts = invoice_texts("bank_transfer")
    confirmed_by_staff = True
    # a late transfer still settles the order: past the deadline the renewal is overdue and the merchant follows up
    deadline = Deadline(days=7, remind_days_before=2, after="overdue")
    checkout_message = "Bank transfer: awaiting the customer's payment."

    def request_renewal(self, request: RenewalRequest) -> str | None:
        """Into the customer's Stripe virtual account where the shop has Stripe reconcile the channel's transfers
        (returns the PaymentIntent's id), else into the shop's own account."""
        renewal = stripe_bank_transfer.renewal_of(request.installation, request.metadata)
        if renewal is not None and stripe_bank_transfer.enabled(request.installation, renewal.subscription):
            return stripe_bank_transfer.request_renewal_payment(request.installation, renewal, order_id=request.order_id,
                                                                amount=request.amount, metadata=request.metadata)
        return super().request_renewal(request)

    def renewal_reference(self, renewal) -> str:
        return renewal.payment_intent_id or super().renewal_reference(renewal)

    def void(self, installation, renewal) -> bool:
        return stripe_bank_transfer.void(installation, renewal) if stripe_bank_transfer.reconciled(renewal) else True

    def instructions(self, renewal, language: str) -> dict:
        installation = renewal.subscription.installation
        bank = installation.bank_transfer_details
        return {"method": self.name, "text": "", "stores": {}, "voucher_url": "",
                "bank": bank.get(language) or bank.get(installation.default_language) or "",
                "expires_at": self.due_at(renewal).date() if self.due_at(renewal) else None,
                **stripe_bank_transfer.instructions(renewal)}
