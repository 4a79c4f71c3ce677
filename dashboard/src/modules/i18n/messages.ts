/** The pages' words in the four languages the app speaks, and how a Dashboard locale picks one. */
import { deskMessages } from "../desk/messages";
import { funnelMessages } from "../funnels/messages";
import { figuresMessages } from "../figures/messages";

export const LANGUAGES = ["en", "ja", "zh-Hans", "zh-Hant"] as const;
export type Language = (typeof LANGUAGES)[number];

const en = {
  "app.title": "Subscriptions",
  "app.loading": "Connecting to the Saleor Dashboard…",
  "app.outside": "This page opens inside the Saleor Dashboard: open Apps → Subscriptions there.",
  "home.next": "The operators' screens (the subscriptions list, details and phone orders) arrive next.",
  "plans.title": "Plans",
  "plans.empty": "No plans yet.",
  "plans.loading": "Loading plans…",
  "plans.version": "version {version}",
  "refusal.permission_denied": "Your account may not see this",
  "refusal.unauthenticated": "Your Dashboard session could not be verified; reload the page",
  "refusal.other": "The app refused this request",
  "refusal.network": "The app could not be reached; try again",
  "refusal.needs_permission": "This page needs the “{permission}” permission. Ask your Saleor administrator to add it to one of your permission groups.",
  "permission.MANAGE_ORDERS": "Manage orders",
  "permission.MANAGE_CHANNELS": "Manage channels",
  "settings.title": "Subscription settings",
  "tabs.subscriptions": "Subscriptions",
  "tabs.settings": "Settings",
  "tabs.mail-templates": "Mail templates",
  "permission.MANAGE_PRODUCTS": "Manage products",
  "permission.MANAGE_DISCOUNTS": "Manage discounts",
  "notFound": "There is no such page.",
};

type CoreKey = keyof typeof en;
type Dictionary = Record<CoreKey, string>;

/** A module's own words, one dictionary per language (see `MODULE_MESSAGES`). */
export type ModuleMessages<K extends string> = Record<Language, Record<K, string>>;

// Each module registers its words here, one line each.
const MODULE_MESSAGES = [deskMessages, funnelMessages, figuresMessages] as const;

type ModuleKey<M> = M extends ModuleMessages<infer K> ? K : never;
export type MessageKey = CoreKey | ModuleKey<(typeof MODULE_MESSAGES)[number]>;

const ja: Dictionary = {
  "app.title": "定期購入",
  "app.loading": "Saleor ダッシュボードに接続しています…",
  "app.outside": "このページは Saleor ダッシュボードの中で開きます。ダッシュボードの「アプリ → 定期購入」から開いてください。",
  "home.next": "オペレーター向けの画面（定期購入の一覧・詳細・電話注文）は次の段階で追加されます。",
  "plans.title": "プラン",
  "plans.empty": "プランはまだありません。",
  "plans.loading": "プランを読み込んでいます…",
  "plans.version": "バージョン {version}",
  "refusal.permission_denied": "このアカウントには表示する権限がありません",
  "refusal.unauthenticated": "ダッシュボードのセッションを確認できませんでした。ページを再読み込みしてください",
  "refusal.other": "アプリがこのリクエストを拒否しました",
  "refusal.network": "アプリに接続できませんでした。もう一度お試しください",
  "refusal.needs_permission": "このページには「{permission}」権限が必要です。Saleor の管理者に、権限グループへの追加を依頼してください。",
  "permission.MANAGE_ORDERS": "注文の管理",
  "permission.MANAGE_CHANNELS": "チャネルの管理",
  "settings.title": "定期購入の設定",
  "tabs.subscriptions": "定期購入",
  "tabs.settings": "設定",
  "tabs.mail-templates": "メールテンプレート",
  "permission.MANAGE_PRODUCTS": "商品の管理",
  "permission.MANAGE_DISCOUNTS": "割引の管理",
  notFound: "このページは存在しません。",
};

