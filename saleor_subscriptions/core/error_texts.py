"""Error messages of the API in our four languages, in the language active for the request."""

from django.utils import translation

from ..saleor.languages import language_for

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
}


def current_language() -> str:
    """The request's language (activated by the API view), as one of ours."""
    return language_for(translation.get_language(), "en")


def error_text(key: str, **params) -> str:
    return TEXTS[key][current_language()].format(**params)
