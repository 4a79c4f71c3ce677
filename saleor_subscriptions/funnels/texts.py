"""The words of the offer page, in the four languages."""

OFFER_TEXTS = {
    "en": {"title": "Switch to the subscription", "discount": "{percent}% off every delivery", "price": "Each delivery: {price}",
           "card": "Paid with {card}", "cod": "Paid on delivery", "bank_transfer": "Paid by bank transfer",
           "button": "Subscribe", "done": "You are subscribed", "first": "First delivery: {date}", "gone": "This offer has ended"},
    "ja": {"title": "定期便へのお切り替え", "discount": "毎回{percent}%オフ", "price": "1回あたり：{price}",
           "card": "お支払い：{card}", "cod": "お支払い：代金引換", "bank_transfer": "お支払い：銀行振込",
           "button": "定期便に申し込む", "done": "定期便のお申し込みが完了しました", "first": "初回お届け予定日：{date}",
           "gone": "この特典は終了しました"},
    "zh-hans": {"title": "转为定期订购", "discount": "每次配送 {percent}% 折扣", "price": "每次：{price}",
                "card": "付款方式：{card}", "cod": "付款方式：货到付款", "bank_transfer": "付款方式：银行转账",
                "button": "订购", "done": "定期订购已开始", "first": "首次配送：{date}", "gone": "此优惠已结束"},
    "zh-hant": {"title": "轉為定期訂購", "discount": "每次配送 {percent}% 折扣", "price": "每次：{price}",
                "card": "付款方式：{card}", "cod": "付款方式：貨到付款", "bank_transfer": "付款方式：銀行轉帳",
                "button": "訂購", "done": "定期訂購已開始", "first": "首次配送：{date}", "gone": "此優惠已結束"},
}
