import { describe, expect, it } from "vitest";
import {
  addressSchema,
  cancelSchema,
  currencyDecimals,
  deleteSchema,
  pauseSchema,
  priceSchema,
  quantitySchema,
  rescheduleSchema,
} from "./schemas";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => issue.message);

describe("quantity", () => {
  it("takes a whole number from one up, typed as text", () => {
    expect(quantitySchema.parse({ quantity: "3", override: false })).toEqual({ quantity: 3, override: false });
    expect(messages(quantitySchema.safeParse({ quantity: "0", override: false }))).toEqual(["desk.form.atLeastOne"]);
    expect(messages(quantitySchema.safeParse({ quantity: "1.5", override: false }))).toEqual(["desk.form.wholeNumber"]);
    expect(messages(quantitySchema.safeParse({ quantity: "abc", override: false }))).toEqual(["desk.form.number"]);
  });
});

describe("per-subscriber price", () => {
  it("takes yen without decimals and dollars with cents, always with a reason", () => {
    expect(priceSchema(0).parse({ price: "980", reason: "loyal customer" })).toEqual({ price: "980", reason: "loyal customer" });
    expect(messages(priceSchema(0).safeParse({ price: "980.5", reason: "x" }))).toEqual(["desk.form.priceWhole"]);
    expect(priceSchema(2).parse({ price: "9.99", reason: "x" }).price).toBe("9.99");
    expect(messages(priceSchema(2).safeParse({ price: "-1", reason: "x" }))).toEqual(["desk.form.price"]);
    expect(messages(priceSchema(2).safeParse({ price: "5", reason: "   " }))).toEqual(["desk.form.reasonRequired"]);
  });

  it("knows each currency's decimals", () => {
    expect(currencyDecimals("JPY")).toBe(0);
    expect(currencyDecimals("USD")).toBe(2);
  });
});

describe("dates", () => {
  it("needs a date to move the next delivery to", () => {
    expect(messages(rescheduleSchema.safeParse({ date: "", override: false }))).toEqual(["desk.form.dateRequired"]);
    expect(rescheduleSchema.parse({ date: "2026-12-24", override: true }).date).toBe("2026-12-24");
  });

  it("pauses until a date or until resumed", () => {
    expect(pauseSchema.parse({ until: "", override: false }).until).toBe("");
    expect(pauseSchema.parse({ until: "2027-01-10", override: false }).until).toBe("2027-01-10");
    expect(messages(pauseSchema.safeParse({ until: "soon", override: false }))).toEqual(["desk.form.dateRequired"]);
  });
});

describe("cancel and delete", () => {
  it("needs to know when to cancel", () => {
    expect(messages(cancelSchema.safeParse({ when: "", reason: "", override: false }))).toEqual(["desk.form.required"]);
    expect(cancelSchema.parse({ when: "now", reason: "  too much coffee ", override: false })).toEqual({
      when: "now",
      reason: "too much coffee",
      override: false,
    });
    expect(messages(cancelSchema.safeParse({ when: "now", reason: "x".repeat(501), override: false }))).toEqual([
      "desk.form.tooLong",
    ]);
  });

  it("deletes only once the operator ticked that they understand", () => {
    expect(messages(deleteSchema.safeParse({ confirmed: false }))).toEqual(["desk.form.confirmDelete"]);
    expect(deleteSchema.safeParse({ confirmed: true }).success).toBe(true);
  });
});

describe("address", () => {
  const address = {
    firstName: "花子",
    lastName: "山田",
    streetAddress1: "1-2-3 Jingumae",
    streetAddress2: "",
    city: "Shibuya-ku",
    countryArea: "東京都",
    postalCode: "150-0001",
    country: "jp",
    phone: "",
    override: false,
  };

  it("needs street, postal code and a two-letter country, which it upper-cases", () => {
    expect(addressSchema.parse(address).country).toBe("JP");
    expect(messages(addressSchema.safeParse({ ...address, streetAddress1: " ", country: "Japan" }))).toEqual([
      "desk.form.required",
      "desk.form.country",
    ]);
  });
});
