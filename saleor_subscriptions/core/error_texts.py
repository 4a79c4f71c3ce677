"""Every refusal's words in our four languages, for the GraphQL API and the link and offer pages alike.

`TEXTS[key][language]`: a key is an error code, or "code.field" where one code means different things
per field (looked up first), or the `words` an error was raised with. Dates in the params are written as
the language writes them. A code without words here keeps, for API callers, the message it was raised
with (often English: a developer's fault such as a missing permission); pages show the general "other"
words instead, never English.
"""

import datetime

from django.utils import translation

from ..saleor.languages import language_for
from .dates import format_day

TEXTS = {
    "internal_error": {
        "en": "Something went wrong on our side and the request was not completed. Please try again later.",
        "ja": "サーバー側で問題が発生したため、処理を完了できませんでした。時間をおいて再度お試しください。",
        "zh-hans": "服务器端出现问题，请求未能完成。请稍后再试。",
        "zh-hant": "伺服器端發生問題，請求未能完成。請稍後再試。",
    },
    "bad_request": {
        "en": "Send a JSON object with query (a string), and optionally variables (an object) and operationName (a string).",
        "ja": "query（文字列）と、必要に応じてvariables（オブジェクト）・operationName（文字列）を持つJSONオブジェクトを送ってください。",
        "zh-hans": "请发送 JSON 对象：包含 query（字符串），可选 variables（对象）和 operationName（字符串）。",
        "zh-hant": "請傳送 JSON 物件：包含 query（字串），可選 variables（物件）和 operationName（字串）。",
    },
    "query_too_large": {
        "en": "The query is too complex: it is larger than {limit} bytes.",
        "ja": "クエリが複雑すぎます：サイズが{limit}バイトを超えています。",
        "zh-hans": "查询过于复杂：大小超过{limit}字节。",
        "zh-hant": "查詢過於複雜：大小超過{limit}位元組。",
    },
    "query_too_many_tokens": {
        "en": "The query is too complex: it has more than {limit} tokens.",
        "ja": "クエリが複雑すぎます：トークン数が{limit}を超えています。",
        "zh-hans": "查询过于复杂：词法单元超过{limit}个。",
        "zh-hant": "查詢過於複雜：詞法單元超過{limit}個。",
    },
    "query_too_deep": {
        "en": "The query is too complex: it nests fields more than {limit} levels deep.",
        "ja": "クエリが複雑すぎます：フィールドの入れ子が{limit}階層を超えています。",
        "zh-hans": "查询过于复杂：字段嵌套超过{limit}层。",
        "zh-hant": "查詢過於複雜：欄位巢狀超過{limit}層。",
    },
    "query_too_many_fields": {
        "en": "The query is too complex: it selects more than {limit} fields.",
        "ja": "クエリが複雑すぎます：フィールド数が{limit}を超えています。",
        "zh-hans": "查询过于复杂：字段超过{limit}个。",
        "zh-hant": "查詢過於複雜：欄位超過{limit}個。",
    },
    "query_too_many_root_fields": {
        "en": "The query is too complex: it has more than {limit} top-level fields.",
        "ja": "クエリが複雑すぎます：トップレベルのフィールドが{limit}個を超えています。",
        "zh-hans": "查询过于复杂：顶层字段超过{limit}个。",
        "zh-hant": "查詢過於複雜：頂層欄位超過{limit}個。",
    },
    "query_too_many_costly_fields": {
        "en": "The query is too complex: at most {limit} fields that call Saleor or send mail ({names}) per request.",
        "ja": "クエリが複雑すぎます：Saleorを呼び出すかメールを送るフィールド（{names}）は1回のリクエストで{limit}個までです。",
        "zh-hans": "查询过于复杂：每个请求最多{limit}个调用 Saleor 或发送邮件的字段（{names}）。",
        "zh-hant": "查詢過於複雜：每個請求最多{limit}個呼叫 Saleor 或寄送郵件的欄位（{names}）。",
    },
    "unknown_instance": {
        "en": "This Saleor has no active installation of this app; send the Saleor-Api-Url header of an installed Saleor.",
        "ja": "このSaleorにはこのアプリが有効にインストールされていません。インストール済みSaleorのSaleor-Api-Urlヘッダーを送ってください。",
        "zh-hans": "此 Saleor 未启用安装本应用；请发送已安装 Saleor 的 Saleor-Api-Url 请求头。",
        "zh-hant": "此 Saleor 未啟用安裝本應用程式；請傳送已安裝 Saleor 的 Saleor-Api-Url 標頭。",
    },
    "token_missing": {
        "en": "Sign in first: send the customer's Saleor access token as Authorization: Bearer <token>.",
        "ja": "先にログインしてください。お客様のSaleorアクセストークンを Authorization: Bearer <token> で送ってください。",
        "zh-hans": "请先登录：以 Authorization: Bearer <token> 发送顾客的 Saleor 访问令牌。",
        "zh-hant": "請先登入：以 Authorization: Bearer <token> 傳送顧客的 Saleor 存取權杖。",
    },
    "token_invalid": {
        "en": "The sign-in token is not valid. Sign in again.",
        "ja": "ログイン情報（トークン）が正しくありません。もう一度ログインしてください。",
        "zh-hans": "登录令牌无效。请重新登录。",
        "zh-hant": "登入權杖無效。請重新登入。",
    },
    "token_expired": {
        "en": "The sign-in token has expired. Refresh it (tokenRefresh) or sign in again.",
        "ja": "ログイン情報（トークン）の有効期限が切れています。更新（tokenRefresh）するか、もう一度ログインしてください。",
        "zh-hans": "登录令牌已过期。请刷新令牌（tokenRefresh）或重新登录。",
        "zh-hant": "登入權杖已過期。請重新整理權杖（tokenRefresh）或重新登入。",
    },
    "token_not_access": {
        "en": "This is not an access token. Send the access token from tokenCreate or tokenRefresh, not the refresh token.",
        "ja": "アクセストークンではありません。リフレッシュトークンではなく、tokenCreate／tokenRefresh が返すアクセストークンを送ってください。",
        "zh-hans": "这不是访问令牌。请发送 tokenCreate 或 tokenRefresh 返回的访问令牌，而不是刷新令牌。",
        "zh-hant": "這不是存取權杖。請傳送 tokenCreate 或 tokenRefresh 回傳的存取權杖，而非重新整理權杖。",
    },
    "token_other_instance": {
        "en": "This token was issued by another shop (another Saleor). Sign in to this shop.",
        "ja": "このトークンは別のショップ（別のSaleor）が発行したものです。このショップでログインしてください。",
        "zh-hans": "此令牌由其他商店（其他 Saleor）签发。请登录本商店。",
        "zh-hant": "此權杖由其他商店（其他 Saleor）簽發。請登入本商店。",
    },
    "token_revoked": {
        "en": "The shop no longer accepts this sign-in (signed out, password changed or account closed). Sign in again.",
        "ja": "このログインは無効になっています（ログアウト、パスワード変更、または退会）。もう一度ログインしてください。",
        "zh-hans": "商店已不再接受此登录（已退出、已更改密码或账户已关闭）。请重新登录。",
        "zh-hant": "商店已不再接受此登入（已登出、已變更密碼或帳號已關閉）。請重新登入。",
    },
    "saleor_unreachable": {
        "en": "The shop could not confirm your sign-in just now, so nothing was changed. Please try again in a moment.",
        "ja": "ただいまショップでログインを確認できなかったため、変更は行っていません。少し時間をおいて再度お試しください。",
        "zh-hans": "商店暂时无法确认您的登录，因此未做任何更改。请稍后再试。",
        "zh-hant": "商店暫時無法確認您的登入，因此未做任何變更。請稍後再試。",
    },
    "throttled": {
        "en": "Too many requests. Please wait {seconds} seconds and try again.",
        "ja": "リクエストが多すぎます。{seconds}秒ほど待ってから再度お試しください。",
        "zh-hans": "请求过多。请等待 {seconds} 秒后再试。",
        "zh-hant": "請求過多。請等待 {seconds} 秒後再試。",
    },
    "which_instance": {
        "en": "Send the Saleor-Api-Url header to say which Saleor this request is for.",
        "ja": "どのSaleorへのリクエストかを示すSaleor-Api-Urlヘッダーを送ってください。",
        "zh-hans": "请发送 Saleor-Api-Url 请求头，说明此请求属于哪个 Saleor。",
        "zh-hant": "請傳送 Saleor-Api-Url 標頭，說明此請求屬於哪個 Saleor。",
    },
    "unauthenticated": {
        "en": "Send a valid, unexpired Dashboard token of this Saleor in the Authorization-Bearer header.",
        "ja": "このSaleorの有効期限内のダッシュボードトークンをAuthorization-Bearerヘッダーで送ってください。",
        "zh-hans": "请在 Authorization-Bearer 请求头中发送此 Saleor 有效且未过期的 Dashboard 令牌。",
        "zh-hant": "請在 Authorization-Bearer 標頭中傳送此 Saleor 有效且未過期的 Dashboard 權杖。",
    },
    "permission_denied": {
        "en": "This needs the {permission} permission.",
        "ja": "この操作には{permission}権限が必要です。",
        "zh-hans": "此操作需要 {permission} 权限。",
        "zh-hant": "此操作需要 {permission} 權限。",
    },
    "saleor_unavailable": {
        "en": "The shop's Saleor could not be reached or did not answer. Please try again in a moment.",
        "ja": "ショップのSaleorに接続できないか、応答がありませんでした。少し待ってから再度お試しください。",
        "zh-hans": "无法连接商店的 Saleor 或其未响应。请稍后再试。",
        "zh-hant": "無法連線商店的 Saleor 或其未回應。請稍後再試。",
    },
    "saleor_rejected": {
        "en": "The shop's Saleor refused the app's request; the app's log says why.",
        "ja": "ショップのSaleorがアプリのリクエストを拒否しました。理由はアプリのログに記録されています。",
        "zh-hans": "商店的 Saleor 拒绝了应用的请求；原因记录在应用日志中。",
        "zh-hant": "商店的 Saleor 拒絕了應用程式的請求；原因記錄在應用程式日誌中。",
    },
    "invalid_character": {
        "en": "This text contains a character that is not allowed (NUL or an unpaired surrogate).",
        "ja": "使用できない文字（NUL文字または不正なサロゲート）が含まれています。",
        "zh-hans": "文本包含不允许的字符（NUL 或未配对的代理字符）。",
        "zh-hant": "文字包含不允許的字元（NUL 或未配對的代理字元）。",
    },
    "line_break": {
        "en": "Must be a single line (no line breaks).",
        "ja": "改行を含めず1行で入力してください。",
        "zh-hans": "必须为单行（不能包含换行）。",
        "zh-hant": "必須為單行（不可包含換行）。",
    },
    "too_many_items": {
        "en": "At most {limit}.",
        "ja": "{limit}件までです。",
        "zh-hans": "最多{limit}项。",
        "zh-hant": "最多{limit}項。",
    },
    "too_long": {
        "en": "At most {limit} characters.",
        "ja": "{limit}文字以内で入力してください。",
        "zh-hans": "最多{limit}个字符。",
        "zh-hant": "最多{limit}個字元。",
    },
    "too_short": {
        "en": "At least {limit} characters.",
        "ja": "{limit}文字以上で入力してください。",
        "zh-hans": "至少{limit}个字符。",
        "zh-hant": "至少{limit}個字元。",
    },
    "required": {
        "en": "This field is required.",
        "ja": "必須項目です。",
        "zh-hans": "此项为必填项。",
        "zh-hant": "此項為必填項。",
    },
    "registration_number_invalid": {
        "en": "A registration number is T followed by 13 digits, e.g. T1234567890123.",
        "ja": "登録番号は「T」と13桁の数字です（例：T1234567890123）。",
        "zh-hans": "登记号码为 T 加 13 位数字，例如 T1234567890123。",
        "zh-hant": "登錄號碼為 T 加 13 位數字，例如 T1234567890123。",
    },
    "email_invalid": {
        "en": "Not an e-mail address.",
        "ja": "メールアドレスの形式が正しくありません。",
        "zh-hans": "不是有效的电子邮件地址。",
        "zh-hant": "不是有效的電子郵件地址。",
    },
    "plan_code": {
        "en": "A plan code is 1–64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit.",
        "ja": "プランコードは1〜64文字で、英小文字・数字・「-」「_」を使い、英小文字か数字で始めてください。",
        "zh-hans": "方案代码为1至64个字符：小写字母、数字、“-”和“_”，并以字母或数字开头。",
        "zh-hant": "方案代碼為1至64個字元：小寫字母、數字、「-」和「_」，並以字母或數字開頭。",
    },
    "number_finite": {
        "en": "Must be a finite number.",
        "ja": "有限の数値を入力してください。",
        "zh-hans": "必须是有限的数值。",
        "zh-hant": "必須是有限的數值。",
    },
    "number_invalid": {
        "en": "Must be a number.",
        "ja": "数値を入力してください。",
        "zh-hans": "必须是数字。",
        "zh-hant": "必須是數字。",
    },
    "at_least": {
        "en": "Must be at least {limit}.",
        "ja": "{limit}以上にしてください。",
        "zh-hans": "不能小于{limit}。",
        "zh-hant": "不能小於{limit}。",
    },
    "greater_than": {
        "en": "Must be greater than {limit}.",
        "ja": "{limit}より大きい値にしてください。",
        "zh-hans": "必须大于{limit}。",
        "zh-hant": "必須大於{limit}。",
    },
    "at_most": {
        "en": "Must be at most {limit}.",
        "ja": "{limit}以下にしてください。",
        "zh-hans": "不能大于{limit}。",
        "zh-hant": "不能大於{limit}。",
    },
    "less_than": {
        "en": "Must be less than {limit}.",
        "ja": "{limit}未満にしてください。",
        "zh-hans": "必须小于{limit}。",
        "zh-hant": "必須小於{limit}。",
    },
    "decimal_places": {
        "en": "{currency} amounts have at most {places} decimal places.",
        "ja": "{currency}の金額は小数点以下{places}桁までです。",
        "zh-hans": "{currency}金额最多{places}位小数。",
        "zh-hant": "{currency}金額最多{places}位小數。",
    },
    "unknown_currency": {
        "en": "Unknown currency {currency}.",
        "ja": "不明な通貨です：{currency}",
        "zh-hans": "未知货币：{currency}",
        "zh-hant": "未知貨幣：{currency}",
    },
    "checkout_busy": {
        "en": "Another change to this checkout is still in progress. Please try again in a moment.",
        "ja": "このチェックアウトは別の変更を処理中です。少し待ってから再度お試しください。",
        "zh-hans": "此结账正在处理另一项更改，请稍后再试。",
        "zh-hant": "此結帳正在處理另一項變更，請稍後再試。",
    },
    "line_exists": {
        "en": "This variant is already in the checkout on this plan (line {line}); change its quantity instead.",
        "ja": "この商品はすでに同じプランでカートに入っています（明細 {line}）。数量を変更してください。",
        "zh-hans": "该商品已按此方案在结账中（明细 {line}），请改为修改数量。",
        "zh-hant": "該商品已按此方案在結帳中（明細 {line}），請改為修改數量。",
    },
    "mail_failed": {
        "en": "The mail could not be sent and will not be retried; check the sender settings and the mail server.",
        "ja": "メールを送信できませんでした（再送はしません）。送信者の設定とメールサーバーをご確認ください。",
        "zh-hans": "邮件无法发送，且不会重试；请检查发件人设置和邮件服务器。",
        "zh-hant": "郵件無法寄出，且不會重試；請檢查寄件人設定和郵件伺服器。",
    },
    "mail_delayed": {
        "en": "The mail server could not be reached; the mail will be retried.",
        "ja": "メールサーバーに接続できませんでした。後ほど再送します。",
        "zh-hans": "无法连接邮件服务器；稍后将重试发送。",
        "zh-hant": "無法連線郵件伺服器；稍後將重試寄送。",
    },
    # Shoppers' refusals: checkout lines, the final screen, selling plans
    "not_found.checkoutId": {
        "en": "This checkout could not be found. Please start again from the cart.",
        "ja": "ご購入手続きが見つかりませんでした。お手数ですが、カートからやり直してください。",
        "zh-hans": "找不到此结账，请从购物车重新开始。",
        "zh-hant": "找不到此結帳，請從購物車重新開始。",
    },
    "not_found.plan": {
        "en": "This subscription plan is not available. Please choose a plan that is on sale.",
        "ja": "お選びの定期便プランはご利用いただけません。販売中のプランをお選びください。",
        "zh-hans": "此定期订购方案不可用，请选择在售的方案。",
        "zh-hant": "此定期訂購方案不可用，請選擇販售中的方案。",
    },
    "not_found.variantId": {
        "en": "This product is not on sale in this shop at the moment.",
        "ja": "この商品は現在お取り扱いしておりません。",
        "zh-hans": "此商品目前在本店未销售。",
        "zh-hant": "此商品目前在本店未販售。",
    },
    "not_found.productId": {
        "en": "This product is not on sale in this shop at the moment.",
        "ja": "この商品は現在お取り扱いしておりません。",
        "zh-hans": "此商品目前在本店未销售。",
        "zh-hant": "此商品目前在本店未販售。",
    },
    "not_found.channel": {
        "en": "This shop has no sales channel {channel!r}.",
        "ja": "ショップの販売チャネル「{channel}」が見つかりませんでした。",
        "zh-hans": "找不到本店的销售渠道“{channel}”。",
        "zh-hant": "找不到本店的銷售通路「{channel}」。",
    },
    "not_found.lineId": {
        "en": "This item could not be found. Please reload the page and try again.",
        "ja": "対象の商品が見つかりませんでした。ページを再読み込みしてから、もう一度お試しください。",
        "zh-hans": "找不到此商品，请刷新页面后重试。",
        "zh-hant": "找不到此商品，請重新整理頁面後再試。",
    },
    "quantity_out_of_range": {
        "en": "Please choose a quantity of {minimum} or more.",
        "ja": "数量は{minimum}以上でお選びください。",
        "zh-hans": "请选择{minimum}或以上的数量。",
        "zh-hant": "請選擇{minimum}或以上的數量。",
    },
    "quantity_range": {
        "en": "Please choose a quantity from {minimum} to {maximum}.",
        "ja": "数量は{minimum}〜{maximum}の範囲でお選びください。",
        "zh-hans": "请选择{minimum}至{maximum}之间的数量。",
        "zh-hant": "請選擇{minimum}至{maximum}之間的數量。",
    },
    "plan_not_for_variant": {
        "en": "This subscription plan is not offered for this product. Please choose another plan.",
        "ja": "この定期便プランはこの商品ではご利用いただけません。別のプランをお選びください。",
        "zh-hans": "此商品不提供该定期订购方案，请选择其他方案。",
        "zh-hant": "此商品不提供該定期訂購方案，請選擇其他方案。",
    },
    "price_unavailable": {
        "en": "This plan has no price for this product in the shop's currency, so it cannot be ordered. Please contact the shop.",
        "ja": "このプランの価格をご案内できないため、お申し込みいただけません。ショップにお問い合わせください。",
        "zh-hans": "此方案在本店货币下没有价格，无法订购。请联系商店。",
        "zh-hant": "此方案在本店貨幣下沒有價格，無法訂購。請聯絡商店。",
    },
    "shipping_method_required": {
        "en": "Please choose a shipping method first: the final screen states the shipping of every delivery.",
        "ja": "先に配送方法をお選びください。最終確認画面で毎回のお届けの送料をご案内します。",
        "zh-hans": "请先选择配送方式：最终确认页面会列出每次配送的运费。",
        "zh-hant": "請先選擇配送方式：最終確認頁面會列出每次配送的運費。",
    },
    "invalid.paymentMethod": {
        "en": "This payment method is not available for this order. Please choose another one.",
        "ja": "このお支払い方法はご利用いただけません。別のお支払い方法をお選びください。",
        "zh-hans": "此订单无法使用该支付方式，请选择其他支付方式。",
        "zh-hant": "此訂單無法使用該付款方式，請選擇其他付款方式。",
    },
    "price_mismatch": {
        "en": "The price in the cart is out of date. Please update the cart and check it again.",
        "ja": "カートの価格が最新ではありません。カートを更新してから、もう一度ご確認ください。",
        "zh-hans": "购物车中的价格已过期，请更新购物车后再次确认。",
        "zh-hant": "購物車中的價格已過期，請更新購物車後再次確認。",
    },
    # Staff's refusals: plans, funnels, settings (Dashboard pages)
    "plan_not_found": {
        "en": "There is no plan {code!r}.",
        "ja": "プラン「{code}」はありません。",
        "zh-hans": "没有方案“{code}”。",
        "zh-hant": "沒有方案「{code}」。",
    },
    "plan_exists": {
        "en": "A plan {code!r} already exists.",
        "ja": "プラン「{code}」はすでにあります。",
        "zh-hans": "方案“{code}”已存在。",
        "zh-hant": "方案「{code}」已存在。",
    },
    "product_not_found": {
        "en": "Saleor has no such product.",
        "ja": "Saleor にこの商品はありません。",
        "zh-hans": "Saleor 中没有此商品。",
        "zh-hant": "Saleor 中沒有此商品。",
    },
    "notice_period": {
        "en": "Subscribers must be told {days} days ahead: choose {date} or later.",
        "ja": "契約者へは{days}日前までに通知が必要です。{date}以降の日付を選んでください。",
        "zh-hans": "须提前{days}天通知订阅者：请选择{date}或之后的日期。",
        "zh-hant": "須提前{days}天通知訂閱者：請選擇{date}或之後的日期。",
    },
    "nobody_to_move": {
        "en": "No subscriber is on an earlier version of this plan (or all have been told of a move already).",
        "ja": "このプランの以前のバージョンの契約者はいません（または全員に移行を通知済みです）。",
        "zh-hans": "没有订阅者使用此方案的旧版本（或已全部通知迁移）。",
        "zh-hant": "沒有訂閱者使用此方案的舊版本（或已全部通知移轉）。",
    },
    "date_range": {
        "en": "Choose an end date on or after the start date, at most {days} days later.",
        "ja": "終了日は開始日以降、{days}日以内の日付を選んでください。",
        "zh-hans": "请选择不早于开始日期、且在{days}天以内的结束日期。",
        "zh-hant": "請選擇不早於開始日期、且在{days}天以內的結束日期。",
    },
    "json_object": {
        "en": "{name} must be a JSON object.",
        "ja": "{name}はJSONオブジェクトで指定してください。",
        "zh-hans": "{name}必须是 JSON 对象。",
        "zh-hant": "{name}必須是 JSON 物件。",
    },
    "mail_kind_unknown": {
        "en": "There is no mail {kind}.",
        "ja": "{kind} というメールはありません。",
        "zh-hans": "没有名为 {kind} 的邮件。",
        "zh-hant": "沒有名為 {kind} 的郵件。",
    },
    "template_syntax": {
        "en": "Line {line}: the template cannot be read ({error}). Nothing was saved.",
        "ja": "{line}行目：テンプレートを読み取れません（{error}）。保存していません。",
        "zh-hans": "第{line}行：无法读取模板（{error}）。未保存。",
        "zh-hant": "第{line}行：無法讀取範本（{error}）。未儲存。",
    },
    "template_unknown_name": {
        "en": "Line {line}: this mail has nothing called {name}. It can use {names}. Nothing was saved.",
        "ja": "{line}行目：このメールでは {name} は使えません。使えるのは {names} です。保存していません。",
        "zh-hans": "第{line}行：此邮件中没有 {name}。可以使用 {names}。未保存。",
        "zh-hant": "第{line}行：此郵件中沒有 {name}。可以使用 {names}。未儲存。",
    },
    "template_render": {
        "en": "Line {line}: the template cannot be rendered for the sample customer ({error}). Nothing was saved.",
        "ja": "{line}行目：サンプルのお客様でテンプレートを表示できません（{error}）。保存していません。",
        "zh-hans": "第{line}行：无法为示例顾客渲染模板（{error}）。未保存。",
        "zh-hant": "第{line}行：無法為範例顧客轉譯範本（{error}）。未儲存。",
    },
    "template_render_layout": {
        "en": "The layout this template extends cannot be rendered with it ({error}). Nothing was saved.",
        "ja": "このテンプレートが使うレイアウトを表示できません（{error}）。保存していません。",
        "zh-hans": "此模板所继承的版式无法渲染（{error}）。未保存。",
        "zh-hant": "此範本所繼承的版面無法轉譯（{error}）。未儲存。",
    },
    "step_not_found": {
        "en": "This funnel has no step {position}.",
        "ja": "このファネルにステップ{position}はありません。",
        "zh-hans": "此漏斗没有第{position}步。",
        "zh-hant": "此漏斗沒有第{position}步。",
    },
    "unknown_languages": {
        "en": "Unknown languages: {languages}. Use en, ja, zh-hans or zh-hant.",
        "ja": "不明な言語です：{languages}。en・ja・zh-hans・zh-hantのいずれかを指定してください。",
        "zh-hans": "未知语言：{languages}。请使用 en、ja、zh-hans 或 zh-hant。",
        "zh-hant": "未知語言：{languages}。請使用 en、ja、zh-hans 或 zh-hant。",
    },
    "steps_in_order": {
        "en": "Each step must come later than the one before.",
        "ja": "各ステップは前のステップより後の日にしてください。",
        "zh-hans": "每一步必须晚于前一步。",
        "zh-hant": "每一步必須晚於前一步。",
    },
    "offered_plan_not_found": {
        "en": "There is no offered plan {code!r}.",
        "ja": "販売中のプラン「{code}」はありません。",
        "zh-hans": "没有在售方案“{code}”。",
        "zh-hant": "沒有販售中的方案「{code}」。",
    },
    "offer_without_trial": {
        "en": "Offer a plan without a trial: the buyer has had the trial already.",
        "ja": "お試しのないプランを指定してください。購入者はすでにお試しを利用済みです。",
        "zh-hans": "请提供不含试用的方案：购买者已使用过试用。",
        "zh-hant": "請提供不含試用的方案：購買者已使用過試用。",
    },
    "variant_not_for_plan": {
        "en": "This variant cannot be subscribed to with this plan's product.",
        "ja": "このバリエーションは、このプランの商品の定期便にできません。",
        "zh-hans": "此规格不能以该方案的商品定期订购。",
        "zh-hant": "此規格不能以該方案的商品定期訂購。",
    },
    "offer_discount_required": {
        "en": "Give a discount for the link, a voucher code, or both.",
        "ja": "リンクの割引率かクーポンコード、またはその両方を指定してください。",
        "zh-hans": "请为链接设置折扣或优惠码，或两者都设置。",
        "zh-hant": "請為連結設定折扣或優惠碼，或兩者都設定。",
    },
    "voucher_not_found": {
        "en": "Saleor has no voucher with the code {voucher!r}.",
        "ja": "クーポンコード「{voucher}」はSaleorにありません。",
        "zh-hans": "Saleor 中没有优惠码“{voucher}”。",
        "zh-hant": "Saleor 中沒有優惠碼「{voucher}」。",
    },
    "voucher_expired": {
        "en": "The voucher code {voucher!r} has expired.",
        "ja": "クーポンコード「{voucher}」は有効期限が切れています。",
        "zh-hans": "优惠码“{voucher}”已过期。",
        "zh-hant": "優惠碼「{voucher}」已過期。",
    },
    "voucher_in_no_channel": {
        "en": "The voucher code {voucher!r} is not available in any channel.",
        "ja": "クーポンコード「{voucher}」はどのチャネルでも使えません。",
        "zh-hans": "优惠码“{voucher}”在任何渠道都不可用。",
        "zh-hant": "優惠碼「{voucher}」在任何通路都無法使用。",
    },
    "voucher_permission_missing": {
        "en": "The app was not granted MANAGE_DISCOUNTS in Saleor, so it cannot check the voucher code.",
        "ja": "アプリにSaleorのMANAGE_DISCOUNTS権限がないため、クーポンコードを確認できません。",
        "zh-hans": "应用未在 Saleor 中获得 MANAGE_DISCOUNTS 权限，无法核对优惠码。",
        "zh-hant": "應用程式未在 Saleor 中獲得 MANAGE_DISCOUNTS 權限，無法核對優惠碼。",
    },
    "time_zone_unknown": {
        "en": "Unknown time zone {value}: use a name such as Asia/Tokyo.",
        "ja": "タイムゾーン {value} は存在しません。Asia/Tokyo のような名前で指定してください。",
        "zh-hans": "未知时区 {value}：请使用 Asia/Tokyo 这样的名称。",
        "zh-hant": "未知時區 {value}：請使用 Asia/Tokyo 這樣的名稱。",
    },
    "language_unknown": {
        "en": "Choose one of {choices}.",
        "ja": "{choices} のいずれかを選んでください。",
        "zh-hans": "请从 {choices} 中选择。",
        "zh-hant": "請從 {choices} 中選擇。",
    },
    "no_open_day": {
        "en": "The calendar leaves no delivery day open within {days} days: open some days.",
        "ja": "このカレンダーでは{days}日以内にお届けできる日がありません。営業日を設けてください。",
        "zh-hans": "按此日历，{days} 天内没有可配送的日子：请开放一些日子。",
        "zh-hant": "依此日曆，{days} 天內沒有可配送的日子：請開放一些日子。",
    },
    "sender_in_use": {
        "en": "Step mails are running and must name the sender and their address: pause every funnel before removing them.",
        "ja": "ステップメールの配信中は送信者名と住所の表示が必要です。削除する前にすべてのファネルを停止してください。",
        "zh-hans": "分步邮件正在发送，必须注明发件人及其地址：删除前请先暂停所有漏斗。",
        "zh-hant": "分步郵件正在寄送，必須註明寄件人及其地址：刪除前請先暫停所有漏斗。",
    },
    "holiday_country": {
        "en": "No public holidays are known for the country {country}.",
        "ja": "国コード {country} の祝日は登録されていません。",
        "zh-hans": "没有国家 {country} 的公共假日数据。",
        "zh-hant": "沒有國家 {country} 的國定假日資料。",
    },
    "holiday_year": {
        "en": "Choose a year from {low} to {high}.",
        "ja": "{low}年から{high}年までの年を選んでください。",
        "zh-hans": "请选择 {low} 年至 {high} 年之间的年份。",
        "zh-hant": "請選擇 {low} 年至 {high} 年之間的年份。",
    },
    "step_template": {
        "en": "This text cannot be rendered (line {line}): {error}",
        "ja": "この文面を表示できません（{line}行目）：{error}",
        "zh-hans": "此文本无法生成（第{line}行）：{error}",
        "zh-hant": "此文字無法產生（第{line}行）：{error}",
    },
    "funnel_not_found": {
        "en": "There is no funnel {id} in this shop.",
        "ja": "このショップにステップメール {id} はありません。",
        "zh-hans": "本店没有步骤邮件 {id}。",
        "zh-hant": "本店沒有步驟郵件 {id}。",
    },
    "sender_required": {
        "en": "Marketing mail must name the sender and their address: set senderName and senderAddress first.",
        "ja": "販促メールには送信者名と住所の表示が必要です。先にsenderNameとsenderAddressを設定してください。",
        "zh-hans": "营销邮件必须注明发件人及其地址：请先设置 senderName 和 senderAddress。",
        "zh-hant": "行銷郵件必須註明寄件人及其地址：請先設定 senderName 和 senderAddress。",
    },
    # Operators' refusals: the desk's changes to a subscription (api/operator_*.py)
    "subscription_not_found": {
        "en": "There is no subscription {id} in this shop.",
        "ja": "このショップに定期便 {id} はありません。",
        "zh-hans": "本店没有定期订购 {id}。",
        "zh-hant": "本店沒有定期訂購 {id}。",
    },
    "override_not_allowed.cutoff": {
        "en": "This plan does not let staff change a delivery inside the customers' change cut-off.",
        "ja": "このプランでは、お客様の変更締切を過ぎたお届けをスタッフが変更することはできません。",
        "zh-hans": "此方案不允许员工在顾客变更截止后更改配送。",
        "zh-hant": "此方案不允許員工在顧客變更截止後更改配送。",
    },
    "override_not_allowed.commitment": {
        "en": "This plan does not let staff cancel before its minimum number of deliveries.",
        "ja": "このプランでは、最低お受け取り回数に達する前にスタッフが解約することはできません。",
        "zh-hans": "此方案不允许员工在达到最少配送次数前取消。",
        "zh-hant": "此方案不允許員工在達到最少配送次數前取消。",
    },
    "last_line": {
        "en": "A subscription keeps at least one product. To stop all deliveries, cancel the subscription instead.",
        "ja": "定期便には商品が1つ以上必要です。すべてのお届けを止める場合は、定期便を解約してください。",
        "zh-hans": "定期订购至少需保留一件商品。如要停止全部配送，请改为取消定期订购。",
        "zh-hant": "定期訂購至少需保留一件商品。如要停止全部配送，請改為取消定期訂購。",
    },
    "line_exists_staff": {
        "en": "This variant is already in the subscription; change its quantity instead.",
        "ja": "このバリエーションはすでに定期便に含まれています。数量を変更してください。",
        "zh-hans": "此规格已在定期订购中，请改为修改数量。",
        "zh-hant": "此規格已在定期訂購中，請改為修改數量。",
    },
    "not_available.variantId": {
        "en": "Choose a subscribable variant of the same product that this channel sells.",
        "ja": "同じ商品の、このチャネルで販売中かつ定期便にできるバリエーションを選んでください。",
        "zh-hans": "请选择同一商品中此渠道在售且可定期订购的规格。",
        "zh-hant": "請選擇同一商品中此通路販售且可定期訂購的規格。",
    },
    "not_available.planId": {
        "en": "Choose an offered plan of the same product.",
        "ja": "同じ商品の販売中のプランを選んでください。",
        "zh-hans": "请选择同一商品的在售方案。",
        "zh-hant": "請選擇同一商品的販售中方案。",
    },
    "unchanged.planId": {
        "en": "The subscription is already on this plan.",
        "ja": "この定期便はすでにこのプランです。",
        "zh-hans": "此定期订购已是该方案。",
        "zh-hant": "此定期訂購已是該方案。",
    },
    "duplicate.planId": {
        "en": "Another subscription from the same order is already on this plan.",
        "ja": "同じ注文から始まった別の定期便がすでにこのプランです。",
        "zh-hans": "同一订单的另一个定期订购已是该方案。",
        "zh-hant": "同一訂單的另一個定期訂購已是該方案。",
    },
    "payment_method.planId": {
        "en": "This plan cannot be paid the way this subscription pays.",
        "ja": "このプランは、この定期便のお支払い方法に対応していません。",
        "zh-hans": "此方案不支持该定期订购的付款方式。",
        "zh-hant": "此方案不支援該定期訂購的付款方式。",
    },
    "not_available.shippingMethodId": {
        "en": "Saleor does not offer this shipping method for the subscription's channel and address.",
        "ja": "この配送方法は、定期便のチャネルと住所ではSaleorで利用できません。",
        "zh-hans": "Saleor 不为此定期订购的渠道和地址提供该配送方式。",
        "zh-hant": "Saleor 不為此定期訂購的通路和地址提供該配送方式。",
    },
    "busy": {
        "en": "A renewal of this subscription is being processed right now. Please try again in a moment.",
        "ja": "この定期便の継続処理を実行中です。少し待ってから再度お試しください。",
        "zh-hans": "此定期订购正在处理续订，请稍后再试。",
        "zh-hant": "此定期訂購正在處理續訂，請稍後再試。",
    },
    "renewal_in_flight": {
        "en": "A delivery of this subscription is being charged, or was charged and its order is not complete yet; "
              "it cannot be deleted now.",
        "ja": "この定期便のお届け分を請求中か、請求済みで注文が未完了のため、今は削除できません。",
        "zh-hans": "此定期订购的某次配送正在扣款，或已扣款但订单尚未完成，暂时无法删除。",
        "zh-hant": "此定期訂購的某次配送正在扣款，或已扣款但訂單尚未完成，暫時無法刪除。",
    },
    "not_pending": {
        "en": "This delivery is not waiting for cash on delivery or a bank transfer.",
        "ja": "このお届け分は代金引換・銀行振込の入金待ちではありません。",
        "zh-hans": "此次配送没有在等待货到付款或银行转账。",
        "zh-hant": "此次配送沒有在等待貨到付款或銀行轉帳。",
    },
    "not_found.cycle": {
        "en": "This subscription has no delivery {cycle}.",
        "ja": "この定期便に{cycle}回目のお届けはありません。",
        "zh-hans": "此定期订购没有第{cycle}次配送。",
        "zh-hant": "此定期訂購沒有第{cycle}次配送。",
    },
    # Customers' refusals: changes to a subscription (link pages), offers
    "past_cutoff": {
        "en": "Changes to the delivery of {next_date} closed on {deadline}, {days} days before it. "
              "From {date} on, you can change or cancel the deliveries after it.",
        "ja": "{next_date}のお届け分の変更・解約の受付は、お届けの{days}日前（{deadline}）で締め切りました。"
              "{date}以降は、その次のお届けから変更・解約できます。",
        "zh-hans": "{next_date}配送的变更和取消已于配送前{days}天（{deadline}）截止。自{date}起，可变更或取消之后的配送。",
        "zh-hant": "{next_date}配送的變更及取消已於配送前{days}天（{deadline}）截止。自{date}起，可變更或取消之後的配送。",
    },
    "past_cutoff.undated": {
        "en": "Changes to the delivery of {next_date} closed on {deadline}, {days} days before it.",
        "ja": "{next_date}のお届け分の変更・解約の受付は、お届けの{days}日前（{deadline}）で締め切りました。",
        "zh-hans": "{next_date}配送的变更和取消已于配送前{days}天（{deadline}）截止。",
        "zh-hant": "{next_date}配送的變更及取消已於配送前{days}天（{deadline}）截止。",
    },
    "commitment": {
        "en": "This plan is for at least {commitment} deliveries ({deliveries} so far): you can cancel from {date} on.",
        "ja": "この定期便は{commitment}回以上のお受け取りが条件です（これまで{deliveries}回）。{date}以降に解約できます。",
        "zh-hans": "此定期订购至少需配送{commitment}次（目前{deliveries}次），自{date}起可以取消。",
        "zh-hant": "此定期訂購至少需配送{commitment}次（目前{deliveries}次），自{date}起可以取消。",
    },
    "commitment.undated": {
        "en": "This plan is for at least {commitment} deliveries ({deliveries} so far), so it cannot be cancelled yet.",
        "ja": "この定期便は{commitment}回以上のお受け取りが条件のため（これまで{deliveries}回）、まだ解約できません。",
        "zh-hans": "此定期订购至少需配送{commitment}次（目前{deliveries}次），暂时无法取消。",
        "zh-hant": "此定期訂購至少需配送{commitment}次（目前{deliveries}次），暫時無法取消。",
    },
    "invalid_status": {
        "en": "This subscription cannot be changed here any more.",
        "ja": "この定期便は、こちらからは変更できない状態です。",
        "zh-hans": "此定期订购目前无法在此变更。",
        "zh-hant": "此定期訂購目前無法在此變更。",
    },
    "too_soon": {
        "en": "Please choose a date from {date} on.",
        "ja": "{date}以降の日付をお選びください。",
        "zh-hans": "请选择{date}或之后的日期。",
        "zh-hant": "請選擇{date}或之後的日期。",
    },
    "too_late": {
        "en": "Please choose a date before the following delivery ({date}), or skip this delivery instead.",
        "ja": "次回のお届け（{date}）より前の日付をお選びください。それより後にする場合は、今回のお届けをスキップしてください。",
        "zh-hans": "请选择下一次配送（{date}）之前的日期，或改为跳过本次配送。",
        "zh-hant": "請選擇下一次配送（{date}）之前的日期，或改為略過本次配送。",
    },
    "one_time_not_available": {
        "en": "This product is not on sale in this shop now, so it cannot be added to the delivery.",
        "ja": "この商品は現在このショップで販売していないため、お届けに追加できません。",
        "zh-hans": "此商品目前未在本店销售，无法添加到配送中。",
        "zh-hant": "此商品目前未在本店販售，無法加入配送。",
    },
    "one_time_too_many": {
        "en": "At most {limit} different products can be added to one delivery.",
        "ja": "1回のお届けに追加できる商品は{limit}種類までです。",
        "zh-hans": "每次配送最多可添加{limit}种商品。",
        "zh-hant": "每次配送最多可加入{limit}種商品。",
    },
    "one_time_in_order": {
        "en": "This item is already in the order of the delivery of {date}, so it can no longer be removed.",
        "ja": "この商品は{date}のお届けの注文に含まれているため、取り消せません。",
        "zh-hans": "此商品已包含在{date}配送的订单中，无法再移除。",
        "zh-hant": "此商品已包含在{date}配送的訂單中，無法再移除。",
    },
    "not_found.itemId": {
        "en": "This item could not be found. Please reload the page and try again.",
        "ja": "対象の商品が見つかりませんでした。ページを再読み込みしてから、もう一度お試しください。",
        "zh-hans": "找不到此商品，请刷新页面后重试。",
        "zh-hant": "找不到此商品，請重新整理頁面後再試。",
    },
    "no_payment_method": {
        "en": "This offer needs a saved card. Please subscribe in the shop.",
        "ja": "この特典のお申し込みには登録済みのカードが必要です。ショップからお申し込みください。",
        "zh-hans": "此优惠需要已保存的银行卡，请在商店中订购。",
        "zh-hant": "此優惠需要已儲存的信用卡，請在商店中訂購。",
    },
    "not_available.offer": {
        "en": "This offer is no longer available.",
        "ja": "この特典は終了しました。",
        "zh-hans": "此优惠已结束。",
        "zh-hant": "此優惠已結束。",
    },
    "reason_unknown": {
        "en": "Please choose one of the reasons listed.",
        "ja": "表示されている理由から1つお選びください。",
        "zh-hans": "请从列出的原因中选择一项。",
        "zh-hant": "請從列出的原因中選擇一項。",
    },
    "attempt_not_found": {
        "en": "This cancellation could not be found. Please start again.",
        "ja": "この解約のお手続きが見つかりません。最初からやり直してください。",
        "zh-hans": "找不到此取消手续，请重新开始。",
        "zh-hant": "找不到此取消手續，請重新開始。",
    },
    "decided.saved": {
        "en": "You already accepted this offer: your subscription continues.",
        "ja": "この特典はお申し込み済みです。定期便は継続されます。",
        "zh-hans": "您已接受此优惠，定期订购将继续。",
        "zh-hant": "您已接受此優惠，定期訂購將繼續。",
    },
    "decided.cancelled": {
        "en": "This cancellation was already made.",
        "ja": "この解約のお手続きは完了しています。",
        "zh-hans": "此取消手续已完成。",
        "zh-hant": "此取消手續已完成。",
    },
    "out_of_stock": {
        "en": "Only {available} in stock: this quantity cannot be ordered now.",
        "ja": "在庫が{available}点のため、この数量はご注文いただけません。",
        "zh-hans": "库存仅剩{available}件，暂无法订购此数量。",
        "zh-hant": "庫存僅剩{available}件，暫無法訂購此數量。",
    },
    "no_shipping": {
        "en": "The shop does not ship to this address with this method. Please choose another method or address.",
        "ja": "この住所へはこの配送方法でお届けできません。別の配送方法か住所をお選びください。",
        "zh-hans": "此配送方式无法送达该地址，请选择其他配送方式或地址。",
        "zh-hant": "此配送方式無法送達該地址，請選擇其他配送方式或地址。",
    },
    "card_declined": {
        "en": "The card was declined ({reason}). Nothing was ordered or charged; please try another card or payment method.",
        "ja": "カードが承認されませんでした（{reason}）。注文も請求も行われていません。別のカードかお支払い方法をお試しください。",
        "zh-hans": "银行卡被拒绝（{reason}）。未下单也未扣款，请换一张卡或其他支付方式。",
        "zh-hant": "信用卡遭拒（{reason}）。未下單也未扣款，請改用其他卡或付款方式。",
    },
    "card_required": {
        "en": "Enter the card and save it before placing a card order.",
        "ja": "カード払いのご注文には、先にカードを入力して登録してください。",
        "zh-hans": "银行卡支付的订单，请先输入并保存银行卡。",
        "zh-hant": "信用卡付款的訂單，請先輸入並儲存信用卡。",
    },
    "card_not_saved": {
        "en": "This card was not saved for this customer. Please enter it again.",
        "ja": "このカードはこのお客様に登録されていません。もう一度入力してください。",
        "zh-hans": "此银行卡未为该顾客保存，请重新输入。",
        "zh-hant": "此信用卡未為該顧客儲存，請重新輸入。",
    },
    "customer_exists": {
        "en": "A customer with this e-mail already exists: search for them and choose them instead.",
        "ja": "このメールアドレスのお客様は既に登録されています。検索して選択してください。",
        "zh-hans": "已有使用此电子邮件的顾客，请搜索并选择该顾客。",
        "zh-hant": "已有使用此電子郵件的顧客，請搜尋並選擇該顧客。",
    },
    "stripe_unavailable": {
        "en": "The card service could not be reached. Nothing was charged twice; please try again in a moment.",
        "ja": "カード決済サービスに接続できませんでした。二重に請求されることはありません。しばらくしてから再度お試しください。",
        "zh-hans": "无法连接银行卡支付服务。不会重复扣款，请稍后再试。",
        "zh-hant": "無法連線信用卡付款服務。不會重複扣款，請稍後再試。",
    },
    # The customer API's own refusals (api/customer/)
    "one_change": {
        "en": "Quote one change at a time: lineId with quantity or with variantId, or planCode.",
        "ja": "見積もりは1つの変更ごとです。lineIdと数量（quantity）またはバリエーション（variantId）、あるいはplanCodeを指定してください。",
        "zh-hans": "每次只能报价一项变更：lineId 加 quantity 或 variantId，或者 planCode。",
        "zh-hant": "每次只能報價一項變更：lineId 加 quantity 或 variantId，或者 planCode。",
    },
    "invalid.shippingAddress": {
        "en": "Enter at least the country and the postal code of the address.",
        "ja": "住所には少なくとも国と郵便番号を入力してください。",
        "zh-hans": "地址至少需填写国家和邮政编码。",
        "zh-hant": "地址至少需填寫國家和郵遞區號。",
    },
    "closed_day": {
        "en": "The shop does not deliver on {date}. Please choose another day.",
        "ja": "{date}はお届けの休業日です。別の日をお選びください。",
        "zh-hans": "{date}为停止配送日，请选择其他日期。",
        "zh-hant": "{date}為停止配送日，請選擇其他日期。",
    },
    "pause_until": {
        "en": "Choose a date after today to resume deliveries, or none to pause until you resume.",
        "ja": "お届け再開日には明日以降の日付を選ぶか、指定せずに一時停止してください（再開はいつでもできます）。",
        "zh-hans": "请选择今天之后的日期恢复配送，或不填写日期暂停至您手动恢复。",
        "zh-hant": "請選擇今天之後的日期恢復配送，或不填寫日期暫停至您手動恢復。",
    },
    "payment_method.card": {
        "en": "This subscription's plan cannot be paid by card.",
        "ja": "この定期便のプランはカード払いに対応していません。",
        "zh-hans": "此定期订购的方案不支持银行卡付款。",
        "zh-hant": "此定期訂購的方案不支援信用卡付款。",
    },
    "stripe_key_format": {
        "en": "This does not look like a Stripe key: it starts with {prefix}.",
        "ja": "Stripe のキーの形式ではありません。{prefix} で始まるキーを入力してください。",
        "zh-hans": "这不是 Stripe 密钥的格式：应以 {prefix} 开头。",
        "zh-hant": "這不是 Stripe 金鑰的格式：應以 {prefix} 開頭。",
    },
    "stripe_key_refused": {
        "en": "Stripe refused this key. Copy it again from the Stripe Dashboard (Developers → API keys).",
        "ja": "Stripe がこのキーを受け付けませんでした。Stripe ダッシュボード（開発者 → API キー）からもう一度コピーしてください。",
        "zh-hans": "Stripe 拒绝了此密钥。请从 Stripe 控制台（开发者 → API 密钥）重新复制。",
        "zh-hant": "Stripe 拒絕了此金鑰。請從 Stripe 控制台（開發人員 → API 金鑰）重新複製。",
    },
    "stripe_key_permission": {
        "en": "This restricted key may not read the account or its balance. Allow at least \"Balance: read\" for it in Stripe.",
        "ja": "この制限付きキーではアカウントも残高も読み取れません。Stripe で少なくとも「残高：読み取り」を許可してください。",
        "zh-hans": "此受限密钥无法读取账户或余额。请在 Stripe 中至少允许“余额：读取”。",
        "zh-hant": "此受限金鑰無法讀取帳戶或餘額。請在 Stripe 中至少允許「餘額：讀取」。",
    },
    "stripe_mode_mismatch": {
        "en": "The publishable key is for {mode} mode but the secret key is not: use the two keys of one mode.",
        "ja": "公開可能キーは{mode}モードですが、シークレットキーは異なります。同じモードの 2 つのキーを入力してください。",
        "zh-hans": "可发布密钥属于{mode}模式，而密钥不是：请使用同一模式的两个密钥。",
        "zh-hant": "可發布金鑰屬於{mode}模式，而金鑰不是：請使用同一模式的兩個金鑰。",
    },
    "stripe_unreachable": {
        "en": "Stripe could not be reached to check the key. Nothing was saved; please try again in a moment.",
        "ja": "キーを確認するために Stripe に接続できませんでした。何も保存されていません。しばらくしてから再度お試しください。",
        "zh-hans": "无法连接 Stripe 以验证密钥。未保存任何内容，请稍后再试。",
        "zh-hant": "無法連線 Stripe 以驗證金鑰。未儲存任何內容，請稍後再試。",
    },
    "stripe_connect_unavailable": {
        "en": "This deployment has no Stripe platform key (STRIPE_SECRET_KEY), so a Connect account cannot be used. Enter the shop's own keys instead.",
        "ja": "このサーバーには Stripe のプラットフォームキー（STRIPE_SECRET_KEY）がないため、Connect アカウントは使えません。ショップ自身のキーを入力してください。",
        "zh-hans": "此部署没有 Stripe 平台密钥（STRIPE_SECRET_KEY），无法使用 Connect 账户。请改为输入商店自己的密钥。",
        "zh-hant": "此部署沒有 Stripe 平台金鑰（STRIPE_SECRET_KEY），無法使用 Connect 帳戶。請改為輸入商店自己的金鑰。",
    },
    "stripe_account_unknown": {
        "en": "Stripe knows no account {account} connected to this platform.",
        "ja": "このプラットフォームに接続されたアカウント {account} は Stripe にありません。",
        "zh-hans": "Stripe 中没有连接到此平台的账户 {account}。",
        "zh-hant": "Stripe 中沒有連接到此平台的帳戶 {account}。",
    },
    "stripe_keys_or_account": {
        "en": "Enter either the shop's own keys or a Connect account id, not both.",
        "ja": "ショップ自身のキーか Connect アカウント ID のどちらか一方を入力してください。",
        "zh-hans": "请输入商店自己的密钥或 Connect 账户 ID，二者选一。",
        "zh-hant": "請輸入商店自己的金鑰或 Connect 帳戶 ID，二者擇一。",
    },
    "cards_unavailable": {
        "en": "Cards cannot be saved here at the moment. Please contact the shop.",
        "ja": "現在こちらではカードを登録できません。ショップにお問い合わせください。",
        "zh-hans": "目前无法在此保存银行卡，请联系商店。",
        "zh-hant": "目前無法在此儲存信用卡，請聯絡商店。",
    },
    "order_busy": {
        "en": "This order is being placed right now. Wait a moment and look at the result.",
        "ja": "このご注文は現在処理中です。少し待ってから結果をご確認ください。",
        "zh-hans": "此订单正在处理中，请稍候查看结果。",
        "zh-hant": "此訂單正在處理中，請稍候查看結果。",
    },
    "key_reused": {
        "en": "This submission key was already used for another order. Reload the form and submit again.",
        "ja": "この送信キーは別のご注文に使用済みです。フォームを再読み込みして送信し直してください。",
        "zh-hans": "此提交密钥已用于另一订单，请重新加载表单后再提交。",
        "zh-hant": "此提交金鑰已用於另一訂單，請重新載入表單後再提交。",
    },
    "order_refused": {
        "en": "Saleor refused the order: {reason}. Nothing was ordered or charged.",
        "ja": "Saleorが注文を受け付けませんでした：{reason}。注文も請求も行われていません。",
        "zh-hans": "Saleor 拒绝了订单：{reason}。未下单也未扣款。",
        "zh-hant": "Saleor 拒絕了訂單：{reason}。未下單也未扣款。",
    },
    "other": {
        "en": "This could not be done. Please contact the shop.",
        "ja": "お手続きできませんでした。ショップにお問い合わせください。",
        "zh-hans": "无法办理，请联系商店。",
        "zh-hant": "無法辦理，請聯絡商店。",
    },
    "channel_unknown": {
        "en": "The shop's Saleor has no channel {channel}: choose one of its channels.",
        "ja": "ショップのSaleorにチャネル「{channel}」はありません。既存のチャネルから選んでください。",
        "zh-hans": "商店的 Saleor 中没有渠道 {channel}：请从现有渠道中选择。",
        "zh-hant": "商店的 Saleor 中沒有通路 {channel}：請從現有通路中選擇。",
    },
    "figures_channel_unknown": {
        "en": "No subscription was ever sold in channel {channel}: choose a channel that has subscriptions.",
        "ja": "チャネル「{channel}」では定期契約がまだありません。定期契約のあるチャネルを選んでください。",
        "zh-hans": "渠道 {channel} 从未售出订阅：请选择有订阅的渠道。",
        "zh-hant": "通路 {channel} 從未售出訂閱：請選擇有訂閱的通路。",
    },
    "figures_range_too_long": {
        "en": "The range is too long for this period: choose at most {days} days, or a longer period (week or month).",
        "ja": "この集計単位には期間が長すぎます。{days}日以内にするか、より長い単位（週・月）を選んでください。",
        "zh-hans": "对此统计周期而言范围过长：请选择不超过{days}天，或更长的周期（周或月）。",
        "zh-hant": "對此統計週期而言範圍過長：請選擇不超過{days}天，或更長的週期（週或月）。",
    },
    "one_mail": {
        "en": "Give one of kind, funnelId and draft: the mail to send.",
        "ja": "kind・funnelId・draft のいずれか一つだけを指定してください（送るメール）。",
        "zh-hans": "请只提供 kind、funnelId 和 draft 其中之一：要发送的邮件。",
        "zh-hant": "請只提供 kind、funnelId 與 draft 其中之一：要寄送的郵件。",
    },
    "membership_target": {
        "en": "Give exactly one of productId and planCode: the product or the plan membership is asked for.",
        "ja": "productId と planCode のどちらか一方だけを指定してください（会員資格を確認する商品またはプラン）。",
        "zh-hans": "请只提供 productId 和 planCode 其中之一：要查询会员资格的商品或方案。",
        "zh-hant": "請只提供 productId 與 planCode 其中之一：要查詢會員資格的商品或方案。",
    },
    "unknown_payment_method": {
        "en": "{method} is not an installed payment method ({known}).",
        "ja": "{method}は利用できるお支払い方法ではありません（{known}）。",
        "zh-hans": "{method}不是已安装的付款方式（{known}）。",
        "zh-hant": "{method}不是已安裝的付款方式（{known}）。",
    },
    # CSV exports (exports/, api/exports.py)
    "export_range": {
        "en": "Choose an end date on or after the start date.",
        "ja": "終了日は開始日以降の日付を選んでください。",
        "zh-hans": "请选择不早于开始日期的结束日期。",
        "zh-hant": "請選擇不早於開始日期的結束日期。",
    },
    "export_channel": {
        "en": "Give a channel by its slug (letters, digits, - and _), or none for every channel.",
        "ja": "チャネルはスラッグ（英数字・-・_）で指定してください。すべてのチャネルなら空のままにします。",
        "zh-hans": "请以 slug（字母、数字、- 和 _）指定渠道；留空表示所有渠道。",
        "zh-hant": "請以 slug（字母、數字、- 與 _）指定通路；留空表示所有通路。",
    },
    "export_link_expired": {
        "en": "This download link has expired. Export the file again from the Subscription figures page.",
        "ja": "このダウンロードリンクは有効期限が切れています。定期購入の集計ページからもう一度エクスポートしてください。",
        "zh-hans": "此下载链接已过期。请在订阅数据页面重新导出。",
        "zh-hant": "此下載連結已過期。請在訂閱數據頁面重新匯出。",
    },
    "export_link_invalid": {
        "en": "This download link is not valid. Export the file from the Subscription figures page.",
        "ja": "このダウンロードリンクは無効です。定期購入の集計ページからエクスポートしてください。",
        "zh-hans": "此下载链接无效。请在订阅数据页面导出。",
        "zh-hant": "此下載連結無效。請在訂閱數據頁面匯出。",
    },
}


def current_language() -> str:
    """The request's language (activated by the API view), as one of ours."""
    return language_for(translation.get_language(), "en")


def error_language(language_code: str | None = None) -> str:
    """A refusal's language: a mutation's `languageCode` argument when given, else the request's."""
    return language_for(language_code, current_language())


def error_text(key: str, language: str | None = None, **params) -> str:
    """The words for `key` in `language` (default: the request's), params filled in."""
    language = language or current_language()
    params = {name: format_day(value, language) if isinstance(value, datetime.date) else value
              for name, value in params.items()}
    return TEXTS[key][language].format(**params)


def error_message(error, language: str | None = None, *, general: bool = False) -> str:
    """An InputError as its reader reads it; without words for it: the raised message, or (pages) the general words."""
    for key in (error.words, f"{error.code}.{error.field}", error.code):
        if key in TEXTS:
            try:
                return error_text(key, language, **error.params)
            except (KeyError, IndexError):  # raised without the params its words need
                break
    return error_text("other", language) if general else error.message
