import { describe, expect, it } from "vitest";
import {
  channelFor,
  customerValues,
  emptyOrder,
  formField,
  keyFor,
  needsKana,
  orderSchema,
  quotable,
  retriesWithSameKey,
  toPhoneOrderInput,
} from "./order-form";

const filled = () => ({
  ...emptyOrder("jp"),
  email: "taro@example.jp",
  firstName: "太郎",
  lastName: "鈴木",
  firstNameKana: "タロウ",
  lastNameKana: "スズキ",
  streetAddress1: "丸の内1-1",
  postalCode: "100-0005",
  lines: [{ variantId: "UHJvZHVjdFZhcmlhbnQ6Mg==", plan: "monthly", quantity: 2 }],
});

describe("the phone order form", () => {
  it("asks for kana only where the channel sells in yen", () => {
    expect(needsKana("JPY")).toBe(true);
    expect(needsKana("USD")).toBe(false);
    const noKana = { ...filled(), firstNameKana: "", lastNameKana: "" };
    const refused = orderSchema.safeParse(noKana);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join("."))).toEqual(["firstNameKana", "lastNameKana"]);
    expect(orderSchema.safeParse({ ...noKana, kanaRequired: false }).success).toBe(true);
  });

  it("needs a saved card before a card order, and a new customer's e-mail", () => {
    const card = orderSchema.safeParse({ ...filled(), payment: "card" });
    expect(card.error?.issues.map((i) => i.path.join("."))).toEqual(["setupIntentId"]);
    const email = orderSchema.safeParse({ ...filled(), email: "taro" });
    expect(email.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["email", "email"]]);
    expect(orderSchema.safeParse({ ...filled(), email: "", customerId: "VXNlcjox" }).success).toBe(true);
  });

  it("sends an existing customer by id and a new one whole, with the address and the lines", () => {
    const input = toPhoneOrderInput(filled());
    expect(input.newCustomer).toMatchObject({ email: "taro@example.jp", lastNameKana: "スズキ", languageCode: "JA" });
    expect(input.shippingAddress).toMatchObject({ postalCode: "100-0005", country: "JP" });
    expect(input.lines).toEqual([{ variantId: "UHJvZHVjdFZhcmlhbnQ6Mg==", plan: "monthly", quantity: 2 }]);
    expect(input.setupIntentId).toBeNull();
    const existing = toPhoneOrderInput({ ...filled(), customerId: "VXNlcjox" });
    expect([existing.customerId, existing.newCustomer]).toEqual(["VXNlcjox", null]);
  });

  it("quotes once a line and an address are there", () => {
    expect(quotable(emptyOrder("jp"))).toBe(false);
    expect(quotable(filled())).toBe(true);
  });

  it("keeps the idempotency key for a retry of the same order and makes a new one once the order changed", () => {
    let n = 0;
    const make = () => `key-${++n}`;
    const first = keyFor(null, { a: 1 }, make);
    expect(keyFor(first, { a: 1 }, make)).toBe(first);
    expect(keyFor(first, { a: 2 }, make).key).toBe("key-2");
  });

  it("resumes an unfinished submission with its key, and starts over after a final refusal", () => {
    expect(retriesWithSameKey("STRIPE_UNAVAILABLE")).toBe(true);
    expect(retriesWithSameKey("BUSY")).toBe(true);
    expect(retriesWithSameKey("CARD_DECLINED")).toBe(false);
    expect(retriesWithSameKey("OUT_OF_STOCK")).toBe(false);
  });

  it("takes a found customer's language and default shipping address", () => {
    const address = JSON.stringify({ lastName: "山田", firstName: "花子", postalCode: "100-0005", country: { code: "JP" }, phone: "+81312345678" });
    expect(customerValues({ id: "VXNlcjox", email: "hanako@example.jp", languageCode: "EN", defaultShippingAddress: address })).toMatchObject({
      customerId: "VXNlcjox", languageCode: "EN", lastName: "山田", postalCode: "100-0005", country: "JP", phone: "+81312345678",
    });
    expect(customerValues({ id: "VXNlcjoy", email: "x@example.jp", languageCode: "", defaultShippingAddress: null })).toMatchObject({
      languageCode: "JA", postalCode: "", country: "JP",
    });
  });

  it("puts an API refusal beside the field it names", () => {
    expect(formField("newCustomer.email")).toBe("email");
    expect(formField("lines.0.quantity")).toBe("lines.0.quantity");
    expect(formField(null)).toBeNull();
  });
});

describe("the channel for a customer", () => {
  const channels = [{ slug: "channel-pln", countryCode: "PL" }, { slug: "jp", countryCode: "JP" }];
  it("is the channel of the customer's country, else the first", () => {
    expect(channelFor(channels, "JP")).toBe("jp");
    expect(channelFor(channels, "US")).toBe("channel-pln");
    expect(channelFor([], "JP")).toBeUndefined();
  });
});
