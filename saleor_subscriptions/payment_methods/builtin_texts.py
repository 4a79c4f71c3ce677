"""The built-in methods' words: labels, and the checkout statements kept in `checkout.texts` (pay_<name>)."""

from ..checkout.texts import TEXTS


def disclosures(name: str) -> dict[str, str]:
    return {language: texts[f"pay_{name}"] for language, texts in TEXTS.items()}
