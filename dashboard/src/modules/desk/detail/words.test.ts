import { describe, expect, it } from "vitest";
import { translate, type Language } from "../../i18n/messages";
import { actorWords, eventWords, mailStatusWords, renewalStateWords } from "./words";

const t = (language: Language) => (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate(language, key, values);

describe("the history in the staff's words", () => {
  it("names known events in the staff's language", () => {
    expect(eventWords(t("ja"), "subscription.quantity_changed")).toBe("数量変更");
    expect(eventWords(t("en"), "payment.marked_paid_in_saleor")).toBe("Marked as paid in Saleor");
    expect(eventWords(t("ja"), "subscription.started_when_card_saved")).toBe("カード登録の完了後に開始");
  });

  it("shows an event it has no words for readably rather than not at all", () => {
    expect(eventWords(t("ja"), "subscription.something_new")).toBe("Something new");
  });

  it("names renewal states, mail statuses and who acted", () => {
    expect(renewalStateWords(t("zh-Hant"), "retry_scheduled")).toBe("已安排重試");
    expect(mailStatusWords(t("ja"), "failed")).toBe("送信失敗");
    expect(actorWords(t("en"), "staff", "operator@example.jp")).toBe("operator@example.jp");
    expect(actorWords(t("ja"), "system", "")).toBe("アプリ");
  });
});
