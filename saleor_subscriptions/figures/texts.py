"""One line per figure, in our four languages: what it counts and what it does not (the page shows it beside the figure).

Keys are the staff API's field names; `periods.*` are the fields of each period row.
"""

EXPLANATIONS = {
    "active": {
        "en": "Subscriptions that are trialing, active or awaiting a payment retry; paused, cancelled and completed ones do not count.",
        "ja": "お試し中・継続中・決済の再試行待ちの定期契約の数です。一時停止・解約・完了した契約は含みません。",
        "zh-hans": "试用中、有效或等待重新扣款的订阅数；已暂停、已取消和已完成的不计入。",
        "zh-hant": "試用中、有效或等待重新扣款的訂閱數；已暫停、已取消和已完成的不計入。",
    },
    "subscribers": {
        "en": "Distinct customers with at least one active subscription in this channel; a customer with two counts once.",
        "ja": "このチャネルで有効な定期契約を1件以上持つお客様の数です。2件お持ちの方も1人と数えます。",
        "zh-hans": "在此渠道至少有一个有效订阅的不同顾客数；有两个订阅的顾客只计一次。",
        "zh-hant": "在此通路至少有一個有效訂閱的不同顧客數；有兩個訂閱的顧客只計一次。",
    },
    "paused": {
        "en": "Subscriptions paused now (by the customer, staff, or after failed payments); they are not in MRR.",
        "ja": "現在一時停止中の定期契約の数です（お客様・スタッフによるもの、決済失敗後のものを含む）。MRRには含みません。",
        "zh-hans": "当前暂停的订阅数（顾客、员工操作或扣款失败后暂停）；不计入 MRR。",
        "zh-hant": "目前暫停的訂閱數（顧客、員工操作或扣款失敗後暫停）；不計入 MRR。",
    },
    "mrr": {
        "en": "Monthly recurring revenue: each paying subscription's next regular delivery, after its own discounts, as a month's worth "
              "(weekly ×52/12, daily ×365/12, every N months ÷N); trials, paused ones, shipping, taxes and one-time items are left out.",
        "ja": "月次経常収益：支払中の各定期契約の次回通常お届け金額（個別割引後）を1か月分に換算した合計です（毎週×52/12、毎日×365/12、Nか月ごと÷N）。"
              "お試し中・一時停止中の契約、送料・税・単品追加は含みません。",
        "zh-hans": "月度经常性收入：每个付费订阅下一次常规配送的金额（扣除其个人折扣后）折算为一个月的合计（每周×52/12，每天×365/12，每 N 个月÷N）；"
                   "不含试用中、已暂停的订阅，以及运费、税费和单次加购。",
        "zh-hant": "月度經常性收入：每個付費訂閱下一次常規配送的金額（扣除其個人折扣後）換算為一個月的合計（每週×52/12，每天×365/12，每 N 個月÷N）；"
                   "不含試用中、已暫停的訂閱，以及運費、稅費和單次加購。",
    },
    "trialMrr": {
        "en": "What trialing subscriptions will bring a month at their regular price once the trial ends; not part of MRR.",
        "ja": "お試し中の定期契約が、お試し終了後の通常価格で1か月にもたらす金額です。MRRには含みません。",
        "zh-hans": "试用中的订阅在试用结束后按常规价格每月将带来的金额；不计入 MRR。",
        "zh-hant": "試用中的訂閱在試用結束後按常規價格每月將帶來的金額；不計入 MRR。",
    },
    "discountMrr": {
        "en": "What subscribers' own discounts (step-mail and cancellation offers, staff prices) take off MRR each month; "
              "plan prices and quantity tiers are not counted as discounts.",
        "ja": "契約者ごとの割引（ステップメール・解約防止オファー・スタッフ設定価格）によって毎月MRRから差し引かれている金額です。"
              "プラン価格や数量割引は割引に含みません。",
        "zh-hans": "订阅者个人折扣（步骤邮件和挽留优惠、员工设定价格）每月从 MRR 中减去的金额；方案价格和数量阶梯不算作折扣。",
        "zh-hant": "訂閱者個人折扣（步驟郵件和挽留優惠、員工設定價格）每月從 MRR 中扣除的金額；方案價格和數量階梯不算作折扣。",
    },
    "arr": {
        "en": "Annual recurring revenue: MRR × 12; not a forecast (see the forecast for dates and course ends).",
        "ja": "年間経常収益：MRR×12です。予測ではありません（日付やコース終了を踏まえた見込みは売上予測をご覧ください）。",
        "zh-hans": "年度经常性收入：MRR × 12；不是预测（按日期和课程结束计算请看收入预测）。",
        "zh-hant": "年度經常性收入：MRR × 12；不是預測（按日期和課程結束計算請看營收預測）。",
    },
    "unpriced": {
        "en": "Subscriptions on a %-off plan whose list price no renewal has read yet: counted, but valued at 0 until one does.",
        "ja": "定価からの割引率で価格が決まるプランのうち、まだ更新時に定価を取得していない契約の数です。件数には含みますが、金額は取得まで0です。",
        "zh-hans": "按标价折扣定价、但续订尚未读取到标价的订阅数：计入数量，读取前金额按 0 计。",
        "zh-hant": "按標價折扣定價、但續訂尚未讀取到標價的訂閱數：計入數量，讀取前金額按 0 計。",
    },
    "periods.new": {
        "en": "Subscriptions started in the period (trials included), by their first delivery date.",
        "ja": "期間中に開始した定期契約の数です（お試しを含む、初回お届け日で集計）。",
        "zh-hans": "期间内开始的订阅数（含试用），按首次配送日期计。",
        "zh-hant": "期間內開始的訂閱數（含試用），按首次配送日期計。",
    },
    "periods.churnedVoluntary": {
        "en": "Subscriptions cancelled by the customer or by staff for them (trials included); ended by failed payments or completed courses do not count.",
        "ja": "お客様が（またはスタッフが代わりに）解約した定期契約の数です（お試しを含む）。決済失敗による終了やコース完了は含みません。",
        "zh-hans": "顾客自行（或员工代为）取消的订阅数（含试用）；因扣款失败结束或课程完成的不计入。",
        "zh-hant": "顧客自行（或員工代為）取消的訂閱數（含試用）；因扣款失敗結束或課程完成的不計入。",
    },
    "periods.churnedInvoluntary": {
        "en": "Subscriptions cancelled because payment failed after every retry; those paused after failed payments count as paused.",
        "ja": "再試行を含め決済がすべて失敗したため解約となった定期契約の数です。決済失敗後に一時停止となったものは一時停止に数えます。",
        "zh-hans": "所有重试后仍扣款失败而被取消的订阅数；扣款失败后转为暂停的计入暂停。",
        "zh-hant": "所有重試後仍扣款失敗而被取消的訂閱數；扣款失敗後轉為暫停的計入暫停。",
    },
    "periods.completed": {
        "en": "Fixed courses that reached their last delivery (billing limit); not churn, but their MRR leaves with MRR churn.",
        "ja": "回数指定のコースが最終回に達して完了した数です。解約には数えませんが、そのMRRはMRR解約に含めます。",
        "zh-hans": "达到最后一次配送（次数上限）而完成的固定课程数；不算流失，但其 MRR 计入 MRR 流失。",
        "zh-hant": "達到最後一次配送（次數上限）而完成的固定課程數；不算流失，但其 MRR 計入 MRR 流失。",
    },
    "periods.paused": {
        "en": "Subscriptions paused in the period, whoever paused them; resumed ones count as reactivated.",
        "ja": "期間中に一時停止した定期契約の数です（誰が停止したかを問いません）。再開したものは再開に数えます。",
        "zh-hans": "期间内暂停的订阅数（无论由谁暂停）；恢复的计入重新激活。",
        "zh-hant": "期間內暫停的訂閱數（無論由誰暫停）；恢復的計入重新啟用。",
    },
    "periods.reactivated": {
        "en": "Paused subscriptions that resumed in the period; new subscriptions of former customers count as new.",
        "ja": "期間中に再開した一時停止中の定期契約の数です。以前のお客様による新規契約は新規に数えます。",
        "zh-hans": "期间内恢复的已暂停订阅数；老顾客新开的订阅计入新增。",
        "zh-hant": "期間內恢復的已暫停訂閱數；老顧客新開的訂閱計入新增。",
    },
    "periods.churnRate": {
        "en": "Churned (voluntary + involuntary) ÷ active subscriptions at the period's start; empty when none were active.",
        "ja": "解約数（自発的＋決済失敗）÷ 期間開始時点の有効な定期契約数です。開始時点に有効な契約がなければ空欄です。",
        "zh-hans": "流失数（主动＋被动）÷ 期间开始时的有效订阅数；开始时没有有效订阅则为空。",
        "zh-hant": "流失數（主動＋被動）÷ 期間開始時的有效訂閱數；開始時沒有有效訂閱則為空。",
    },
    "periods.mrrNew": {
        "en": "MRR of subscriptions that started paying in the period: new paid starts and trials converted to the regular price.",
        "ja": "期間中に支払いを開始した契約のMRRです：有料での新規開始と、お試しから通常価格への移行を含みます。",
        "zh-hans": "期间内开始付费的订阅的 MRR：新付费订阅与试用转为常规价格的订阅。",
        "zh-hant": "期間內開始付費的訂閱的 MRR：新付費訂閱與試用轉為常規價格的訂閱。",
    },
    "periods.mrrExpansion": {
        "en": "MRR added by existing subscriptions: more quantity, a dearer plan or price step, discounts ending, pauses resumed.",
        "ja": "既存契約によるMRRの増加です：数量増、より高いプランや価格段階、割引終了、一時停止からの再開。",
        "zh-hans": "现有订阅增加的 MRR：数量增加、更贵的方案或价格阶段、折扣结束、暂停后恢复。",
        "zh-hant": "現有訂閱增加的 MRR：數量增加、更貴的方案或價格階段、折扣結束、暫停後恢復。",
    },
    "periods.mrrContraction": {
        "en": "MRR lost by subscriptions that go on: less quantity, a cheaper plan or price step, new discounts, pauses.",
        "ja": "継続中の契約によるMRRの減少です：数量減、より安いプランや価格段階、新たな割引、一時停止。",
        "zh-hans": "仍在继续的订阅减少的 MRR：数量减少、更便宜的方案或价格阶段、新折扣、暂停。",
        "zh-hant": "仍在繼續的訂閱減少的 MRR：數量減少、更便宜的方案或價格階段、新折扣、暫停。",
    },
    "periods.mrrChurn": {
        "en": "MRR of paying subscriptions that ended in the period, both ways, completed courses included; trials ending add nothing.",
        "ja": "期間中に終了した支払中の契約のMRRです（自発的・決済失敗の両方、コース完了を含む）。お試し中の終了は含みません。",
        "zh-hans": "期间内结束的付费订阅的 MRR（主动与被动流失，含课程完成）；试用中结束的不计入。",
        "zh-hant": "期間內結束的付費訂閱的 MRR（主動與被動流失，含課程完成）；試用中結束的不計入。",
    },
    "periods.mrrNet": {
        "en": "New + expansion − contraction − churn: how much MRR grew (or shrank) in the period.",
        "ja": "新規＋拡大−縮小−解約：期間中にMRRがどれだけ増えた（減った）かです。",
        "zh-hans": "新增＋扩张－收缩－流失：期间内 MRR 的增长（或减少）。",
        "zh-hant": "新增＋擴張－收縮－流失：期間內 MRR 的成長（或減少）。",
    },
    "churnReasons": {
        "en": "Voluntary churn in the range by the reason the customer chose when cancelling; cancellations without one show as no reason.",
        "ja": "期間中の自発的解約を、解約時にお客様が選んだ理由別に数えたものです。理由のない解約は「理由なし」と表示します。",
        "zh-hans": "期间内主动流失按顾客取消时所选原因统计；未选择原因的显示为无原因。",
        "zh-hant": "期間內主動流失按顧客取消時所選原因統計；未選擇原因的顯示為無原因。",
    },
    "forecast": {
        "en": "Deliveries scheduled in the next 30/60/90 days and what their lines will charge (trial endings, price steps, course ends, "
              "pauses and cancellations at period end applied); shipping, taxes, one-time items and failed payments are not.",
        "ja": "今後30/60/90日に予定されたお届けと、その商品代金の見込みです（お試し終了・価格段階・コース終了・一時停止・期間末解約を反映）。"
              "送料・税・単品追加・決済失敗は反映しません。",
        "zh-hans": "未来 30/60/90 天内排定的配送及其商品金额（已计入试用结束、价格阶段、课程结束、暂停和期末取消）；"
                   "不含运费、税费、单次加购和扣款失败。",
        "zh-hant": "未來 30/60/90 天內排定的配送及其商品金額（已計入試用結束、價格階段、課程結束、暫停和期末取消）；"
                   "不含運費、稅費、單次加購和扣款失敗。",
    },
}


def explanations(language: str) -> list[dict]:
    return [{"figure": figure, "text": texts.get(language) or texts["en"]} for figure, texts in EXPLANATIONS.items()]
