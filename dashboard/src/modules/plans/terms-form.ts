/**
 * A plan's `terms` (the JSON the server validates, plans/terms.py) and the editor's form values, both ways; and which
 * form field a server error path (`terms.trial.price.amounts`) belongs beside.
 */

export const TEXT_LANGUAGES = ["en", "ja", "zh-hans", "zh-hant"] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];
export const PAYMENT_METHODS = ["card", "konbini", "cod", "bank_transfer"] as const;
/** What an operator may override on purpose (`PlanTerms.staff_overrides`). */
export const STAFF_OVERRIDES = ["cutoff", "commitment"] as const;

type Amounts = Record<string, string>;
export type TermsPrice = { amounts: Amounts; percent_off: string | null };

/** The terms as the server stores and answers them (every field present). */
export type Terms = {
  schedule: {
    interval_unit: "day" | "week" | "month";
    interval_count: number;
    anchor_day: number | null;
    anchor_last_day: boolean;
    anchor_weekday: number | null;
    anchor_week: number | null;
  };
  regular: TermsPrice;
  trial: null | { kind: "price" | "free_days"; deliveries: number; price: TermsPrice | null; days: number | null };
  steps: { from_delivery: number; price: TermsPrice }[];
  tiers: (TermsPrice & { min_quantity: number })[];
  tiers_apply_to_trial: boolean;
  free_inserts: { variant_id: string; deliveries: number[] }[];
  billing_limit: number | null;
  min_commitment: number | null;
  min_quantity: number;
  max_quantity: number | null;
  payment_methods: string[];
  stock_policy: "wait" | "skip" | "partial";
  stock_wait_days: number;
  staff_overrides: string[];
  texts: Partial<Record<TextLanguage, { name: string; description: string }>>;
};

export type PriceValues = { kind: "amounts" | "percent"; amounts: Amounts; percentOff: string };
export type Anchor = "none" | "day" | "last" | "weekday" | "nth";

/** What the form holds: strings as typed, one choice per either/or of the terms. */
export type PlanFormValues = {
  code: string;
  intervalUnit: Terms["schedule"]["interval_unit"];
  intervalCount: string;
  anchor: Anchor;
  anchorDay: string;
  anchorWeekday: string;
  anchorWeek: string;
  trialKind: "none" | "price" | "free_days";
  trialDeliveries: string;
  trialPrice: PriceValues;
  trialDays: string;
  regular: PriceValues;
  steps: { fromDelivery: string; price: PriceValues }[];
  tierKind: "percent" | "amounts";
  tiers: { minQuantity: string; percentOff: string; amounts: Amounts }[];
  tiersApplyToTrial: boolean;
  freeInserts: { variantId: string; deliveries: string }[];
  billingLimit: string;
  minCommitment: string;
  minQuantity: string;
  maxQuantity: string;
  paymentMethods: string[];
  stockPolicy: Terms["stock_policy"];
  stockWaitDays: string;
  staffOverrides: string[];
  texts: Record<TextLanguage, { name: string; description: string }>;
};

const text = (value: number | null | undefined) => (value == null ? "" : String(value));

/** An amount field for every currency (the channels'), keeping any other the terms name. */
function amountsFor(amounts: Amounts | undefined, currencies: readonly string[]): Amounts {
  return { ...Object.fromEntries(currencies.map((currency) => [currency, ""])), ...(amounts ?? {}) };
}

function priceValues(price: TermsPrice | null | undefined, currencies: readonly string[]): PriceValues {
  return {
    kind: price?.percent_off != null ? "percent" : "amounts",
    amounts: amountsFor(price?.amounts, currencies),
    percentOff: price?.percent_off ?? "",
  };
}

/** A new plan: monthly, card, wait for stock, every price still to be entered per currency. */
export function emptyPlanForm(currencies: readonly string[]): PlanFormValues {
  return {
    code: "",
    intervalUnit: "month",
    intervalCount: "1",
    anchor: "none",
    anchorDay: "",
    anchorWeekday: "",
    anchorWeek: "",
    trialKind: "none",
    trialDeliveries: "1",
    trialPrice: priceValues(null, currencies),
    trialDays: "",
    regular: priceValues(null, currencies),
    steps: [],
    tierKind: "percent",
    tiers: [],
    tiersApplyToTrial: false,
    freeInserts: [],
    billingLimit: "",
    minCommitment: "",
    minQuantity: "1",
    maxQuantity: "",
    paymentMethods: ["card"],
    stockPolicy: "wait",
    stockWaitDays: "7",
    staffOverrides: [...STAFF_OVERRIDES],
    texts: Object.fromEntries(TEXT_LANGUAGES.map((language) => [language, { name: "", description: "" }])) as PlanFormValues["texts"],
  };
}

