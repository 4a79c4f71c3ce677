import { describe, expect, it } from "vitest";
import { emptyPlanForm, formFieldFor, formToTerms, termsToForm, type Terms } from "./terms-form";

// As the server stores and answers them (PlanTerms.model_dump(mode="json")): every field present.
const RICH: Terms = {
  schedule: { interval_unit: "month", interval_count: 2, anchor_day: null, anchor_last_day: false, anchor_weekday: 4, anchor_week: 2 },
  regular: { amounts: {}, percent_off: "10" },
  trial: { kind: "price", deliveries: 2, price: { amounts: { JPY: "980", USD: "9.50" }, percent_off: null }, days: null },
  steps: [{ from_delivery: 4, price: { amounts: { JPY: "5000", USD: "50.00" }, percent_off: null } }],
  tiers: [
    { amounts: { JPY: "4500" }, percent_off: null, min_quantity: 2 },
    { amounts: { JPY: "4000" }, percent_off: null, min_quantity: 5 },
  ],
  tiers_apply_to_trial: true,
  free_inserts: [{ variant_id: "UHJvZHVjdFZhcmlhbnQ6OQ==", deliveries: [1, 3] }],
  billing_limit: 6,
  min_commitment: 3,
  min_quantity: 1,
  max_quantity: 10,
  payment_methods: ["cod", "card"],
  stock_policy: "partial",
  stock_wait_days: 3,
  staff_overrides: ["cutoff"],
  texts: { en: { name: "Bimonthly", description: "Every second Friday" }, "zh-hant": { name: "雙月", description: "" } },
};
const FREE_DAYS: Terms = {
  schedule: { interval_unit: "week", interval_count: 1, anchor_day: null, anchor_last_day: false, anchor_weekday: 0, anchor_week: null },
  regular: { amounts: { JPY: "3000" }, percent_off: null },
  trial: { kind: "free_days", deliveries: 1, price: null, days: 14 },
  steps: [],
  tiers: [],
  tiers_apply_to_trial: false,
  free_inserts: [],
  billing_limit: null,
  min_commitment: null,
  min_quantity: 1,
  max_quantity: null,
  payment_methods: ["card"],
  stock_policy: "wait",
  stock_wait_days: 7,
  staff_overrides: ["cutoff", "commitment"],
  texts: { ja: { name: "毎週", description: "" } },
};
const LAST_DAY: Terms = {
  ...FREE_DAYS,
  schedule: { interval_unit: "month", interval_count: 1, anchor_day: null, anchor_last_day: true, anchor_weekday: null, anchor_week: null },
  trial: { kind: "price", deliveries: 1, price: { amounts: {}, percent_off: "50" }, days: null },
  tiers: [{ amounts: {}, percent_off: "5", min_quantity: 3 }],
};

describe("the plan form and the terms", () => {
  it.each([
    ["a nth-weekday plan with steps, fixed-price tiers, inserts and a course", RICH],
    ["a weekly plan with a free-days trial", FREE_DAYS],
    ["a last-day plan with a percent trial and percent tiers", LAST_DAY],
  ])("round-trips %s unchanged", (_, terms) => {
    const form = termsToForm(terms, "plan", ["JPY", "USD"]);
    expect(formToTerms(form)).toEqual(terms);
  });

  it.each([[[]], [["commitment"]], [["cutoff", "commitment"]]])("round-trips the operators' overrides %j", (overrides) => {
    const form = termsToForm({ ...FREE_DAYS, staff_overrides: overrides }, "weekly", ["JPY"]);
    expect(form.staffOverrides).toEqual(overrides);
    expect(formToTerms(form).staff_overrides).toEqual(overrides);
  });

  it("lets operators override both the cut-off and the commitment on a new plan, as the server's default does", () => {
    expect(formToTerms(emptyPlanForm(["JPY"])).staff_overrides).toEqual(["cutoff", "commitment"]);
  });

  it("gives every channel currency a price field and leaves unfilled ones out of the terms", () => {
    const form = termsToForm(FREE_DAYS, "weekly", ["JPY", "USD"]);
    expect(form.regular.amounts).toEqual({ JPY: "3000", USD: "" });
    expect(form.anchor).toBe("weekday");
    expect(formToTerms(form).regular.amounts).toEqual({ JPY: "3000" });
  });

  it("turns what a merchant types into terms: a trial for JPY and USD, percent tiers, a commitment", () => {
    const form = emptyPlanForm(["JPY", "USD"]);
    form.trialKind = "price";
    form.trialPrice.amounts = { JPY: "500", USD: "5.00" };
    form.regular.amounts = { JPY: "3,000", USD: " 30.00 " };
    form.tiers = [{ minQuantity: "2", percentOff: "10", amounts: {} }];
    form.minCommitment = "3";
    form.texts.ja.name = " コーヒー定期便 ";
    const terms = formToTerms(form);
    expect(terms.trial).toEqual({ kind: "price", deliveries: 1, price: { amounts: { JPY: "500", USD: "5.00" }, percent_off: null }, days: null });
    expect(terms.regular.amounts).toEqual({ JPY: "3000", USD: "30.00" });
    expect(terms.tiers).toEqual([{ amounts: {}, percent_off: "10", min_quantity: 2 }]);
    expect([terms.min_commitment, terms.billing_limit]).toEqual([3, null]);
    expect(terms.texts).toEqual({ ja: { name: "コーヒー定期便", description: "" } });
  });

  it("sends a count that is not a whole number as typed, for the server to refuse beside its field", () => {
    const form = emptyPlanForm(["JPY"]);
    form.minCommitment = "three";
    expect(formToTerms(form).min_commitment).toBe("three");
  });

  it.each([
    ["terms.regular.amounts", "regular.amounts"],
    ["terms.regular.amounts.JPY", "regular.amounts.JPY"],
    ["terms.trial.price.percent_off", "trialPrice.percentOff"],
    ["terms.trial", "trialKind"],
    ["terms.schedule", "anchor"],
    ["terms.schedule.anchor_day", "anchorDay"],
    ["terms.steps.1.from_delivery", "steps.1.fromDelivery"],
    ["terms.steps.0.price.amounts.USD", "steps.0.price.amounts.USD"],
    ["terms.tiers.0.min_quantity", "tiers.0.minQuantity"],
    ["terms.tiers", "tiers"],
    ["terms.free_inserts.0.deliveries.1", "freeInserts.0.deliveries"],
    ["terms.texts.ja.name", "texts.ja.name"],
    ["terms.min_commitment", "minCommitment"],
    ["terms.payment_methods.0", "paymentMethods"],
    ["terms.staff_overrides.1", "staffOverrides"],
    ["code", "code"],
    ["terms", null],
  ])("puts the server's error on %s beside %s", (path, field) => {
    expect(formFieldFor(path)).toBe(field);
  });
});
