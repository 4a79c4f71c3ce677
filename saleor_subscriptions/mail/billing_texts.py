"""Renewal results and card declines in words the merchant reads (en, ja, zh-hans, zh-hant), not Stripe's codes."""

from ..payments.declines import Outcome, classify

RESULTS = {
    "en": {"done": "charged and ordered", "awaiting_payment": "ordered, awaiting payment", "declined": "payment failed",
           "problem": "needs attention", "out_of_stock": "out of stock", "partial": "shipped in part (stock)", "overdue": "payment overdue",
           "card_missing": "no card saved: subscription not started"},
    "ja": {"done": "決済・注文完了", "awaiting_payment": "注文完了・入金待ち", "declined": "決済失敗", "problem": "要対応",
           "out_of_stock": "在庫不足", "partial": "一部のみ出荷（在庫不足）", "overdue": "お支払い期限超過",
           "card_missing": "カード未登録のため定期便未開始"},
    "zh-hans": {"done": "已扣款并下单", "awaiting_payment": "已下单，待付款", "declined": "扣款失败", "problem": "需要处理",
                "out_of_stock": "缺货", "partial": "部分发货（缺货）", "overdue": "付款逾期",
                "card_missing": "未保存银行卡，定期订购未开始"},
    "zh-hant": {"done": "已扣款並下單", "awaiting_payment": "已下單，待付款", "declined": "扣款失敗", "problem": "需要處理",
                "out_of_stock": "缺貨", "partial": "部分出貨（缺貨）", "overdue": "付款逾期",
                "card_missing": "未儲存信用卡，定期訂購未開始"},
}