function anchorOf(schedule: Terms["schedule"]): Anchor {
  if (schedule.anchor_last_day) return "last";
  if (schedule.anchor_day != null) return "day";
  if (schedule.anchor_week != null) return "nth";
  if (schedule.anchor_weekday != null) return "weekday";
  return "none";
}

/** The form for stored `terms`; `currencies` (the product's channels') each get a price field. */
export function termsToForm(terms: Terms, code: string, currencies: readonly string[]): PlanFormValues {
  const empty = emptyPlanForm(currencies);
  const { schedule, trial } = terms;
  return {
    ...empty,
    code,
    intervalUnit: schedule.interval_unit,
    intervalCount: String(schedule.interval_count),
    anchor: anchorOf(schedule),
    anchorDay: text(schedule.anchor_day),
    anchorWeekday: text(schedule.anchor_weekday),
    anchorWeek: text(schedule.anchor_week),
    trialKind: trial?.kind ?? "none",
    trialDeliveries: text(trial?.deliveries ?? 1),
    trialPrice: priceValues(trial?.price, currencies),
    trialDays: text(trial?.days),
    regular: priceValues(terms.regular, currencies),
    steps: terms.steps.map((step) => ({ fromDelivery: String(step.from_delivery), price: priceValues(step.price, currencies) })),
    tierKind: terms.tiers.some((tier) => tier.percent_off == null) ? "amounts" : "percent",
    tiers: terms.tiers.map((tier) => ({
      minQuantity: String(tier.min_quantity), percentOff: tier.percent_off ?? "", amounts: amountsFor(tier.amounts, currencies),
    })),
    tiersApplyToTrial: terms.tiers_apply_to_trial,
    freeInserts: terms.free_inserts.map((insert) => ({ variantId: insert.variant_id, deliveries: insert.deliveries.join(", ") })),
    billingLimit: text(terms.billing_limit),
    minCommitment: text(terms.min_commitment),
    minQuantity: String(terms.min_quantity),
    maxQuantity: text(terms.max_quantity),
    paymentMethods: [...terms.payment_methods],
    stockPolicy: terms.stock_policy,
    stockWaitDays: String(terms.stock_wait_days),
    staffOverrides: [...terms.staff_overrides],
    texts: Object.fromEntries(
      TEXT_LANGUAGES.map((language) => [language, { name: terms.texts[language]?.name ?? "", description: terms.texts[language]?.description ?? "" }]),
    ) as PlanFormValues["texts"],
  };
}

/** A whole number as typed; anything else goes to the server as typed, which names the field in its refusal. */
function count(value: string): number {
  const trimmed = value.trim();
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : trimmed) as number;
}

const optionalCount = (value: string) => (value.trim() === "" ? null : count(value));
const decimal = (value: string) => value.trim().replace(/,/g, "");

function filled(amounts: Amounts): Amounts {
  return Object.fromEntries(
    Object.entries(amounts).filter(([, amount]) => amount.trim() !== "").map(([currency, amount]) => [currency, decimal(amount)]),
  );
}

function termsPrice(price: PriceValues): TermsPrice {
  return price.kind === "percent"
    ? { amounts: {}, percent_off: decimal(price.percentOff) }
    : { amounts: filled(price.amounts), percent_off: null };
}

function schedule(values: PlanFormValues): Terms["schedule"] {
  const { anchor } = values;
  return {
    interval_unit: values.intervalUnit,
    interval_count: count(values.intervalCount),
    anchor_day: anchor === "day" ? count(values.anchorDay) : null,
    anchor_last_day: anchor === "last",
    anchor_weekday: anchor === "weekday" || anchor === "nth" ? count(values.anchorWeekday) : null,
    anchor_week: anchor === "nth" ? count(values.anchorWeek) : null,
  };
}

function trial(values: PlanFormValues): Terms["trial"] {
  switch (values.trialKind) {
    case "none":
      return null;
    case "free_days":
      return { kind: "free_days", deliveries: 1, price: null, days: optionalCount(values.trialDays) };
    case "price":
      return { kind: "price", deliveries: count(values.trialDeliveries), price: termsPrice(values.trialPrice), days: null };
  }
}

