/** The Stripe account section's form: own keys or a Connect account id (zod), as the API's input, and its words. */
import { z } from "zod";
import type { StripeAccountInput } from "../../gql/graphql";
import type { Language } from "../i18n/messages";

export const KEY_FIELDS = ["secretKey", "publishableKey", "webhookSecret"] as const;
const PREFIXES = { secretKey: /^(sk|rk)_(test|live)_/, publishableKey: /^pk_(test|live)_/, webhookSecret: /^whsec_/, connectedAccount: /^acct_/ };

const key = (field: keyof typeof PREFIXES) => z.string().trim().refine((value) => !value || PREFIXES[field].test(value), "format");

export const stripeAccountSchema = z
  .object({
    kind: z.enum(["keys", "connect"]),
    secretKey: key("secretKey"),
    publishableKey: key("publishableKey"),
    webhookSecret: key("webhookSecret"),
    connectedAccount: key("connectedAccount"),
  })
  .superRefine((values, context) => {
    const needed = values.kind === "keys" ? KEY_FIELDS : (["connectedAccount"] as const);
    for (const field of needed) if (!values[field]) context.addIssue({ code: "custom", path: [field], message: "required" });
  });

/** Every Stripe event the app acts on (payments/stripe_events.py): the endpoint must send them all. */
export const STRIPE_EVENTS = [
  "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.requires_action", "payment_intent.processing",
  "payment_intent.partially_funded", "payment_intent.canceled", "setup_intent.succeeded", "setup_intent.setup_failed",
  "setup_intent.canceled", "cash_balance.funds_available",
] as const;

export type StripeAccountValues = z.infer<typeof stripeAccountSchema>;
export const EMPTY: StripeAccountValues = { kind: "keys", secretKey: "", publishableKey: "", webhookSecret: "", connectedAccount: "" };

/** Only the chosen kind's fields go to the API: keys, or the Connect account id. */
export const toInput = (values: StripeAccountValues): StripeAccountInput =>
  values.kind === "keys"
    ? { secretKey: values.secretKey, publishableKey: values.publishableKey, webhookSecret: values.webhookSecret }
    : { connectedAccount: values.connectedAccount };

const en = {
  title: "Stripe account",
  help: "Card payments of this shop are paid into this Stripe account. Keys are checked with Stripe when saved and never shown again.",
  environment: "The deployment's Stripe account (the server's STRIPE_* settings).",
  notConfigured: "No Stripe account: cards cannot be taken until the shop's keys are saved.",
  own: "The shop's own account",
  connect: "A Connect account of the platform",
  account: "Account",
  mode: "Mode",
  live: "Live",
  test: "Test",
  secretKeyShown: "Secret key",
  webhookSecretShown: "Webhook signing secret",
  webhookUrl: "Send Stripe's events to",
  webhookEvents: "Events to send",
  kind: "Use",
  keys: "The shop's own keys",
  secretKey: "Secret key (sk_… or restricted rk_…)",
  publishableKey: "Publishable key (pk_…)",
  webhookSecret: "Webhook signing secret (whsec_…)",
  connectedAccount: "Connect account id (acct_…)",
  save: "Connect this account",
  saving: "Checking with Stripe…",
  saved: "Stripe account saved.",
  remove: "Use the deployment's account instead",
  removed: "The shop's own Stripe account was removed.",
  required: "Required",
  format: "Not the right kind of key: check its first letters",
};
type Key = keyof typeof en;

const WORDS: Record<Language, Record<Key, string>> = {
  en,
  ja: {
    title: "Stripe アカウント", help: "このショップのカード決済はこの Stripe アカウントに入金されます。キーは保存時に Stripe で確認され、以後は表示されません。",
    environment: "サーバー共通の Stripe アカウント（サーバーの STRIPE_* 設定）", notConfigured: "Stripe アカウントがありません。ショップのキーを保存するまでカード決済はできません。",
    own: "ショップ自身のアカウント", connect: "プラットフォームの Connect アカウント", account: "アカウント", mode: "モード", live: "本番", test: "テスト",
    secretKeyShown: "シークレットキー", webhookSecretShown: "Webhook 署名シークレット", webhookUrl: "Stripe のイベントの送信先", webhookEvents: "送信するイベント",
    kind: "使用するもの", keys: "ショップ自身のキー", secretKey: "シークレットキー（sk_… または制限付き rk_…）", publishableKey: "公開可能キー（pk_…）",
    webhookSecret: "Webhook 署名シークレット（whsec_…）", connectedAccount: "Connect アカウント ID（acct_…）", save: "このアカウントを接続",
    saving: "Stripe で確認しています…", saved: "Stripe アカウントを保存しました。", remove: "サーバー共通のアカウントに戻す",
    removed: "ショップ自身の Stripe アカウントを削除しました。", required: "必須です", format: "キーの種類が違います。先頭の文字を確認してください",
  },
  "zh-Hans": {
    title: "Stripe 账户", help: "本店的银行卡付款将存入此 Stripe 账户。密钥在保存时经 Stripe 验证，之后不再显示。",
    environment: "部署共用的 Stripe 账户（服务器的 STRIPE_* 设置）。", notConfigured: "没有 Stripe 账户：保存本店的密钥前无法收取银行卡付款。",
    own: "本店自己的账户", connect: "平台的 Connect 账户", account: "账户", mode: "模式", live: "正式", test: "测试",
    secretKeyShown: "密钥", webhookSecretShown: "Webhook 签名密钥", webhookUrl: "将 Stripe 事件发送至", webhookEvents: "要发送的事件",
    kind: "使用", keys: "本店自己的密钥", secretKey: "密钥（sk_… 或受限 rk_…）", publishableKey: "可发布密钥（pk_…）",
    webhookSecret: "Webhook 签名密钥（whsec_…）", connectedAccount: "Connect 账户 ID（acct_…）", save: "连接此账户",
    saving: "正在向 Stripe 验证…", saved: "Stripe 账户已保存。", remove: "改用部署共用的账户", removed: "已删除本店自己的 Stripe 账户。",
    required: "必填", format: "密钥类型不对：请检查开头的字母",
  },
  "zh-Hant": {
    title: "Stripe 帳戶", help: "本店的信用卡付款將存入此 Stripe 帳戶。金鑰在儲存時經 Stripe 驗證，之後不再顯示。",
    environment: "部署共用的 Stripe 帳戶（伺服器的 STRIPE_* 設定）。", notConfigured: "沒有 Stripe 帳戶：儲存本店的金鑰前無法收取信用卡付款。",
    own: "本店自己的帳戶", connect: "平台的 Connect 帳戶", account: "帳戶", mode: "模式", live: "正式", test: "測試",
    secretKeyShown: "金鑰", webhookSecretShown: "Webhook 簽署密鑰", webhookUrl: "將 Stripe 事件傳送至", webhookEvents: "要傳送的事件",
    kind: "使用", keys: "本店自己的金鑰", secretKey: "金鑰（sk_… 或受限 rk_…）", publishableKey: "可發布金鑰（pk_…）",
    webhookSecret: "Webhook 簽署密鑰（whsec_…）", connectedAccount: "Connect 帳戶 ID（acct_…）", save: "連接此帳戶",
    saving: "正在向 Stripe 驗證…", saved: "Stripe 帳戶已儲存。", remove: "改用部署共用的帳戶", removed: "已刪除本店自己的 Stripe 帳戶。",
    required: "必填", format: "金鑰類型不對：請檢查開頭的字母",
  },
};

export type StripeWordKey = Key;
export const stripeWords = (language: Language) => (key: Key) => WORDS[language][key];