const zhHans: Dictionary = {
  "app.title": "订阅",
  "app.loading": "正在连接 Saleor 控制台…",
  "app.outside": "此页面需在 Saleor 控制台中打开：请在控制台中打开“应用 → 订阅”。",
  "home.next": "面向客服人员的页面（订阅列表、详情和电话下单）将在下一步推出。",
  "plans.title": "方案",
  "plans.empty": "还没有方案。",
  "plans.loading": "正在加载方案…",
  "plans.version": "版本 {version}",
  "refusal.permission_denied": "您的账户无权查看此内容",
  "refusal.unauthenticated": "无法验证您的控制台会话，请重新加载页面",
  "refusal.other": "应用拒绝了此请求",
  "refusal.network": "无法连接到应用，请重试",
  "refusal.needs_permission": "此页面需要“{permission}”权限。请让 Saleor 管理员将其加入您的权限组。",
  "permission.MANAGE_ORDERS": "管理订单",
  "permission.MANAGE_CHANNELS": "管理渠道",
  "settings.title": "订阅设置",
  "tabs.subscriptions": "订阅",
  "tabs.settings": "设置",
  "tabs.mail-templates": "邮件模板",
  "permission.MANAGE_PRODUCTS": "管理商品",
  "permission.MANAGE_DISCOUNTS": "管理折扣",
  notFound: "没有这个页面。",
};

const zhHant: Dictionary = {
  "app.title": "訂閱",
  "app.loading": "正在連線至 Saleor 控制台…",
  "app.outside": "此頁面需在 Saleor 控制台中開啟：請在控制台中開啟「應用程式 → 訂閱」。",
  "home.next": "供客服人員使用的頁面（訂閱清單、詳細資料與電話下單）將於下一步推出。",
  "plans.title": "方案",
  "plans.empty": "尚無方案。",
  "plans.loading": "正在載入方案…",
  "plans.version": "版本 {version}",
  "refusal.permission_denied": "您的帳戶無權檢視此內容",
  "refusal.unauthenticated": "無法驗證您的控制台工作階段，請重新載入頁面",
  "refusal.other": "應用程式拒絕了此請求",
  "refusal.network": "無法連線至應用程式，請再試一次",
  "refusal.needs_permission": "此頁面需要「{permission}」權限。請讓 Saleor 管理員將其加入您的權限群組。",
  "permission.MANAGE_ORDERS": "管理訂單",
  "permission.MANAGE_CHANNELS": "管理通路",
  "settings.title": "訂閱設定",
  "tabs.subscriptions": "訂閱",
  "tabs.settings": "設定",
  "tabs.mail-templates": "郵件範本",
  "permission.MANAGE_PRODUCTS": "管理商品",
  "permission.MANAGE_DISCOUNTS": "管理折扣",
  notFound: "沒有這個頁面。",
};

const CORE: Record<Language, Dictionary> = { en, ja, "zh-Hans": zhHans, "zh-Hant": zhHant };
const DICTIONARIES = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    Object.assign({}, CORE[language], ...MODULE_MESSAGES.map((module) => module[language])),
  ]),
) as Record<Language, Record<MessageKey, string>>;

/** The app's language for a Dashboard or browser locale (`zh-TW` → zh-Hant, `ja-JP` → ja, `fr` → en). */
export function languageFor(locale: string | undefined): Language {
  const tag = (locale ?? "").toLowerCase();
  const exact = LANGUAGES.find((language) => language.toLowerCase() === tag);
  if (exact) return exact;
  if (tag.startsWith("zh")) {
    return /hant|-tw|-hk|-mo/.test(tag) ? "zh-Hant" : "zh-Hans";
  }
  return tag.startsWith("ja") ? "ja" : "en";
}

/** Whether the pages have words for `key` (for codes from the API, e.g. an event type). */
export function isMessageKey(key: string): key is MessageKey {
  return key in DICTIONARIES.en;
}

/** The words for `key` in `language`, with `{name}` placeholders filled from `values`. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}
