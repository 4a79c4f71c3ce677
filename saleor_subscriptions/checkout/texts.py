"""The final-screen statements in each language (特定商取引法 第12条の6, as amended in 2022)."""

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "ja": ["月", "火", "水", "木", "金", "土", "日"],
    "zh-hans": ["一", "二", "三", "四", "五", "六", "日"],
    "zh-hant": ["一", "二", "三", "四", "五", "六", "日"],
}

TEXTS = {
    "en": {
        "open_ended": "Subscription: {product} ({plan}) is delivered repeatedly until you cancel.",
        "fixed_course": "Subscription: {product} ({plan}) is delivered {n} times in total.",
        "cycle": "Delivery cycle: {cycle}.",
        "first": "Delivery 1: {unit} × {quantity} = {total}.",
        "first_range": "Deliveries 1–{last}: {unit} × {quantity} = {total} each.",
        "from": "From delivery {n}: {unit} × {quantity} = {total} each.",
        "commitment": "Minimum commitment: {n} deliveries; you cannot cancel before delivery {n}. Total payable for them, shipping included: {total}.",
        "course_total": "Total payable for the {n} deliveries, shipping included: {total}.",
        "shipping": "Shipping: {amount} per delivery.",
        "shipping_first": "Shipping: {first} for delivery 1, then {amount} per delivery.",
        "shipping_free": "Shipping: free.",
        "shipping_shared": "Delivered together with {product}: one shipping fee per delivery.",
        "pay_card": "Payment: by card{card}; each delivery is charged when its order is placed ({order_day}).",
        "pay_konbini": "Payment: at a convenience store within {days} days after each delivery's order is placed ({order_day}); "
                       "the payment numbers are e-mailed each time.",
        "pay_cod": "Payment: cash on delivery, to the carrier when each delivery arrives.",
        "pay_bank_transfer": "Payment: by bank transfer after each delivery's order is placed ({order_day}), "
                             "to the account we e-mail each time.",
        "card_detail": " ({card})", "order_day_same": "on its scheduled delivery date",
        "order_day_before": "{n} days before its scheduled delivery date",
        "dates": "Scheduled deliveries: {dates}.",
        "cancel": "To cancel, skip or change a delivery, use {method} no later than {days} days before the next scheduled delivery.",
        "default_method": "your subscription page ({url})",
        "every": {"day": ("every day", "every {n} days"), "week": ("every week", "every {n} weeks"),
                  "month": ("every month", "every {n} months")},
        "anchor_day": "on day {d}", "anchor_last_day": "on the last day", "anchor_weekday": "on {weekday}s",
        "anchor_week": "on the {ordinal} {weekday}", "anchor_join": "{cycle} {anchor}",
        "ordinals": ["1st", "2nd", "3rd", "4th", "5th"], "separator": ", ",
    },
    "ja": {
        "open_ended": "【定期購入】{product}（{plan}）は定期購入の商品です。解約のお手続きをされるまで継続してお届けします。",
        "fixed_course": "【定期購入】{product}（{plan}）は全{n}回お届けする定期購入の商品です。",
        "cycle": "お届け周期：{cycle}",
        "first": "初回お届け：{unit} × {quantity}点 = {total}",
        "first_range": "1〜{last}回目のお届け：各回 {unit} × {quantity}点 = {total}",
        "from": "{n}回目以降のお届け：各回 {unit} × {quantity}点 = {total}",
        "commitment": "{n}回のお受け取りが条件です（{n}回目のお届けまで解約できません）。{n}回分のお支払い総額（送料込）：{total}",
        "course_total": "全{n}回分のお支払い総額（送料込）：{total}",
        "shipping": "送料：1回のお届けにつき{amount}",
        "shipping_first": "送料：初回{first}、2回目以降は1回のお届けにつき{amount}",
        "shipping_free": "送料：無料",
        "shipping_shared": "{product}と同梱でお届けします（送料は1回のお届けにつき1回分）",
        "pay_card": "お支払い方法・時期：クレジットカード{card}。各回のご注文時（{order_day}）に決済します。",
        "pay_konbini": "お支払い方法・時期：コンビニ払い。各回のご注文（{order_day}）後、{days}日以内にお支払いください"
                       "（お支払い番号は毎回メールでお知らせします）。",
        "pay_cod": "お支払い方法・時期：代金引換。各回の商品お受け取り時に配送業者へお支払いください。",
        "pay_bank_transfer": "お支払い方法・時期：銀行振込。各回のご注文（{order_day}）後、毎回メールでお知らせする口座へお振り込みください。",
        "card_detail": "（{card}）", "order_day_same": "お届け予定日当日", "order_day_before": "お届け予定日の{n}日前",
        "dates": "お届け予定日：{dates}",
        "cancel": "解約・スキップ・内容の変更は、次回お届け予定日の{days}日前までに{method}からお手続きください。",
        "default_method": "マイページ（{url}）",
        "every": {"day": ("毎日", "{n}日ごと"), "week": ("毎週", "{n}週間ごと"), "month": ("毎月", "{n}か月ごと")},
        "anchor_day": "{d}日", "anchor_last_day": "末日", "anchor_weekday": "{weekday}曜日",
        "anchor_week": "第{ordinal}{weekday}曜日", "anchor_join": "{cycle}（{anchor}）",
        "ordinals": ["1", "2", "3", "4", "5"], "separator": "、",
    },
    "zh-hans": {
        "open_ended": "【定期购买】{product}（{plan}）为定期购买商品，在您办理取消手续之前将持续配送。",
        "fixed_course": "【定期购买】{product}（{plan}）为定期购买商品，共配送{n}次。",
        "cycle": "配送周期：{cycle}",
        "first": "首次配送：{unit} × {quantity}件 = {total}",
        "first_range": "第1至{last}次配送：每次 {unit} × {quantity}件 = {total}",
        "from": "第{n}次起：每次 {unit} × {quantity}件 = {total}",
        "commitment": "最低订购{n}次（第{n}次配送前不可取消）。{n}次合计应付金额（含运费）：{total}",
        "course_total": "全部{n}次合计应付金额（含运费）：{total}",
        "shipping": "运费：每次配送{amount}",
        "shipping_first": "运费：首次{first}，之后每次配送{amount}",
        "shipping_free": "运费：免费",
        "shipping_shared": "与{product}同捆配送（每次配送只收一次运费）",
        "pay_card": "付款方式及时间：信用卡{card}，每次下单时（{order_day}）扣款。",
        "pay_konbini": "付款方式及时间：便利店付款，每次下单（{order_day}）后{days}天内付款（付款编号每次以邮件告知）。",
        "pay_cod": "付款方式及时间：货到付款，每次收货时向配送员付款。",
        "pay_bank_transfer": "付款方式及时间：银行转账，每次下单（{order_day}）后转账至每次邮件告知的账户。",
        "card_detail": "（{card}）", "order_day_same": "预定配送日当天", "order_day_before": "预定配送日前{n}天",
        "dates": "预定配送日：{dates}",
        "cancel": "如需取消、跳过或变更，请在下次预定配送日的{days}天前通过{method}办理。",
        "default_method": "会员中心（{url}）",
        "every": {"day": ("每天", "每{n}天"), "week": ("每周", "每{n}周"), "month": ("每月", "每{n}个月")},
        "anchor_day": "{d}日", "anchor_last_day": "最后一天", "anchor_weekday": "星期{weekday}",
        "anchor_week": "第{ordinal}个星期{weekday}", "anchor_join": "{cycle}（{anchor}）",
        "ordinals": ["1", "2", "3", "4", "5"], "separator": "、",
    },
    "zh-hant": {
        "open_ended": "【定期購買】{product}（{plan}）為定期購買商品，在您辦理取消手續之前將持續配送。",
        "fixed_course": "【定期購買】{product}（{plan}）為定期購買商品，共配送{n}次。",
        "cycle": "配送週期：{cycle}",
        "first": "首次配送：{unit} × {quantity}件 = {total}",
        "first_range": "第1至{last}次配送：每次 {unit} × {quantity}件 = {total}",
        "from": "第{n}次起：每次 {unit} × {quantity}件 = {total}",
        "commitment": "最低訂購{n}次（第{n}次配送前不可取消）。{n}次合計應付金額（含運費）：{total}",
        "course_total": "全部{n}次合計應付金額（含運費）：{total}",
        "shipping": "運費：每次配送{amount}",
        "shipping_first": "運費：首次{first}，之後每次配送{amount}",
        "shipping_free": "運費：免費",
        "shipping_shared": "與{product}同捆配送（每次配送只收一次運費）",
        "pay_card": "付款方式及時間：信用卡{card}，每次下單時（{order_day}）扣款。",
        "pay_konbini": "付款方式及時間：超商付款，每次下單（{order_day}）後{days}天內付款（繳費代碼每次以郵件通知）。",
        "pay_cod": "付款方式及時間：貨到付款，每次收貨時向配送人員付款。",
        "pay_bank_transfer": "付款方式及時間：銀行轉帳，每次下單（{order_day}）後轉帳至每次郵件通知的帳戶。",
        "card_detail": "（{card}）", "order_day_same": "預定配送日當天", "order_day_before": "預定配送日前{n}天",
        "dates": "預定配送日：{dates}",
        "cancel": "如需取消、跳過或變更，請在下次預定配送日的{days}天前透過{method}辦理。",
        "default_method": "會員中心（{url}）",
        "every": {"day": ("每天", "每{n}天"), "week": ("每週", "每{n}週"), "month": ("每月", "每{n}個月")},
        "anchor_day": "{d}日", "anchor_last_day": "最後一天", "anchor_weekday": "星期{weekday}",
        "anchor_week": "第{ordinal}個星期{weekday}", "anchor_join": "{cycle}（{anchor}）",
        "ordinals": ["1", "2", "3", "4", "5"], "separator": "、",
    },
}


def cycle_text(schedule, language: str) -> str:
    texts = TEXTS[language]
    one, many = texts["every"][schedule.interval_unit.value]
    cycle = one if schedule.interval_count == 1 else many.format(n=schedule.interval_count)
    weekday = WEEKDAYS[language][schedule.anchor_weekday] if schedule.anchor_weekday is not None else None
    if schedule.anchor_day:
        anchor = texts["anchor_day"].format(d=schedule.anchor_day)
    elif schedule.anchor_last_day:
        anchor = texts["anchor_last_day"]
    elif schedule.anchor_week:
        anchor = texts["anchor_week"].format(ordinal=texts["ordinals"][schedule.anchor_week - 1], weekday=weekday)
    elif weekday:
        anchor = texts["anchor_weekday"].format(weekday=weekday)
    else:
        return cycle
    return texts["anchor_join"].format(cycle=cycle, anchor=anchor)
