"""Previews and test sends: any template in any language, rendered for a sample customer."""

import dataclasses
import datetime
from decimal import Decimal

from ..config import LANGUAGE_CODES
from ..core.errors import InputError
from ..core.money import format_money
from ..resources import resource_dir
from ..saleor.dashboard import order_url, subscription_url
from . import sending
from .billing_texts import decline_text, result_label
from .templates import render

SUBSCRIPTION = {"id": 1042, "plan": "毎月お届け定期便", "status": "active", "currency": "JPY", "next_date": datetime.date(2027, 3, 31),
                "deliveries": 3, "payment_kind": "card", "paused_until": None, "quantity": 2}
RENEWAL = {"cycle": 3, "amount": Decimal("6500"), "order_number": "1234", "date": datetime.date(2027, 2, 28), "attempts": 1,
           "invoice": ""}
INVOICED = {**RENEWAL, "invoice": "https://app.example.com/invoices/sample"}
ONE_TIME_ITEMS = [{"product": "抹茶ラテ", "variant": "10本入り", "quantity": 2, "amount": Decimal("2400")}]
# What each kind needs beyond the common context (customer, subscription, sender, links).
EXTRA = {
    "renewal_placed": {"renewal": RENEWAL},
    "payment_succeeded": {"renewal": RENEWAL},
    "payment_failed": {"renewal": RENEWAL, "retry_date": datetime.date(2027, 3, 7)},
    "auth_required": {"renewal": RENEWAL, "retry_date": datetime.date(2027, 3, 7)},
    "payment_instructions": {"renewal": INVOICED, "instructions": {
        "method": "konbini", "bank": "", "voucher_url": "https://payments.stripe.com/konbini/voucher/test_sample",
        "expires_at": datetime.date(2027, 3, 3), "account": {}, "received": Decimal(0), "remaining": None,
        "stores": {chain: {"paymentCode": code, "confirmationNumber": "09012345678"}
                   for chain, code in (("familymart", "123456789012"), ("lawson", "234567890123"),
                                       ("ministop", "345678901234"), ("seicomart", "456789012345"))}}},
    "paused": {"reason": "customer", "at": "", "skipped": ""},
    "resumed": {"reason": "customer", "at": "", "skipped": ""},
    "skipped": {"reason": "customer", "at": "", "skipped": "2027-02-28"},
    "cancelled": {"reason": "customer", "at": "now", "skipped": ""},
    "stock_short": {"renewal": RENEWAL, "outcome": "wait"},
    "trial_ending": {"regular_amount": Decimal("6000"), "change_until": datetime.date(2027, 3, 24),
                     "one_time_items": ONE_TIME_ITEMS},
    "upcoming": {"change_until": datetime.date(2027, 3, 24), "one_time_items": ONE_TIME_ITEMS},
    "plan_change": {"change": {"effective_on": datetime.date(2027, 4, 1), "plan": "毎月お届け定期便（2027年改定）",
                               "old_amount": Decimal("12000"), "new_amount": Decimal("12600"), "percent_off": None,
                               "min_commitment": None, "billing_limit": None}},
    "portal_sign_in": {"link": "https://app.example.com/portal/sample/in/sample-token", "minutes": 15},
    "funnel_step": {"subject": "今なら定期便が毎回10%オフ", "body": "お試しセットはいかがでしたか。\n\n今なら定期便が毎回10%オフになります。",
                    "offer": {"url": "https://app.example.com/m/sample", "voucher_code": ""}},
}


def kinds() -> list[str]:
    return sorted(path.name for path in resource_dir("emails").iterdir() if path.is_dir() and not path.name.startswith("_"))


def _merchant_results(installation, language: str) -> dict:
    """A declined renewal in the merchant's words, with its Dashboard links."""
    result = {"type": "declined", "label": result_label("declined", language), "subscription": 1042, "cycle": 3,
              "amount": format_money(Decimal("6500"), "JPY", language), "detail": decline_text("insufficient_funds", language),
              "at": datetime.datetime(2027, 2, 28, 9, 5, tzinfo=datetime.UTC),
              "order_number": "1234",
              "order_url": order_url(installation, "T3JkZXI6MTIzNA=="), "subscription_url": subscription_url(installation, 1042)}
    return {"results": [result], "counts": {result_label("done", language): 41, result["label"]: 1}}


def sample_context(installation, kind: str, language: str = "ja") -> dict:
    """What the kind's real mails are rendered with (`context.py`, the funnels, the portal, the merchant's reports),
    for a sample customer: a template that renders with it can say nothing the real mail lacks."""
    sender = {"sender": sending.sender(installation)}
    if kind.startswith("merchant_"):
        merchant = _merchant_results(installation, language)
        return {**sender, "results": merchant["results"],
                **({"day": datetime.date(2027, 2, 28), "counts": merchant["counts"]} if kind == "merchant_digest" else {})}
    if kind == "funnel_step":
        return {**sender, **EXTRA[kind], "links": {"unsubscribe": "https://app.example.com/m/sample-unsubscribe"}}
    if kind == "portal_sign_in":
        return {**sender, **EXTRA[kind], "customer": {"email": "hanako@example.jp"}}
    return {
        "customer": {"name": "Hanako Yamada" if language == "en" else "山田 花子", "email": "hanako@example.jp"},
        "subscription": SUBSCRIPTION,
        **sender,
        "links": {"card": "https://app.example.com/m/sample-card", "cancel": "https://app.example.com/m/sample-cancel",
                  "portal": "https://app.example.com/portal/sample/subscriptions/1042/"},
        **EXTRA.get(kind, {}),
    }


def preview(installation, kind: str, language: str, context: dict | None = None):
    if kind not in kinds():
        raise InputError("kind", "not_found", f"no e-mail {kind!r}; there are {', '.join(kinds())}")
    if language not in LANGUAGE_CODES:
        raise InputError("language", "invalid", f"must be one of {', '.join(LANGUAGE_CODES)}")
    return render(kind, language, context or sample_context(installation, kind, language), installation=installation)


def as_test(rendered):
    """A test send is marked as such in its subject."""
    return dataclasses.replace(rendered, subject=f"[TEST] {rendered.subject}")
