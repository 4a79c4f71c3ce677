"""The words of the link pages, in the four languages, including the refusals they show."""

from ..core.dates import format_day
from ..core.errors import InputError

PAGE_TEXTS = {
    "en": {"cancel_title": "Cancel your subscription", "cancel_confirm": "No further deliveries will be made or charged.",
           "cancel_button": "Cancel the subscription", "cancelled": "Your subscription is cancelled",
           "card_title": "Update your card", "card_button": "Save this card", "card_done": "Your new card is saved",
           "card_failed": "The card could not be saved. Please try again.",
           "card_unavailable": "This subscription has no card to update.",
           "unsubscribe_title": "Stop these e-mails", "unsubscribe_button": "Stop e-mails to this address",
           "unsubscribed": "You will receive no more of these e-mails",
           "not_found": "This link leads nowhere any more", "bad_link": "This link is not valid",
           "expired_link": "This link has expired. Please use the link in a more recent e-mail."},
    "ja": {"cancel_title": "定期便の解約", "cancel_confirm": "解約すると、以降のお届けとご請求はございません。",
           "cancel_button": "解約する", "cancelled": "定期便を解約しました",
           "card_title": "カード情報の変更", "card_button": "このカードを登録する", "card_done": "新しいカードを登録しました",
           "card_failed": "カードを登録できませんでした。もう一度お試しください。",
           "card_unavailable": "この定期便には変更できるカードがありません。",
           "unsubscribe_title": "メール配信の停止", "unsubscribe_button": "このアドレスへの配信を停止する",
           "unsubscribed": "配信を停止しました。今後このメールはお送りしません",
           "not_found": "このリンクの内容は見つかりませんでした", "bad_link": "このリンクは無効です",
           "expired_link": "このリンクの有効期限が切れています。新しいメールのリンクからお手続きください。"},
    "zh-hans": {"cancel_title": "取消定期订购", "cancel_confirm": "取消后将不再配送和扣款。",
                "cancel_button": "取消定期订购", "cancelled": "定期订购已取消",
                "card_title": "更新银行卡", "card_button": "保存此卡", "card_done": "新卡已保存",
                "card_failed": "无法保存银行卡，请重试。", "card_unavailable": "此定期订购没有可更新的银行卡。",
                "unsubscribe_title": "退订邮件", "unsubscribe_button": "停止向此地址发送", "unsubscribed": "已退订，今后不再发送此类邮件",
                "not_found": "找不到此链接的内容", "bad_link": "此链接无效",
                "expired_link": "此链接已过期，请使用较新邮件中的链接。"},
    "zh-hant": {"cancel_title": "取消定期訂購", "cancel_confirm": "取消後將不再配送及扣款。",
                "cancel_button": "取消定期訂購", "cancelled": "定期訂購已取消",
                "card_title": "更新信用卡", "card_button": "儲存此卡", "card_done": "新卡已儲存",
                "card_failed": "無法儲存信用卡，請重試。", "card_unavailable": "此定期訂購沒有可更新的信用卡。",
                "unsubscribe_title": "取消訂閱郵件", "unsubscribe_button": "停止寄送至此地址", "unsubscribed": "已取消訂閱，今後不再寄送此類郵件",
                "not_found": "找不到此連結的內容", "bad_link": "此連結無效",
                "expired_link": "此連結已過期，請使用較新郵件中的連結。"},
}

# Refusals by error code ("<scope>.<code>" first); dates in the params are formatted for the page.
ERROR_TEXTS = {
    "en": {
        "past_cutoff": "Changes to the delivery of {next_date} closed on {deadline}, {days} days before it.",
        "commitment": "This plan is for at least {commitment} deliveries ({deliveries} so far), so it cannot be cancelled yet.",
        "invalid_status": "This subscription cannot be changed here any more.",
        "offer.no_payment_method": "This offer needs a saved card. Please subscribe in the shop.",
        "offer.not_available": "This offer is no longer available.",
        "other": "This could not be done. Please contact the shop.",
    },
    "ja": {
        "past_cutoff": "{next_date}のお届け分の変更・解約の受付は、お届けの{days}日前（{deadline}）で締め切りました。",
        "commitment": "この定期便は{commitment}回以上のお受け取りが条件のため（これまで{deliveries}回）、まだ解約できません。",
        "invalid_status": "この定期便は、こちらからは変更できない状態です。",
        "offer.no_payment_method": "この特典のお申し込みには登録済みのカードが必要です。ショップからお申し込みください。",
        "offer.not_available": "この特典は終了しました。",
        "other": "お手続きできませんでした。ショップにお問い合わせください。",
    },
    "zh-hans": {
        "past_cutoff": "{next_date}配送的变更和取消已于配送前{days}天（{deadline}）截止。",
        "commitment": "此定期订购至少需配送{commitment}次（目前{deliveries}次），暂时无法取消。",
        "invalid_status": "此定期订购目前无法在此变更。",
        "offer.no_payment_method": "此优惠需要已保存的银行卡，请在商店中订购。",
        "offer.not_available": "此优惠已结束。",
        "other": "无法办理，请联系商店。",
    },
    "zh-hant": {
        "past_cutoff": "{next_date}配送的變更及取消已於配送前{days}天（{deadline}）截止。",
        "commitment": "此定期訂購至少需配送{commitment}次（目前{deliveries}次），暫時無法取消。",
        "invalid_status": "此定期訂購目前無法在此變更。",
        "offer.no_payment_method": "此優惠需要已儲存的信用卡，請在商店中訂購。",
        "offer.not_available": "此優惠已結束。",
        "other": "無法辦理，請聯絡商店。",
    },
}


def error_text(error: InputError, language: str, scope: str = "") -> str:
    """A refusal as the page's reader reads it; a code without words here gets the general one, never English."""
    texts = ERROR_TEXTS.get(language, ERROR_TEXTS["en"])
    params = {key: format_day(value, language) if hasattr(value, "isoformat") else value
              for key, value in getattr(error, "params", {}).items()}
    text = texts.get(f"{scope}.{error.code}") or texts.get(error.code) or texts["other"]
    try:
        return text.format(**params)
    except (KeyError, IndexError):  # raised without the params its words need
        return texts["other"]
