/** The phone order page's words in the app's four languages. */
import type { Language } from "../i18n/messages";

const en = {
  title: "Phone/FAX subscription order",
  customer: "Customer",
  search: "Find by e-mail, name or phone",
  newCustomer: "New customer",
  email: "E-mail",
  firstName: "First name",
  lastName: "Last name",
  firstNameKana: "First name (kana)",
  lastNameKana: "Last name (kana)",
  phone: "Phone",
  language: "Customer's language",
  channel: "Channel",
  address: "Delivery address",
  street: "Street",
  city: "City",
  postalCode: "Postal code",
  countryArea: "Prefecture / state",
  country: "Country",
  products: "Products",
  product: "Product",
  plan: "Plan",
  quantity: "Quantity",
  addLine: "Add a product",
  shipping: "Shipping method",
  noShipping: "No shipping method of this channel delivers to this address: check the country and postal code, or the channel",
  payment: "Payment",
  firstPrice: "This order",
  regularPrice: "Then each",
  subtotal: "Subtotal",
  total: "Total",
  statements: "Read out to the customer",
  place: "Place the order",
  placing: "Placing…",
  placed: "Order #{number} placed; subscription #{id} started.",
  openOrder: "Open the order",
  required: "Required",
  email_invalid: "Not an e-mail address",
};
type Key = keyof typeof en;

const WORDS: Record<Language, Record<Key, string>> = {
  en,
  ja: {
    title: "電話・FAX 定期購入注文", customer: "お客様", search: "メール・氏名・電話番号で検索", newCustomer: "新規のお客様",
    email: "メールアドレス", firstName: "名", lastName: "姓", firstNameKana: "名（フリガナ）", lastNameKana: "姓（フリガナ）",
    phone: "電話番号", language: "お客様の言語", channel: "チャネル", address: "お届け先", street: "番地・建物", city: "市区町村",
    postalCode: "郵便番号", countryArea: "都道府県", country: "国", products: "商品", product: "商品", plan: "プラン",
    quantity: "数量", addLine: "商品を追加", shipping: "配送方法", noShipping: "このチャネルの配送方法はこのお届け先に届きません。国・郵便番号またはチャネルをご確認ください", payment: "お支払い方法", firstPrice: "今回", regularPrice: "以降毎回",
    subtotal: "小計", total: "合計", statements: "お客様への読み上げ事項", place: "注文を確定", placing: "処理中…",
    placed: "注文 #{number} を作成し、定期購入 #{id} を開始しました。", openOrder: "注文を開く", required: "必須項目です",
    email_invalid: "メールアドレスの形式ではありません",
  },
  "zh-Hans": {
    title: "电话/传真订阅订单", customer: "顾客", search: "按电子邮件、姓名或电话查找", newCustomer: "新顾客",
    email: "电子邮件", firstName: "名", lastName: "姓", firstNameKana: "名（假名）", lastNameKana: "姓（假名）", phone: "电话",
    language: "顾客语言", channel: "渠道", address: "收货地址", street: "街道", city: "城市", postalCode: "邮编",
    countryArea: "省/州", country: "国家", products: "商品", product: "商品", plan: "方案", quantity: "数量",
    addLine: "添加商品", shipping: "配送方式", noShipping: "此渠道没有可配送到该地址的配送方式，请检查国家、邮政编码或渠道", payment: "支付方式", firstPrice: "本次", regularPrice: "之后每次", subtotal: "小计", total: "合计",
    statements: "需向顾客宣读", place: "提交订单", placing: "正在提交…", placed: "订单 #{number} 已创建，订阅 #{id} 已开始。",
    openOrder: "打开订单", required: "必填", email_invalid: "不是有效的电子邮件地址",
  },
  "zh-Hant": {
    title: "電話/傳真訂閱訂單", customer: "顧客", search: "依電子郵件、姓名或電話搜尋", newCustomer: "新顧客",
    email: "電子郵件", firstName: "名", lastName: "姓", firstNameKana: "名（假名）", lastNameKana: "姓（假名）", phone: "電話",
    language: "顧客語言", channel: "通路", address: "收件地址", street: "街道", city: "城市", postalCode: "郵遞區號",
    countryArea: "縣市/州", country: "國家", products: "商品", product: "商品", plan: "方案", quantity: "數量",
    addLine: "新增商品", shipping: "配送方式", noShipping: "此通路沒有可配送到此地址的配送方式，請檢查國家、郵遞區號或通路", payment: "付款方式", firstPrice: "本次", regularPrice: "之後每次", subtotal: "小計", total: "合計",
    statements: "需向顧客宣讀", place: "送出訂單", placing: "正在送出…", placed: "訂單 #{number} 已建立，訂閱 #{id} 已開始。",
    openOrder: "開啟訂單", required: "必填", email_invalid: "不是有效的電子郵件地址",
  },
};

export type PhoneOrderKey = Key;
export const phoneOrderWords = (language: Language) => (key: Key, values: Record<string, string | number> = {}) =>
  WORDS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
