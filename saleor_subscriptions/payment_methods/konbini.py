"""Konbini: a Stripe PaymentIntent whose numbers the customer pays at a convenience store's till (payments/konbini.py);
Stripe reports the payment, and the voucher's expiry, by webhook."""

import datetime
from decimal import Decimal

from ..core import rows
from ..payments import konbini, stripe_api
from ..payments.models import PaymentInstructions
from .base import Deadline, PaymentMethod, RenewalRequest
from .builtin_texts import disclosures, invoice_texts


class Konbini(PaymentMethod):
    name = "konbini"
    labels = {"en": "Konbini", "ja": "コンビニ払い", "zh-hans": "便利店付款", "zh-hant": "超商付款"}
    disclosures = disclosures("konbini")
    invoice_texts = invoice_texts("konbini")
    currencies = frozenset({"JPY"})
    taken_by_staff = True
    deadline = Deadline(days=konbini.EXPIRES_AFTER_DAYS, remind_days_before=1, after="stop", reported_by_provider=True)
    checkout_message = "Awaiting payment at a convenience store."

    def start_checkout(self, installation, payload: dict, amount: Decimal) -> dict:
        from ..payments.gateway import konbini_checkout

        return konbini_checkout(installation, payload, amount)

    def owns(self, psp_reference: str) -> bool:
        return False  # a Stripe PaymentIntent

    def renewal_reference(self, renewal) -> str:
        return renewal.payment_intent_id

    def request_renewal(self, request: RenewalRequest) -> str:
        """Its own PaymentIntent (one per renewal, keyed by the order's reference), whose store numbers are kept for
        the e-mail and whose metadata names the transaction for Stripe's webhook."""
        from ..payments.saleor_transactions import request_payment, stripe_dashboard_url
        from ..saleor.client import SaleorClient
        from ..saleor.payloads import person_name

        installation = request.installation
        intent = konbini.create_intent(
            installation, amount=request.amount, email=request.email, name=person_name(request.billing_address),
            idempotency_key=f"{request.reference}-konbini",
            metadata={"saleor_api_url": installation.saleor_api_url, "saleor_order_id": request.order_id, **request.metadata})
        transaction_id = request_payment(
            SaleorClient.for_installation(installation), order_id=request.order_id, name=self.transaction_name,
            psp_reference=intent.id, amount=request.amount, currency=request.currency, message=self.checkout_message,
            metadata=request.metadata, external_url=stripe_dashboard_url(installation, intent.id))
        konbini.remember(installation, intent, transaction_id=transaction_id, amount=request.amount)
        if intent.metadata.to_dict().get("saleor_transaction_id") != transaction_id:
            stripe_api.stripe_client(installation).v1.payment_intents.update(
                intent.id, params={"metadata": {"saleor_transaction_id": transaction_id}})
        return intent.id

    def due_at(self, renewal) -> datetime.datetime | None:
        voucher = self._voucher(renewal)
        return voucher.expires_at if voucher else super().due_at(renewal)

    def void(self, installation, renewal) -> bool:
        return renewal.paid_at is not None or konbini.void(installation, renewal.payment_intent_id)

    def instructions(self, renewal, language: str) -> dict:
        voucher = self._voucher(renewal)
        return {"method": self.name, "text": "", "bank": "", "stores": voucher.stores if voucher else {},
                "voucher_url": voucher.voucher_url if voucher else "",
                "expires_at": voucher.expires_at.date() if voucher else None}

    @staticmethod
    def _voucher(renewal) -> PaymentInstructions | None:
        if not renewal.payment_intent_id:
            return None
        found = rows.select(PaymentInstructions, "t0.payment_intent_id = %s ORDER BY t0.id LIMIT 1",
                            [renewal.payment_intent_id])
        return found[0] if found else None  # read on every konbini renewal's mail: a statement written once
