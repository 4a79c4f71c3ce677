"""The built-in methods' words: the checkout statements kept in `checkout.texts` and the invoice's "how to pay"
lines kept in `invoices.texts` (both as pay_<name>)."""

from ..checkout.texts import TEXTS
from ..invoices.texts import TEXTS as INVOICE_TEXTS


def disclosures(name: str) -> dict[str, str]:
    return {language: texts[f"pay_{name}"] for language, texts in TEXTS.items()}


def invoice_texts(name: str) -> dict[str, str]:
    return {language: texts[f"pay_{name}"] for language, texts in INVOICE_TEXTS.items()}
