/** The funnel editor's values, their schema (zod), and how they become the staff API's funnel definition and back. */
import { z } from "zod";
import type { FunnelNode } from "./operations";

/** The languages a step is written in, as the server names them (the mail's language). */
export const STEP_LANGUAGES = ["ja", "en", "zh-hans", "zh-hant"] as const;
export type StepLanguage = (typeof STEP_LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<StepLanguage, string> = { ja: "日本語", en: "English", "zh-hans": "简体中文", "zh-hant": "繁體中文" };
export const MAX_STEPS = 10;

const text = z.object({ subject: z.string(), body: z.string() });
const texts = z.object(Object.fromEntries(STEP_LANGUAGES.map((language) => [language, text])) as Record<StepLanguage, typeof text>);

const step = z.object({
  delayDays: z.coerce.number<string | number>().int("funnels.error.delay").min(0, "funnels.error.delay").max(365, "funnels.error.delay"),
  texts,
});

const percent = z.string().trim().refine((value) => value === "" || (Number(value) > 0 && Number(value) < 100), "funnels.error.percent");

export const funnelSchema = z
  .object({
    name: z.string().trim().min(1, "funnels.error.required"),
    triggerProductId: z.string().min(1, "funnels.error.required"),
    targetProductId: z.string().min(1, "funnels.error.required"),
    targetPlan: z.string().min(1, "funnels.error.required"),
    targetVariantId: z.string().min(1, "funnels.error.required"),
    offerPercentOff: percent,
    voucherCode: z.string().trim(),
    steps: z.array(step).min(1, "funnels.error.required").max(MAX_STEPS, "funnels.error.steps"),
  })
  .superRefine((funnel, context) => {
    if (!funnel.offerPercentOff && !funnel.voucherCode) {
      context.addIssue({ code: "custom", path: ["offerPercentOff"], message: "funnels.error.offer" });
    }
    funnel.steps.forEach((current, index) => {
      if (index && current.delayDays <= funnel.steps[index - 1].delayDays) {
        context.addIssue({ code: "custom", path: ["steps", index, "delayDays"], message: "funnels.error.order" });
      }
      const written = STEP_LANGUAGES.filter((language) => current.texts[language].subject.trim() || current.texts[language].body.trim());
      if (!written.length) context.addIssue({ code: "custom", path: ["steps", index, "texts", "ja", "subject"], message: "funnels.error.language" });
      for (const language of written) {
        const { subject, body } = current.texts[language];
        if (!subject.trim()) context.addIssue({ code: "custom", path: ["steps", index, "texts", language, "subject"], message: "funnels.error.pair" });
        if (!body.trim()) context.addIssue({ code: "custom", path: ["steps", index, "texts", language, "body"], message: "funnels.error.pair" });
        if (/[\r\n]/.test(subject)) context.addIssue({ code: "custom", path: ["steps", index, "texts", language, "subject"], message: "funnels.error.oneLine" });
      }
    });
  });

export type FunnelInputValues = z.input<typeof funnelSchema>;
export type FunnelValues = z.output<typeof funnelSchema>;
export type StepValues = FunnelValues["steps"][number];

const blankTexts = () => Object.fromEntries(STEP_LANGUAGES.map((language) => [language, { subject: "", body: "" }])) as StepValues["texts"];

/** A new step, a week after `previous` (or 30 days after the purchase for the first). */
export function emptyStep(previous?: { delayDays: number | string }): StepValues {
  return { delayDays: previous ? Number(previous.delayDays) + 7 : 30, texts: blankTexts() };
}

export function emptyFunnel(): FunnelValues {
  return { name: "", triggerProductId: "", targetProductId: "", targetPlan: "", targetVariantId: "", offerPercentOff: "",
    voucherCode: "", steps: [emptyStep()] };
}

/** The form's values for a saved funnel. */
export function funnelValues(node: FunnelNode): FunnelValues {
  return {
    name: node.name,
    triggerProductId: node.triggerProductId,
    targetProductId: node.targetProductId,
    targetPlan: node.targetPlan,
    targetVariantId: node.targetVariantId,
    offerPercentOff: node.offerPercentOff ?? "",
    voucherCode: node.voucherCode,
    steps: node.steps.map((saved) => {
      const stepTexts = blankTexts();
      for (const written of saved.texts) {
        if (written.language in stepTexts) stepTexts[written.language as StepLanguage] = { subject: written.subject, body: written.body };
      }
      return { delayDays: saved.delayDays, texts: stepTexts };
    }),
  };
}

/** The definition `funnelCreate` / `funnelUpdate` take: languages left blank are not sent. */
export function toDefinition(values: FunnelValues): Record<string, unknown> {
  return {
    name: values.name.trim(),
    trigger_product_id: values.triggerProductId,
    target_plan: values.targetPlan,
    target_variant_id: values.targetVariantId,
    ...(values.offerPercentOff ? { offer_percent_off: values.offerPercentOff } : {}),
    voucher_code: values.voucherCode,
    steps: values.steps.map((current) => ({
      delay_days: Number(current.delayDays),
      texts: Object.fromEntries(
        STEP_LANGUAGES.filter((language) => current.texts[language].subject.trim() || current.texts[language].body.trim()).map(
          (language) => [language, current.texts[language]],
        ),
      ),
    })),
  };
}

const camel = (part: string) => part.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The form field an API error names (`funnel.steps.1.texts.ja.body` → `steps.1.texts.ja.body`), or null for the form. */
export function formField(apiField: string | null | undefined): string | null {
  if (!apiField?.startsWith("funnel.")) return null;
  const path = apiField.slice("funnel.".length).split(".").map((part, index, parts) => (parts[index - 1] === "texts" ? part : camel(part)));
  const field = path.join(".");
  if (field === "targetPlan" || field === "targetVariantId" || field === "name" || field === "triggerProductId" || field === "voucherCode" || field === "offerPercentOff" || field === "steps") return field;
  if (/^steps\.\d+\.(delayDays|texts\.(ja|en|zh-hans|zh-hant)\.(subject|body))$/.test(field)) return field;
  if (/^steps\.\d+\.texts$/.test(field)) return `${field}.ja.subject`;
  return null;
}
