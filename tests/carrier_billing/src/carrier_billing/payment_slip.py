"""A payment slip packed with the goods (払込票同封), the package's second method: the customer pays the slip at a
post office, bank or convenience store after the parcel arrives (the invoice packed beside it says so), and staff
confirm the money came in (or a slip provider's report does, through `payment_methods.confirm`). Nothing needs the customer at the moment of the order,
so staff may take it on the phone (`taken_by_staff`)."""

from saleor_subscriptions.core.dates import format_day
from saleor_subscriptions.core.money import format_money
from saleor_subscriptions.payment_methods.base import Deadline, PaymentMethod

PAY_BY = {
    "en": "The payment slip for {amount} is packed with your delivery: please pay it at a post office, bank or "
          "convenience store by {date}.",
    "ja": "お届けする商品に{amount}の払込票を同封しています。{date}までに郵便局・銀行・コンビニでお支払いください。",
    "zh-hans": "{amount}的付款单随商品一同寄出，请于{date}前在邮局、银行或便利店付款。",
    "zh-hant": "{amount}的繳款單隨商品一同寄出，請於{date}前在郵局、銀行或超商繳款。",
}


class PaymentSlip(PaymentMethod):
    name = "payment_slip"
    labels = {"en": "Payment slip (packed with the goods)", "ja": "払込票同封",
              "zh-hans": "付款单（随商品寄送）", "zh-hant": "繳款單（隨商品寄送）"}
    disclosures = {
        "en": "Payment: by the payment slip packed with each delivery, within {days} days after its order is placed "
              "({order_day}), at a post office, bank or convenience store.",
        "ja": "お支払い方法・時期：商品に同封の払込票。各回のご注文（{order_day}）後、{days}日以内に郵便局・銀行・コンビニでお支払いください。",
        "zh-hans": "付款方式及时间：随商品寄送的付款单，每次下单（{order_day}）后{days}天内在邮局、银行或便利店付款。",
        "zh-hant": "付款方式及時間：隨商品寄送的繳款單，每次下單（{order_day}）後{days}天內在郵局、銀行或超商繳款。",
    }
    invoice_texts = {  # the invoice (請求書) packed with the goods beside the slip
        "en": "Payment slip: please pay the amount due with the enclosed slip at a post office, bank or convenience store.",
        "ja": "払込票：同封の払込票で、郵便局・銀行・コンビニにてご請求金額をお支払いください。",
        "zh-hans": "付款单：请持随附的付款单，在邮局、银行或便利店支付应付金额。",
        "zh-hant": "繳款單：請持隨附的繳款單，在郵局、銀行或超商繳納應付金額。",
    }
    currencies = frozenset({"JPY"})
    confirmed_by_staff = True
    taken_by_staff = True
    # a slip paid late still settles the order: past the deadline the renewal is overdue and the merchant follows up
    deadline = Deadline(days=14, remind_days_before=3, after="overdue")
    checkout_message = "Payment slip packed with the goods: awaiting the customer's payment."

    def instructions(self, renewal, language: str) -> dict:
        due = self.due_at(renewal)
        text = PAY_BY[language].format(amount=format_money(renewal.amount, renewal.currency, language),
                                       date=format_day(due.date(), language) if due else "")
        return {"method": self.name, "text": text, "bank": "", "stores": {}, "voucher_url": "", "expires_at": None}
