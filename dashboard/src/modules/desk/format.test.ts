import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "./format";

describe("formatMoney", () => {
  it("writes yen without decimals, in Japanese and in English", () => {
    expect(formatMoney("1280", "JPY", "ja")).toBe("￥1,280");
    expect(formatMoney("1280.00", "JPY", "en")).toBe("¥1,280");
  });

  it("keeps the cents of a currency that has them", () => {
    expect(formatMoney("12.5", "USD", "en")).toBe("$12.50");
    expect(formatMoney("12.5", "EUR", "en")).toBe("€12.50");
  });

  it("names a foreign currency the way the language does", () => {
    expect(formatMoney("12.5", "USD", "ja")).toBe("$12.50");
    expect(formatMoney("100", "TWD", "zh-Hant")).toBe("$100.00");
    expect(formatMoney("100", "CNY", "zh-Hans")).toBe("¥100.00");
  });
});

describe("formatDate", () => {
  it("shows the calendar date itself, whatever the offset", () => {
    expect(formatDate("2026-12-05", "ja")).toBe("2026/12/05");
    expect(formatDate("2026-12-05", "en")).toBe("Dec 5, 2026");
    expect(formatDate("2026-12-05", "zh-Hans")).toBe("2026年12月5日");
  });
});

describe("formatDateTime", () => {
  it("gives date and time in the given zone", () => {
    expect(formatDateTime("2026-12-01T15:30:00Z", "ja", "Asia/Tokyo")).toBe("2026/12/02 0:30");
    expect(formatDateTime("2026-12-01T15:30:00Z", "en", "UTC")).toBe("Dec 1, 2026, 3:30 PM");
  });
});
