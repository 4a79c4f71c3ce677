"""Column headers of the CSV exports in the four languages (en, ja, zh-hans, zh-hant).

Values stay as the API writes them (status codes, ISO dates, plain decimals) so a spreadsheet can filter and sum them;
only the headers follow the staff user's language.
"""

HEADERS = {
    "subscription_id": ("Subscription ID", "定期購入ID", "订阅 ID", "訂閱 ID"),
    "renewal_id": ("Renewal ID", "更新ID", "续订 ID", "續訂 ID"),
    "status": ("Status", "ステータス", "状态", "狀態"),
    "origin": ("Origin", "申込経路", "来源", "來源"),
    "email": ("E-mail", "メールアドレス", "电子邮件", "電子郵件"),
    "customer_id": ("Customer ID", "顧客ID", "客户 ID", "客戶 ID"),
    "channel": ("Channel", "チャネル", "渠道", "通路"),
    "currency": ("Currency", "通貨", "币种", "幣別"),
    "plan": ("Plan", "プラン", "方案", "方案"),
    "payment_method": ("Payment method", "支払方法", "付款方式", "付款方式"),
    "first_order_id": ("First order ID", "初回注文ID", "首单 ID", "首筆訂單 ID"),
    "started_on": ("Started on", "開始日", "开始日期", "開始日期"),
    "deliveries": ("Deliveries", "お届け回数", "配送次数", "配送次數"),
    "next_delivery_on": ("Next delivery", "次回お届け日", "下次配送", "下次配送"),
    "cancel_at_period_end": ("Ends at period end", "期間満了で解約", "期末终止", "期末終止"),
    "paused_until": ("Paused until", "休止期限", "暂停至", "暫停至"),
    "ended_at": ("Ended at", "終了日時", "结束时间", "結束時間"),
    "created_at": ("Created at", "作成日時", "创建时间", "建立時間"),
    "delivery": ("Delivery number", "お届け回", "配送次序", "配送次序"),
    "scheduled_for": ("Delivery date", "お届け予定日", "配送日期", "配送日期"),
    "state": ("Renewal state", "更新状態", "续订状态", "續訂狀態"),
    "payment_status": ("Payment status", "支払状況", "付款状态", "付款狀態"),
    "amount": ("Amount", "金額", "金额", "金額"),
    "attempts": ("Attempts", "試行回数", "尝试次数", "嘗試次數"),
    "decline_code": ("Decline reason", "決済エラー理由", "拒付原因", "拒付原因"),
    "order_number": ("Order number", "注文番号", "订单号", "訂單編號"),
    "order_id": ("Order ID", "注文ID", "订单 ID", "訂單 ID"),
    "psp_reference": ("PSP reference", "決済代行会社の参照番号", "支付服务商参考号", "支付服務商參考編號"),
    "reconciled_at": ("Reconciled at", "入金確認日時", "对账时间", "對帳時間"),
    "mail_id": ("Mail ID", "メールID", "邮件 ID", "郵件 ID"),
    "sent_at": ("Sent at", "送信日時", "发送时间", "寄送時間"),
    "mail_kind": ("Mail", "メール種別", "邮件类型", "郵件類型"),
    "to": ("To", "宛先", "收件人", "收件人"),
    "language": ("Language", "言語", "语言", "語言"),
    "subject": ("Subject", "件名", "主题", "主旨"),
    "enrolment_id": ("Enrolment ID", "登録ID", "登记 ID", "登記 ID"),
    "funnel": ("Funnel", "ステップメール", "营销漏斗", "行銷漏斗"),
    "purchased_on": ("Purchased on", "購入日", "购买日期", "購買日期"),
    "steps_sent": ("Steps sent", "送信済みステップ数", "已发送步骤数", "已寄送步驟數"),
    "converted_step": ("Converted at step", "申込につながったステップ", "转化步骤", "轉換步驟"),
    "attempt_id": ("Attempt ID", "解約手続きID", "取消操作 ID", "取消操作 ID"),
    "on": ("Date", "日付", "日期", "日期"),
    "reason": ("Reason code", "理由コード", "原因代码", "原因代碼"),
    "reason_label": ("Reason", "解約理由", "取消原因", "取消原因"),
    "text": ("Customer's words", "お客様のコメント", "客户留言", "客戶留言"),
    "offer_kind": ("Offer shown", "提示した特典", "提供的优惠", "提供的優惠"),
    "outcome": ("Outcome", "結果", "结果", "結果"),
    "at_period_end": ("At period end", "期間満了で解約", "期末取消", "期末取消"),
    "actor": ("By", "操作者", "操作者", "操作者"),
    "decided_at": ("Decided at", "確定日時", "决定时间", "決定時間"),
}
LANGUAGE_INDEX = {"en": 0, "ja": 1, "zh-hans": 2, "zh-hant": 3}


def headers(columns: tuple[str, ...], language: str) -> list[str]:
    index = LANGUAGE_INDEX.get(language, 0)
    return [HEADERS[column][index] for column in columns]
