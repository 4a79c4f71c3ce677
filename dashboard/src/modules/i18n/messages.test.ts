import { describe, expect, it } from "vitest";
import { languageFor, translate } from "./messages";

describe("languageFor", () => {
  it.each([
    ["ja", "ja"],
    ["ja-JP", "ja"],
    ["zh-Hans", "zh-Hans"],
    ["zh-Hant", "zh-Hant"],
    ["zh-CN", "zh-Hans"],
    ["zh-TW", "zh-Hant"],
    ["zh-HK", "zh-Hant"],
    ["en", "en"],
    ["pt-BR", "en"],
    ["", "en"],
    [undefined, "en"],
  ])("%s → %s", (locale, language) => {
    expect(languageFor(locale)).toBe(language);
  });
});

describe("translate", () => {
  it("speaks each language", () => {
    expect(translate("en", "app.title")).toBe("Subscriptions");
    expect(translate("ja", "app.title")).toBe("定期購入");
    expect(translate("zh-Hans", "app.title")).toBe("订阅");
    expect(translate("zh-Hant", "app.title")).toBe("訂閱");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("ja", "plans.version", { version: 3 })).toBe("バージョン 3");
    expect(translate("en", "plans.version")).toBe("version {version}");
  });
});
