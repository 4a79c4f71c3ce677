"""Carrier billing as a saleor-subscriptions payment method (registered by the entry point in pyproject.toml)."""

from decimal import Decimal

from django.urls import path

from saleor_subscriptions.core.dates import format_day
from saleor_subscriptions.core.money import format_money
from saleor_subscriptions.payment_methods.base import Deadline, PaymentMethod, RenewalRequest
from saleor_subscriptions.payment_methods.views import method_url
from saleor_subscriptions.payments.saleor_transactions import request_payment
from saleor_subscriptions.saleor.client import SaleorClient

from . import views
from .carrier import CARRIER

APPROVE = {
    "en": "Approve the charge of {amount} on your phone by {date}; it is added to your phone bill.",
    "ja": "{date}までに携帯電話で{amount}のお支払いを承認してください。携帯電話料金と合わせてご請求します。",
    "zh-hans": "请在{date}前于手机上确认{amount}的付款，费用将计入您的话费账单。",
    "zh-hant": "請在{date}前於手機上確認{amount}的付款，費用將併入您的電信帳單。",
}


class CarrierBilling(PaymentMethod):
    name = "carrier_billing"
    labels = {"en": "Carrier billing", "ja": "キャリア決済", "zh-hans": "运营商代收", "zh-hant": "電信代收"}
    disclosures = {
        "en": "Payment: added to your phone bill; approve each delivery's charge on your phone within {days} days "
              "after its order is placed ({order_day}).",
        "ja": "お支払い方法・時期：キャリア決済。各回のご注文（{order_day}）後、{days}日以内に携帯電話で承認してください。",
        "zh-hans": "付款方式及时间：运营商代收，每次下单（{order_day}）后{days}天内在手机上确认。",
        "zh-hant": "付款方式及時間：電信代收，每次下單（{order_day}）後{days}天內在手機上確認。",
    }
    currencies = frozenset({"JPY"})
    taken_by_staff = False  # the customer approves each charge on their phone: staff cannot take it for them
    deadline = Deadline(days=5, remind_days_before=2, after="stop")
    checkout_message = "Awaiting the customer's approval at their carrier."

    def start_checkout(self, installation, payload: dict, amount: Decimal) -> dict:
        answer = super().start_checkout(installation, payload, amount)
        charge = CARRIER.request_charge(reference=answer["pspReference"], amount=amount,
                                        transaction_id=payload["transaction"]["id"],
                                        webhook_url=method_url(installation, self.name, "webhook"))
        return {**answer, "data": {"carrierCharge": charge["id"]}}

    def request_renewal(self, request: RenewalRequest) -> None:
        reference = f"{request.reference}-{self.name}"
        transaction_id = request_payment(
            SaleorClient.for_installation(request.installation), order_id=request.order_id, name=self.transaction_name,
            psp_reference=reference, amount=request.amount, currency=request.currency, message=self.checkout_message,
            metadata=request.metadata)
        CARRIER.request_charge(reference=reference, amount=request.amount, transaction_id=transaction_id,
                               webhook_url=method_url(request.installation, self.name, "webhook"))

    def renewal_reference(self, renewal) -> str:
        return f"{renewal.external_reference}-{self.name}"

    def void(self, installation, renewal) -> bool:
        return CARRIER.cancel(self.renewal_reference(renewal))

    def refund(self, installation, payload: dict) -> dict:
        transaction, amount = payload["transaction"], Decimal(str(payload["action"]["amount"]))
        refund = CARRIER.refund(reference=transaction["pspReference"], amount=amount)
        return {"result": "REFUND_SUCCESS", "pspReference": refund["id"], "amount": float(amount)}

    def instructions(self, renewal, language: str) -> dict:
        due = self.due_at(renewal)
        text = APPROVE[language].format(amount=format_money(renewal.amount, renewal.currency, language),
                                        date=format_day(due.date(), language) if due else "")
        return {"method": self.name, "text": text, "bank": "", "stores": {}, "voucher_url": "", "expires_at": None}

    def urls(self) -> list:
        return [path("webhook", views.webhook)]