# Stripe's decline and error codes (https://docs.stripe.com/declines/codes) that come up most.
DECLINES = {
    "en": {
        "insufficient_funds": "insufficient funds or credit limit reached",
        "card_velocity_exceeded": "the card's limit was reached", "withdrawal_count_limit_exceeded": "the card's limit was reached",
        "expired_card": "the card has expired", "incorrect_cvc": "wrong security code", "invalid_cvc": "wrong security code",
        "incorrect_number": "wrong card number", "invalid_number": "wrong card number",
        "authentication_required": "the card issuer asks the customer to authenticate (3-D Secure)",
        "generic_decline": "declined by the card issuer without a reason", "card_declined": "declined by the card issuer",
        "do_not_honor": "declined by the card issuer without a reason", "call_issuer": "the customer must call the card issuer",
        "try_again_later": "the card issuer asked to try again later", "issuer_not_available": "the card issuer could not be reached",
        "processing_error": "a processing error at the card network", "card_not_supported": "the card does not support this purchase",
        "currency_not_supported": "the card does not support this currency",
        "lost_card": "the card was reported lost", "stolen_card": "the card was reported stolen",
        "pickup_card": "the card may not be used", "restricted_card": "the card may not be used",
        "fraudulent": "suspected fraud", "transaction_not_allowed": "the card issuer does not allow this payment",
        "konbini_expired": "the konbini payment slip expired unpaid",
        "payment_expired": "the payment was not made by its deadline",
    },
    "ja": {
        "insufficient_funds": "残高不足、またはご利用限度額の超過",
        "card_velocity_exceeded": "カードのご利用限度額の超過", "withdrawal_count_limit_exceeded": "カードのご利用限度額の超過",
        "expired_card": "カードの有効期限切れ", "incorrect_cvc": "セキュリティコードの誤り", "invalid_cvc": "セキュリティコードの誤り",
        "incorrect_number": "カード番号の誤り", "invalid_number": "カード番号の誤り",
        "authentication_required": "カード会社が本人認証（3Dセキュア）を求めています",
        "generic_decline": "カード会社による決済拒否（理由の通知なし）", "card_declined": "カード会社による決済拒否",
        "do_not_honor": "カード会社による決済拒否（理由の通知なし）", "call_issuer": "お客様からカード会社へのお問い合わせが必要",
        "try_again_later": "カード会社が時間をおいての再試行を求めています", "issuer_not_available": "カード会社に接続できませんでした",
        "processing_error": "カードネットワークでの処理エラー", "card_not_supported": "このカードではご利用いただけない決済",
        "currency_not_supported": "このカードでは利用できない通貨",
        "lost_card": "紛失届の出ているカード", "stolen_card": "盗難届の出ているカード",
        "pickup_card": "利用停止中のカード", "restricted_card": "利用停止中のカード",
        "fraudulent": "不正利用の疑い", "transaction_not_allowed": "カード会社がこの決済を認めていません",
        "konbini_expired": "コンビニ払いの期限切れ（未入金）",
        "payment_expired": "お支払い期限切れ（未入金）",
    },
    "zh-hans": {
        "insufficient_funds": "余额不足或超出额度",
        "card_velocity_exceeded": "超出银行卡额度", "withdrawal_count_limit_exceeded": "超出银行卡额度",
        "expired_card": "银行卡已过期", "incorrect_cvc": "安全码错误", "invalid_cvc": "安全码错误",
        "incorrect_number": "卡号错误", "invalid_number": "卡号错误",
        "authentication_required": "发卡机构要求顾客进行身份验证（3-D Secure）",
        "generic_decline": "发卡机构拒绝（未说明原因）", "card_declined": "发卡机构拒绝",
        "do_not_honor": "发卡机构拒绝（未说明原因）", "call_issuer": "顾客需联系发卡机构",
        "try_again_later": "发卡机构要求稍后重试", "issuer_not_available": "无法连接发卡机构",
        "processing_error": "卡组织处理错误", "card_not_supported": "此卡不支持此类付款",
        "currency_not_supported": "此卡不支持该币种",
        "lost_card": "已挂失的银行卡", "stolen_card": "已报失窃的银行卡",
        "pickup_card": "已停用的银行卡", "restricted_card": "已停用的银行卡",
        "fraudulent": "疑似欺诈", "transaction_not_allowed": "发卡机构不允许此付款",
        "konbini_expired": "便利店付款已过期（未付款）",
        "payment_expired": "付款期限已过（未付款）",
    },
    "zh-hant": {
        "insufficient_funds": "餘額不足或超出額度",
        "card_velocity_exceeded": "超出信用卡額度", "withdrawal_count_limit_exceeded": "超出信用卡額度",
        "expired_card": "信用卡已過期", "incorrect_cvc": "安全碼錯誤", "invalid_cvc": "安全碼錯誤",
        "incorrect_number": "卡號錯誤", "invalid_number": "卡號錯誤",
        "authentication_required": "發卡機構要求顧客進行身分驗證（3-D Secure）",
        "generic_decline": "發卡機構拒絕（未說明原因）", "card_declined": "發卡機構拒絕",
        "do_not_honor": "發卡機構拒絕（未說明原因）", "call_issuer": "顧客需聯絡發卡機構",
        "try_again_later": "發卡機構要求稍後重試", "issuer_not_available": "無法連線發卡機構",
        "processing_error": "卡組織處理錯誤", "card_not_supported": "此卡不支援此類付款",
        "currency_not_supported": "此卡不支援該幣別",
        "lost_card": "已掛失的信用卡", "stolen_card": "已報失竊的信用卡",
        "pickup_card": "已停用的信用卡", "restricted_card": "已停用的信用卡",
        "fraudulent": "疑似盜刷", "transaction_not_allowed": "發卡機構不允許此付款",
        "konbini_expired": "超商付款已逾期（未付款）",
        "payment_expired": "付款期限已過（未付款）",
    },
}
# Why a ¥0 order (a free first delivery) started no subscription: its card setup never saved a card.
CARD_MISSING = {
    "en": {"failed": "the order was placed with nothing to pay, but the customer's card setup did not succeed",
           "expired": "the order was placed with nothing to pay, but the customer's card was not saved within 24 hours"},
    "ja": {"failed": "0円で注文されましたが、お客様のカード登録が完了しませんでした",
           "expired": "0円で注文されましたが、24時間以内にお客様のカードが登録されませんでした"},
    "zh-hans": {"failed": "订单以0元完成，但顾客的银行卡未能保存",
                "expired": "订单以0元完成，但顾客的银行卡在24小时内未保存"},
    "zh-hant": {"failed": "訂單以0元完成，但顧客的信用卡未能儲存",
                "expired": "訂單以0元完成，但顧客的信用卡在24小時內未儲存"},
}
# Codes not listed above, by what they mean for the subscription.
OUTCOMES = {
    "en": {Outcome.RETRYABLE: "declined by the card issuer; tried again on the retry date",
           Outcome.NEEDS_CUSTOMER_ACTION: "the customer must update the card", Outcome.FINAL: "refused for good; not retried"},
    "ja": {Outcome.RETRYABLE: "カード会社による決済拒否（再決済日に再試行します）",
           Outcome.NEEDS_CUSTOMER_ACTION: "お客様によるカード情報の更新が必要", Outcome.FINAL: "再試行できない決済拒否"},
    "zh-hans": {Outcome.RETRYABLE: "发卡机构拒绝（将在重试日再次扣款）",
                Outcome.NEEDS_CUSTOMER_ACTION: "需要顾客更新银行卡", Outcome.FINAL: "最终拒绝，不再重试"},
    "zh-hant": {Outcome.RETRYABLE: "發卡機構拒絕（將於重試日再次扣款）",
                Outcome.NEEDS_CUSTOMER_ACTION: "需要顧客更新信用卡", Outcome.FINAL: "最終拒絕，不再重試"},
}


def result_label(kind: str, language: str) -> str:
    return RESULTS.get(language, RESULTS["en"]).get(kind, kind)


def card_missing_text(why: str | None, language: str) -> str:
    texts = CARD_MISSING.get(language, CARD_MISSING["en"])
    return texts.get(why or "failed", texts["failed"])


def decline_text(code: str | None, language: str, outcome: str | None = None) -> str:
    """Why a charge failed; an unlisted code is explained by its outcome, with the code kept for Stripe's dashboard."""
    texts = DECLINES.get(language, DECLINES["en"])
    if code in texts:
        return texts[code]
    outcomes = OUTCOMES.get(language, OUTCOMES["en"])
    general = outcomes.get(outcome) or outcomes[classify(code, code)]
    return f"{general} ({code})" if code else general
