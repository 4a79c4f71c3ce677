"""Card: Stripe Elements at checkout, the saved card charged off-session at each renewal (renewals/engine.py)."""

from decimal import Decimal

from .base import PaymentMethod
from .builtin_texts import disclosures


class Card(PaymentMethod):
    name = "card"
    labels = {"en": "Card", "ja": "クレジットカード", "zh-hans": "银行卡", "zh-hant": "信用卡"}
    disclosures = disclosures("card")
    charged_off_session = True
    taken_by_staff = True

    def disclosure(self, language: str, *, order_day: str, card: str = "") -> str:
        return self.disclosures[language].format(order_day=order_day, card=card)

    def start_checkout(self, installation, payload: dict, amount: Decimal) -> dict:
        from ..payments.gateway import card_checkout

        return card_checkout(installation, payload, amount)

    def owns(self, psp_reference: str) -> bool:
        return False  # Stripe PaymentIntents: the gateway's own Stripe path (process, capture, refund, cancel)