/** The terms the form says, as the server expects them (texts left empty in a language are left out). */
export function formToTerms(values: PlanFormValues): Terms {
  return {
    schedule: schedule(values),
    regular: termsPrice(values.regular),
    trial: trial(values),
    steps: values.steps.map((step) => ({ from_delivery: count(step.fromDelivery), price: termsPrice(step.price) })),
    tiers: values.tiers.map((tier) =>
      values.tierKind === "percent"
        ? { amounts: {}, percent_off: decimal(tier.percentOff), min_quantity: count(tier.minQuantity) }
        : { amounts: filled(tier.amounts), percent_off: null, min_quantity: count(tier.minQuantity) },
    ),
    tiers_apply_to_trial: values.tiersApplyToTrial,
    free_inserts: values.freeInserts.map((insert) => ({
      variant_id: insert.variantId.trim(),
      deliveries: insert.deliveries.split(/[\s,、，]+/).filter(Boolean).map(count),
    })),
    billing_limit: optionalCount(values.billingLimit),
    min_commitment: optionalCount(values.minCommitment),
    min_quantity: count(values.minQuantity),
    max_quantity: optionalCount(values.maxQuantity),
    payment_methods: [...new Set(values.paymentMethods)],
    stock_policy: values.stockPolicy,
    stock_wait_days: count(values.stockWaitDays),
    staff_overrides: [...values.staffOverrides],
    texts: Object.fromEntries(
      TEXT_LANGUAGES.filter((language) => values.texts[language].name.trim() || values.texts[language].description.trim()).map(
        (language) => [language, { name: values.texts[language].name.trim(), description: values.texts[language].description.trim() }],
      ),
    ),
  };
}

const SCHEDULE: Record<string, string> = {
  interval_unit: "intervalUnit", interval_count: "intervalCount", anchor_day: "anchorDay", anchor_last_day: "anchor",
  anchor_weekday: "anchorWeekday", anchor_week: "anchorWeek",
};
const TOP: Record<string, string> = {
  billing_limit: "billingLimit", min_commitment: "minCommitment", min_quantity: "minQuantity", max_quantity: "maxQuantity",
  payment_methods: "paymentMethods", stock_policy: "stockPolicy", stock_wait_days: "stockWaitDays",
  tiers_apply_to_trial: "tiersApplyToTrial", staff_overrides: "staffOverrides", texts: "texts", steps: "steps", tiers: "tiers",
  free_inserts: "freeInserts", schedule: "anchor", trial: "trialKind", regular: "regular.kind",
};

/** `price.amounts.JPY` → `<form>.amounts.JPY`; a price as a whole → its kind (amounts or % off). */
function priceField(form: string, rest: string[]): string {
  if (rest[0] === "amounts") return rest[1] ? `${form}.amounts.${rest[1]}` : `${form}.amounts`;
  if (rest[0] === "percent_off") return `${form}.percentOff`;
  return `${form}.kind`;
}

/**
 * The form field a server error is about, from its `field` (`terms.tiers.0.min_quantity` → `tiers.0.minQuantity`);
 * `code` for the plan code; null when it is about the terms as a whole (shown above the form).
 */
export function formFieldFor(path: string | null | undefined): string | null {
  if (!path) return null;
  if (path === "code") return "code";
  const [root, ...parts] = path.split(".");
  if (root !== "terms" || parts.length === 0) return null;
  const [head, ...rest] = parts;
  if (head === "schedule") return rest[0] ? (SCHEDULE[rest[0]] ?? "anchor") : "anchor";
  if (head === "regular") return priceField("regular", rest);
  if (head === "trial") {
    if (rest[0] === "price") return priceField("trialPrice", rest.slice(1));
    if (rest[0] === "deliveries") return "trialDeliveries";
    if (rest[0] === "days") return "trialDays";
    return "trialKind";
  }
  if (head === "steps" && rest[0] !== undefined) {
    const step = `steps.${rest[0]}`;
    return rest[1] === "price" ? priceField(`${step}.price`, rest.slice(2)) : `${step}.fromDelivery`;
  }
  if (head === "tiers" && rest[0] !== undefined) {
    const tier = `tiers.${rest[0]}`;
    if (rest[1] === "amounts") return rest[2] ? `${tier}.amounts.${rest[2]}` : `${tier}.amounts`;
    return rest[1] === "percent_off" ? `${tier}.percentOff` : `${tier}.minQuantity`;
  }
  if (head === "free_inserts" && rest[0] !== undefined) {
    return `freeInserts.${rest[0]}.${rest[1] === "variant_id" ? "variantId" : "deliveries"}`;
  }
  if (head === "texts" && rest[0] && rest[1]) return `texts.${rest[0]}.${rest[1] === "description" ? "description" : "name"}`;
  return TOP[head] ?? null;
}
