import { describe, expect, it } from "vitest";
import { emptyFunnel, emptyStep, formField, funnelSchema, funnelValues, toDefinition, type FunnelValues } from "./funnel-form";
import type { FunnelNode } from "./operations";

function filled(): FunnelValues {
  const funnel = emptyFunnel();
  const second = emptyStep(funnel.steps[0]);
  funnel.steps[0].texts.ja = { subject: "【1通目】いかがでしたか", body: "{{ customer.name }}様" };
  second.texts.ja = { subject: "【2通目】毎回10%オフ", body: "今なら毎回{{ offer.percent_off }}%オフ" };
  second.texts.en = { subject: "(2) 10% off", body: "Switch now" };
  return { ...funnel, name: "Trial → monthly", triggerProductId: "UHJvZHVjdDo5", targetProductId: "UHJvZHVjdDox",
    targetPlan: "regular", targetVariantId: "UHJvZHVjdFZhcmlhbnQ6MQ==", offerPercentOff: "10", steps: [funnel.steps[0], second] };
}

const messages = (values: unknown) => {
  const result = funnelSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("funnelSchema", () => {
  it("accepts a whole funnel; a new step comes a week after the one before", () => {
    expect(messages(filled())).toEqual({});
    expect(filled().steps.map((step) => step.delayDays)).toEqual([30, 37]);
  });

  it("names each field a marketer must fix", () => {
    const funnel = filled();
    funnel.name = " ";
    funnel.offerPercentOff = "";
    funnel.steps[1].delayDays = 30;
    funnel.steps[1].texts.en.body = "";
    funnel.steps[0].texts.ja.subject = "two\nlines";
    expect(messages(funnel)).toEqual({
      name: "funnels.error.required",
      offerPercentOff: "funnels.error.offer",
      "steps.1.delayDays": "funnels.error.order",
      "steps.1.texts.en.body": "funnels.error.pair",
      "steps.0.texts.ja.subject": "funnels.error.oneLine",
    });
  });

  it("refuses a percent off outside 0–100, a step in no language, and more than ten steps", () => {
    expect(messages({ ...filled(), offerPercentOff: "100" })).toEqual({ offerPercentOff: "funnels.error.percent" });
    const silent = filled();
    silent.steps[0].texts.ja = { subject: "", body: "" };
    expect(messages(silent)).toEqual({ "steps.0.texts.ja.subject": "funnels.error.language" });
    const many = filled();
    many.steps = Array.from({ length: 11 }, (_, n) => ({ ...many.steps[0], delayDays: n }));
    expect(messages(many)).toEqual({ steps: "funnels.error.steps" });
  });

  it("takes a voucher code alone as the offer", () => {
    expect(messages({ ...filled(), offerPercentOff: "", voucherCode: "TEA10" })).toEqual({});
  });
});

describe("toDefinition", () => {
  it("sends what funnelCreate takes, without the languages left blank", () => {
    expect(toDefinition(funnelSchema.parse(filled()))).toEqual({
      name: "Trial → monthly",
      trigger_product_id: "UHJvZHVjdDo5",
      target_plan: "regular",
      target_variant_id: "UHJvZHVjdFZhcmlhbnQ6MQ==",
      offer_percent_off: "10",
      voucher_code: "",
      steps: [
        { delay_days: 30, texts: { ja: { subject: "【1通目】いかがでしたか", body: "{{ customer.name }}様" } } },
        { delay_days: 37, texts: { ja: { subject: "【2通目】毎回10%オフ", body: "今なら毎回{{ offer.percent_off }}%オフ" },
          en: { subject: "(2) 10% off", body: "Switch now" } } },
      ],
    });
  });

  it("round-trips a saved funnel through the form unchanged", () => {
    const saved = {
      id: "3", name: "Trial → monthly", isActive: true, triggerProductId: "UHJvZHVjdDo5", targetProductId: "UHJvZHVjdDox",
      targetPlan: "regular", targetVariantId: "UHJvZHVjdFZhcmlhbnQ6MQ==", offerPercentOff: null, voucherCode: "TEA10",
      steps: [{ position: 1, delayDays: 30, texts: [{ language: "zh-hant", subject: "試用組如何？", body: "現在訂購" }] }],
      figures: { enrolled: 0, converted: 0, unsubscribed: 0, conversionRate: 0, steps: [] },
    } as FunnelNode;
    const values = funnelValues(saved);
    expect(values.steps[0].texts["zh-hant"]).toEqual({ subject: "試用組如何？", body: "現在訂購" });
    expect(toDefinition(funnelSchema.parse(values))).toEqual({
      name: "Trial → monthly", trigger_product_id: "UHJvZHVjdDo5", target_plan: "regular",
      target_variant_id: "UHJvZHVjdFZhcmlhbnQ6MQ==", voucher_code: "TEA10",
      steps: [{ delay_days: 30, texts: { "zh-hant": { subject: "試用組如何？", body: "現在訂購" } } }],
    });
  });
});

describe("formField", () => {
  it.each([
    ["funnel.steps.1.texts.ja.body", "steps.1.texts.ja.body"],
    ["funnel.steps.0.texts.zh-hans.subject", "steps.0.texts.zh-hans.subject"],
    ["funnel.steps.2.delay_days", "steps.2.delayDays"],
    ["funnel.steps.0.texts", "steps.0.texts.ja.subject"],
    ["funnel.target_plan", "targetPlan"],
    ["funnel.offer_percent_off", "offerPercentOff"],
    ["funnel.voucher_code", "voucherCode"],  // Saleor has no such voucher, or it has ended
    ["funnel.senderName", null],
    ["id", null],
    [null, null],
  ])("the API's %s is the form's %s", (api, field) => {
    expect(formField(api)).toBe(field);
  });
});
