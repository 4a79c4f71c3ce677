"""Saleor's LanguageCodeEnum and our four languages (en, ja, zh-hans, zh-hant)."""


def language_for(code: str | None, default: str) -> str:
    """Saleor's LanguageCodeEnum (JA, JA_JP, ZH_HANT_TW, EN_US …) → one of our four languages."""
    tag = (code or "").lower().replace("_", "-")
    for ours in ("zh-hant", "zh-hans", "ja", "en"):
        if tag == ours or tag.startswith(ours + "-"):
            return ours
    if tag in ("zh-tw", "zh-hk", "zh-mo"):
        return "zh-hant"
    if tag.startswith("zh"):
        return "zh-hans"
    return default


def saleor_language(language: str) -> str:
    """One of our languages → Saleor's LanguageCodeEnum: "zh-hans" → "ZH_HANS"."""
    return language.upper().replace("-", "_")
