import { describe, expect, it } from "vitest";
import {
  closeDays,
  formField,
  formValues,
  monthWeeks,
  parseDays,
  settingsSchema,
  shiftMonth,
  toggleDay,
  todayIn,
  toInput,
  weekday,
  yearEndClosure,
} from "./settings-form";
import { SHOP } from "./testing";


describe("the form's values", () => {
  it("round-trip the API's settings, dropping languages left empty", () => {
    const values = formValues(SHOP);
    expect(values.retryOffsetsDays).toBe("7, 14");
    expect(values.cancellationMethod).toEqual({ ja: "マイページ", en: "", "zh-hans": "", "zh-hant": "" });
    expect(values.closedDays.map((day) => day.date)).toEqual(["2027-01-01", "2027-05-03"]);
    const input = toInput({ ...values, cancellationMethod: { ...values.cancellationMethod, en: "  My page " } });
    expect(input.cancellationMethod).toEqual([{ language: "ja", text: "マイページ" }, { language: "en", text: "My page" }]);
    expect(input.bankTransferDetails).toEqual([]);
    const coupon = toInput({ ...values, invoiceMessage: { ...values.invoiceMessage, ja: " 次回10%オフ：NEXT10 " } });
    expect(coupon.invoiceMessage).toEqual([{ language: "ja", text: "次回10%オフ：NEXT10" }]);
    expect(input.retryOffsetsDays).toEqual([7, 14]);
    expect(input.closedDays).toEqual([{ date: "2027-01-01", reason: "" }, { date: "2027-05-03", reason: "憲法記念日" }]);
  });

  it("are checked before saving: numbers, e-mails, retry days", () => {
    const values = { ...formValues(SHOP), reminderDays: "31", senderEmail: "nope", retryOffsetsDays: "3, 0" };
    const result = settingsSchema.safeParse(values);
    expect(result.success).toBe(false);
    const issues = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
    expect(issues).toEqual({ reminderDays: "too_big", senderEmail: "email_invalid", retryOffsetsDays: "retry_days" });
    expect(settingsSchema.parse({ ...formValues(SHOP), reminderDays: "2" }).reminderDays).toBe(2);
  });

  it("reads retry days as typed in any language's separators", () => {
    expect(parseDays("3, 7,14")).toEqual([3, 7, 14]);
    expect(parseDays("3、7")).toEqual([3, 7]);
    expect(parseDays("")).toEqual([]);
    expect(parseDays("1,2,3,4,5,6")).toBeNull();
    expect(parseDays("61")).toBeNull();
    expect(parseDays("two")).toBeNull();
  });
});

describe("the API's error fields", () => {
  const values = formValues(SHOP);
  it.each([
    ["senderEmail", "senderEmail"],
    ["cancellationMethod.zh-hant", "cancellationMethod.zh-hant"],
    ["retryOffsetsDays.1", "retryOffsetsDays"],
    ["paymentMethods.jp.0", "paymentMethods.0.methods"],
    ["paymentMethods.us.0", "paymentMethods"],
    ["paymentMethods.jp.channel", "paymentMethods.0.channel"],
    ["closedDays.3.reason", "closedDays"],
    ["country", null],
    [null, null],
  ])("%s shows beside %s", (field, expected) => {
    expect(formField(field, values)).toBe(expected);
  });
});

describe("the delivery calendar", () => {
  it("closes a day with a click and opens it with another", () => {
    const closed = toggleDay([], "2027-02-23", "");
    expect(closed).toEqual([{ date: "2027-02-23", reason: "" }]);
    expect(toggleDay(closed, "2027-02-23")).toEqual([]);
  });

  it("adds holidays without losing a day's own reason or doubling it", () => {
    const days = [{ date: "2027-01-01", reason: "New Year" }];
    const added = closeDays(days, [{ date: "2027-01-01", reason: "元日" }, { date: "2027-01-11", reason: "成人の日" }]);
    expect(added).toEqual([{ date: "2027-01-01", reason: "New Year" }, { date: "2027-01-11", reason: "成人の日" }]);
  });

  it("closes 31 December to 3 January as the year-end preset", () => {
    expect(yearEndClosure(2027, "x").map((day) => day.date)).toEqual(["2027-12-31", "2028-01-01", "2028-01-02", "2028-01-03"]);
  });

  it("lays a month out in weeks from Monday", () => {
    const weeks = monthWeeks(2027, 2); // 1 February 2027 is a Monday, 28 days
    expect(weeks).toHaveLength(4);
    expect(weeks[0][0]).toBe("2027-02-01");
    const march = monthWeeks(2027, 3); // 1 March 2027 is a Monday too; 31 days
    expect(march[4]).toEqual(["2027-03-29", "2027-03-30", "2027-03-31", null, null, null, null]);
    expect(monthWeeks(2026, 11)[0].slice(0, 6)).toEqual([null, null, null, null, null, null]); // 1 Nov 2026: Sunday
    expect(weekday("2027-02-28")).toBe(6);
    expect(shiftMonth(2027, 1, -1)).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth(2027, 12, 1)).toEqual({ year: 2028, month: 1 });
  });

  it("counts today in the shop's time zone", () => {
    const now = new Date("2027-02-22T20:00:00Z"); // already the 23rd in Tokyo
    expect(todayIn("Asia/Tokyo", now)).toBe("2027-02-23");
    expect(todayIn("America/New_York", now)).toBe("2027-02-22");
  });
});
