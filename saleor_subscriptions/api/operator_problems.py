"""Open problems of a subscription in plain words for the operators' desk, in the staff's language."""

import datetime

from ..core.dates import format_day
from ..core.money import format_money
from ..mail.billing_texts import decline_text
from ..payment_methods import registry
from ..renewals.outcomes import interrupted_by
from ..renewals.problems import words as problem_words
from ..subscriptions.models import Renewal, Subscription

WORDS = {
    "past_due": {
        "en": "The last payment failed; the next attempt is on {date}.",
        "ja": "前回のお支払いが失敗しました。次回の請求は{date}です。",
        "zh-hans": "上次付款失败；下次扣款日期为{date}。",
        "zh-hant": "上次付款失敗；下次扣款日期為{date}。",
    },
    "declined": {
        "en": "Delivery {cycle}: the payment was declined ({reason}).",
        "ja": "{cycle}回目：お支払いが拒否されました（{reason}）。",
        "zh-hans": "第{cycle}次配送：付款被拒绝（{reason}）。",
        "zh-hant": "第{cycle}次配送：付款遭拒（{reason}）。",
    },
    "stuck": {
        "en": "Delivery {cycle} did not go through: {detail}",
        "ja": "{cycle}回目の処理が止まっています：{detail}",
        "zh-hans": "第{cycle}次配送未能完成：{detail}",
        "zh-hant": "第{cycle}次配送未能完成：{detail}",
    },
    "interrupted": {
        "en": "Delivery {cycle}: {service} could not be reached; the next run picks it up again.",
        "ja": "{cycle}回目：{service}に接続できませんでした。次回の処理で再開します。",
        "zh-hans": "第{cycle}次配送：无法连接{service}，下次运行时将继续。",
        "zh-hant": "第{cycle}次配送：無法連線{service}，下次執行時將繼續。",
    },
    "awaiting_money": {
        "en": "Delivery {cycle}: {amount} by {method} has not been paid yet.",
        "ja": "{cycle}回目：{method}の{amount}が未入金です。",
        "zh-hans": "第{cycle}次配送：{method}的{amount}尚未付款。",
        "zh-hant": "第{cycle}次配送：{method}的{amount}尚未付款。",
    },
    "no_card": {
        "en": "Renewals are paid by card, but no card is saved.",
        "ja": "カード払いですが、登録済みのカードがありません。",
        "zh-hans": "续订以银行卡支付，但没有已保存的银行卡。",
        "zh-hant": "續訂以信用卡付款，但沒有已儲存的信用卡。",
    },
    "card_expires": {
        "en": "The saved card expires ({expiry}) before the next delivery on {date}.",
        "ja": "登録カードの有効期限（{expiry}）が次回のお届け（{date}）より前に切れます。",
        "zh-hans": "已保存的银行卡将在下次配送（{date}）前到期（{expiry}）。",
        "zh-hant": "已儲存的信用卡將在下次配送（{date}）前到期（{expiry}）。",
    },
    "cod": {"en": "cash on delivery", "ja": "代金引換", "zh-hans": "货到付款", "zh-hant": "貨到付款"},
    "bank_transfer": {"en": "bank transfer", "ja": "銀行振込", "zh-hans": "银行转账", "zh-hant": "銀行轉帳"},
    "konbini": {"en": "konbini", "ja": "コンビニ払い", "zh-hans": "便利店付款", "zh-hant": "超商付款"},
}
UNPAID = (Renewal.State.FAILED, Renewal.State.RETRY_SCHEDULED)
RENEWING = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)


def _say(key: str, language: str, **params) -> str:
    return WORDS[key][language].format(**params)


def _method(kind: str, language: str) -> str:
    """A method in a sentence: the built-in ones' words here, a plug-in's own label."""
    return _say(kind, language) if kind in WORDS else registry.label(kind, language)


def _card_expiry(card) -> datetime.date | None:
    """The last day a card can be charged."""
    if not card or not card.exp_month or not card.exp_year:
        return None
    following = datetime.date(card.exp_year + card.exp_month // 12, card.exp_month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def problems(subscription: Subscription, renewals: list[Renewal], language: str) -> list[str]:
    """What an operator should look at, most urgent first."""
    found = []
    next_on = subscription.next_renewal_on
    if subscription.status == Subscription.Status.PAST_DUE and next_on:
        found.append(_say("past_due", language, date=format_day(next_on, language)))
    for renewal in renewals:
        if renewal.state in UNPAID and renewal.decline_code:
            found.append(_say("declined", language, cycle=renewal.cycle, reason=decline_text(renewal.decline_code, language)))
        elif renewal.last_error and renewal.state not in (Renewal.State.DONE, Renewal.State.SKIPPED):
            service = interrupted_by(renewal)
            found.append(_say("interrupted", language, cycle=renewal.cycle, service=service) if service
                         else _say("stuck", language, cycle=renewal.cycle,
                                   detail=problem_words(renewal.problem, renewal.last_error, language)))
        if renewal.payment_status == "pending":
            amount = format_money(renewal.amount, renewal.currency or subscription.currency, language)
            found.append(_say("awaiting_money", language, cycle=renewal.cycle, amount=amount,
                              method=_method(renewal.payment_kind, language)))
    if subscription.payment_kind == "card" and subscription.status in RENEWING and next_on:
        card = subscription.payment_method
        expiry = _card_expiry(card)
        if card is None:
            found.append(_say("no_card", language))
        elif expiry and expiry < next_on:
            found.append(_say("card_expires", language, expiry=f"{card.exp_month:02d}/{card.exp_year}",
                              date=format_day(next_on, language)))
    return found

