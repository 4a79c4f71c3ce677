/** One plan's editor: the form, its live preview beside it, and saving (a change becomes a new version). */
import { actions, useAppBridge } from "@saleor/app-sdk/app-bridge";
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useMemo, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { useLanguage } from "../../i18n/i18n";
import { useDebounced } from "../../phone-order/use-debounced";
import { Refusal } from "../../refusal/ui/Refusal";
import type { StaffError } from "../../refusal/refusal";
import { planWords } from "../messages";
import { PLAN_CREATE, PLAN_UPDATE, STAFF_PLAN_PREVIEW } from "../operations";
import { emptyPlanForm, formFieldFor, formToTerms, termsToForm, type PlanFormValues, type Terms } from "../terms-form";
import { ServerErrors } from "./fields";
import { PlanForm, type PaymentChoice } from "./PlanForm";
import { PlanPreview } from "./PlanPreview";

export type EditedPlan = { code: string; terms: string };
type Product = {
  productId: string; channels: { currencyCode: string }[]; variants: { id: string; name: string }[];
  paymentMethodChoices?: PaymentChoice[];
};

/** The server's errors split into those beside a field (by form path) and those about the plan as a whole. */
function placed(errors: StaffError[]): { byField: Record<string, string>; general: StaffError[] } {
  const byField: Record<string, string> = {};
  const general: StaffError[] = [];
  for (const error of errors) {
    const field = formFieldFor(error.field);
    if (field) byField[field] = byField[field] ? `${byField[field]} ${error.message}` : error.message;
    else general.push(error);
  }
  return { byField, general };
}

export function PlanEditor({ product, plan, onSaved }: {
  product: Product; plan: EditedPlan | null; onSaved: (code: string, said: string[]) => void;
}) {
  const t = planWords(useLanguage());
  const { appBridge } = useAppBridge();
  const currencies = useMemo(() => [...new Set(product.channels.map((channel) => channel.currencyCode))], [product.channels]);
  const form = useForm<PlanFormValues>({
    defaultValues: plan ? termsToForm(JSON.parse(plan.terms) as Terms, plan.code, currencies) : emptyPlanForm(currencies),
  });
  const values = useWatch({ control: form.control }) as PlanFormValues;
  const draft = JSON.stringify(formToTerms(values));
  const settled = useDebounced(draft, 400);
  const [preview] = useQuery({
    query: STAFF_PLAN_PREVIEW, variables: { productId: product.productId, terms: settled, code: values.code || plan?.code },
  });
  const [saving, create] = useMutation(PLAN_CREATE);
  const [updating, update] = useMutation(PLAN_UPDATE);
  // a save's refusal stands until the form changes; then the live preview's check takes over
  const [refused, setRefused] = useState<{ draft: string; errors: StaffError[] } | null>(null);

  const answer = preview.data?.staffPlanPreview;
  // a new plan's blank form is not a mistake yet: the live check speaks once something is typed
  const live = plan || form.formState.isDirty ? (answer?.errors ?? []) : [];
  const { byField, general } = placed(refused?.draft === draft + values.code ? refused.errors : live);

  const save = form.handleSubmit(async (submitted) => {
    const terms = JSON.stringify(formToTerms(submitted));
    const result = plan
      ? (await update({ code: plan.code, terms })).data?.planUpdate
      : (await create({ productId: product.productId, code: submitted.code.trim(), terms })).data?.planCreate;
    if (!result) return;
    setRefused(result.errors.length ? { draft: terms + submitted.code, errors: result.errors } : null);
    if (result.errors.length || !result.plan) return;
    const done = result.plan;
    const lines = [plan ? t("savedVersion", { version: done.version }) : t("created", { code: done.code })];
    if (plan) lines.push(done.subscribersOnOlderVersions ? t("keepVersion", { count: done.subscribersOnOlderVersions }) : t("noSubscribersKeep"));
    void appBridge?.dispatch(actions.Notification({ status: "success", title: t("title"), text: lines.join(" ") }));
    onSaved(done.code, lines);
  });

  return (
    <FormProvider {...form}>
      <ServerErrors.Provider value={byField}>
        <Box as="form" onSubmit={save} noValidate display="grid" gap={6}
          __gridTemplateColumns="minmax(0, 3fr) minmax(0, 2fr)" alignItems="start">
          <Box display="flex" flexDirection="column" gap={4}>
            {general.map((error) => <Refusal key={`${error.code}${error.message}`} error={error} />)}
            {Object.keys(byField).length > 0 && <Text color="critical1" role="alert">{t("fixErrors")}</Text>}
            <PlanForm currencies={currencies} variants={product.variants} isNew={!plan} paymentChoices={product.paymentMethodChoices} />
            <Box display="flex" flexDirection="column" gap={2}>
              <Box><Button type="submit" disabled={saving.fetching || updating.fetching}>
                {saving.fetching || updating.fetching ? t("saving") : t("save")}</Button></Box>
            </Box>
          </Box>
          <Box __position="sticky" __top="0">
            <PlanPreview channels={answer?.channels ?? []} updating={preview.fetching || settled !== draft} />
          </Box>
        </Box>
      </ServerErrors.Provider>
    </FormProvider>
  );
}
