"""Why a renewal stopped (`RenewalProblem`), in the words of the operator or merchant who reads it (en, ja, zh-hans,
zh-hant). A problem is a code and its values; Saleor's or Stripe's own message (`detail`) is quoted as they gave it.
The renewal's `last_error` keeps the English, for the log and the exports; `problem` keeps the code and values."""

from ..payment_methods import registry

TEXTS = {
    "variant_gone": {
        "en": "variant {variants} is no longer sold in channel {channel!r}",
        "ja": "商品バリエーション {variants} はチャネル「{channel}」で販売されていません",
        "zh-hans": "商品规格 {variants} 已不在渠道“{channel}”销售",
        "zh-hant": "商品規格 {variants} 已不在通路「{channel}」販售"},
    "unpriceable": {
        "en": "cycle {cycle} cannot be priced: {detail}",
        "ja": "{cycle}回目の金額を計算できません：{detail}",
        "zh-hans": "无法计算第{cycle}次的金额：{detail}",
        "zh-hant": "無法計算第{cycle}次的金額：{detail}"},
    "no_card": {
        "en": "no saved card for this subscription",
        "ja": "この定期便には登録済みのカードがありません",
        "zh-hans": "此定期订购没有已保存的银行卡",
        "zh-hant": "此定期訂購沒有已儲存的信用卡"},
    "order_cancelled": {
        "en": "order #{number} of this delivery was cancelled in Saleor; nothing is charged",
        "ja": "このお届けの注文 #{number} はSaleorでキャンセルされています（請求はしていません）",
        "zh-hans": "此次配送的订单 #{number} 已在 Saleor 中取消，未扣款",
        "zh-hant": "此次配送的訂單 #{number} 已在 Saleor 中取消，未扣款"},
    "order_refused": {
        "en": "the renewal order could not be created: {detail}",
        "ja": "継続注文を作成できませんでした：{detail}",
        "zh-hans": "无法创建续订订单：{detail}",
        "zh-hant": "無法建立續訂訂單：{detail}"},
    "bulk_refused": {
        "en": "Saleor refused the renewal order: {detail}",
        "ja": "Saleorが継続注文を受け付けませんでした：{detail}",
        "zh-hans": "Saleor 拒绝了续订订单：{detail}",
        "zh-hant": "Saleor 拒絕了續訂訂單：{detail}"},
    "order_not_completed": {
        "en": "Saleor did not complete the renewal order: {detail}",
        "ja": "Saleorが継続注文を確定しませんでした：{detail}",
        "zh-hans": "Saleor 未完成续订订单：{detail}",
        "zh-hant": "Saleor 未完成續訂訂單：{detail}"},
    "cards_unavailable": {
        "en": "card renewals cannot be charged: {detail}",
        "ja": "カードでの継続決済ができません：{detail}",
        "zh-hans": "无法以银行卡扣款续订：{detail}",
        "zh-hant": "無法以信用卡扣款續訂：{detail}"},
    "card_other_account": {
        "en": "the saved card is in another Stripe account than the shop's: the customer must enter it again",
        "ja": "登録カードがショップとは別のStripeアカウントにあります。お客様によるカードの再登録が必要です",
        "zh-hans": "已保存的银行卡属于与商店不同的 Stripe 账户，须由顾客重新输入",
        "zh-hant": "已儲存的信用卡屬於與商店不同的 Stripe 帳戶，須由顧客重新輸入"},
    "charge_refused": {
        "en": "Stripe refused the charge: {detail}",
        "ja": "Stripeが決済を受け付けませんでした：{detail}",
        "zh-hans": "Stripe 拒绝了扣款：{detail}",
        "zh-hant": "Stripe 拒絕了扣款：{detail}"},
    "payment_not_started": {
        "en": "the {method} payment could not be started: {detail}",
        "ja": "{method_label}の決済を開始できませんでした：{detail}",
        "zh-hans": "无法发起{method_label}付款：{detail}",
        "zh-hant": "無法發起{method_label}付款：{detail}"},
    "stock_wait": {
        "en": "waiting for stock: {missing}",
        "ja": "在庫待ち：{missing}（翌日に再度試します）",
        "zh-hans": "等待库存：{missing}（次日再试）",
        "zh-hant": "等待庫存：{missing}（隔日再試）"},
    "stock_skipped": {
        "en": "skipped for lack of stock: {missing}",
        "ja": "在庫不足のためスキップ：{missing}",
        "zh-hans": "因缺货跳过：{missing}",
        "zh-hant": "因缺貨略過：{missing}"},
    "saleor_unanswered": {
        "en": "Saleor could not be asked",
        "ja": "Saleorに問い合わせできませんでした",
        "zh-hans": "无法查询 Saleor",
        "zh-hant": "無法查詢 Saleor"},
    "unexpected": {
        "en": "unexpected error ({kind}): {detail}",
        "ja": "予期しないエラー（{kind}）：{detail}",
        "zh-hans": "意外错误（{kind}）：{detail}",
        "zh-hant": "非預期的錯誤（{kind}）：{detail}"},
}


class RenewalProblem(Exception):
    """The cycle cannot be priced or ordered (variant gone, price missing): operator-visible, retried next run.
    `code` names it in TEXTS; its English is the exception's text."""

    def __init__(self, code: str, **values):
        self.code, self.values = code, values
        super().__init__(say(code, values, "en"))

    def recorded(self) -> dict:
        return recorded(self.code, **self.values)


def recorded(code: str, **values) -> dict:
    """What a renewal's `problem` (and a problem's event) keeps: the code, the values, and the English, which is the
    renewal's `last_error`."""
    return {"code": code, "values": values, "message": say(code, values, "en")}


def say(code: str, values: dict, language: str) -> str:
    texts = TEXTS[code]
    if "method" in values:
        values = {**values, "method_label": registry.label(values["method"], language)}
    return texts.get(language, texts["en"]).format(**values)


def words(recorded: dict | None, message: str, language: str) -> str:
    """`message` (a renewal's `last_error`, an event's message) in `language` when it is the problem `recorded`;
    else as it is (a problem recorded before problems had codes, or another kind of note)."""
    if not recorded or recorded.get("message") != message or recorded.get("code") not in TEXTS:
        return message
    return say(recorded["code"], recorded.get("values") or {}, language)
