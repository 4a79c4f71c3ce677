/** Create or edit a funnel: the product that enrols, the subscription offered, the offer, and its steps. Saved whole or not at all. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Box, Button, Select, Text } from "@saleor/macaw-ui";
import { useCallback, useState } from "react";
import { Controller, FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { useT } from "../../i18n/i18n";
import { RoomBelow } from "../../phone-order/ui/RoomBelow";
import { Refusal } from "../../refusal/ui/Refusal";
import type { StaffError } from "../../refusal/refusal";
import { navigate } from "../../routing/navigation";
import { funnelPath } from "../../routing/routes";
import {
  emptyFunnel, emptyStep, formField, funnelSchema, funnelValues, MAX_STEPS, toDefinition,
  type FunnelInputValues, type FunnelValues,
} from "../funnel-form";
import { FUNNEL_CREATE, FUNNEL_UPDATE, FUNNELS, type FunnelNode } from "../operations";
import { FormInput, useFieldError } from "./fields";
import { ProductPicker, type PickedProduct } from "./ProductPicker";
import { StepEditor } from "./StepEditor";

function TargetChoices({ product }: { product: PickedProduct | null }) {
  const t = useT();
  const fieldError = useFieldError();
  if (!product) return null;
  if (!product.plans.length) return <Text color="critical1">{t("funnels.noPlans")}</Text>;
  const plans = product.plans.map((plan) => ({ value: plan.code, label: `${plan.name} (${plan.code})` }));
  const variants = product.variants.filter((variant) => variant.subscribable).map((variant) => ({ value: variant.id, label: variant.name }));
  return (
    <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
      <Controller name="targetPlan" render={({ field }) => (
        <RoomBelow>
          <Select label={t("funnels.plan")} options={plans} value={field.value} onChange={(value) => field.onChange(value)}
            error={Boolean(fieldError("targetPlan"))} helperText={fieldError("targetPlan")} />
        </RoomBelow>
      )} />
      <Controller name="targetVariantId" render={({ field }) => (
        <RoomBelow>
          <Select label={t("funnels.variant")} options={variants} value={field.value} onChange={(value) => field.onChange(value)}
            error={Boolean(fieldError("targetVariantId"))} helperText={fieldError("targetVariantId")} />
        </RoomBelow>
      )} />
    </Box>
  );
}

function FunnelForm({ saved }: { saved: FunnelNode | null }) {
  const t = useT();
  const form = useForm<FunnelInputValues, unknown, FunnelValues>({
    resolver: zodResolver(funnelSchema),
    defaultValues: saved ? funnelValues(saved) : emptyFunnel(),
  });
  const { control, handleSubmit, setValue, setError, reset, formState } = form;
  const steps = useFieldArray({ control, name: "steps" });
  const [triggerProductId, targetProductId] = useWatch({ control, name: ["triggerProductId", "targetProductId"] });
  const [target, setTarget] = useState<PickedProduct | null>(null);
  const [refusal, setRefusal] = useState<StaffError | null>(null);
  const [savedNow, setSavedNow] = useState(false);
  const [creating, create] = useMutation(FUNNEL_CREATE);
  const [updating, update] = useMutation(FUNNEL_UPDATE);
  const fieldError = useCallback((name: string) => formState.errors[name as keyof FunnelInputValues]?.message, [formState.errors]);
  const set = (name: "triggerProductId" | "targetProductId" | "targetPlan" | "targetVariantId", value: string) =>
    setValue(name, value, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  const pickTarget = (product: PickedProduct) => {
    setTarget(product);
    set("targetProductId", product.id);
    set("targetPlan", product.plans[0]?.code ?? "");
    set("targetVariantId", product.variants.find((variant) => variant.subscribable)?.id ?? "");
  };

  const onValid = async (values: FunnelValues) => {
    setRefusal(null);
    setSavedNow(false);
    const funnel = JSON.stringify(toDefinition(values));
    const payload = saved
      ? (await update({ id: saved.id, funnel })).data?.funnelUpdate
      : (await create({ funnel })).data?.funnelCreate;
    if (!payload) {
      setRefusal({ code: "NETWORK", message: t("refusal.network") });
      return;
    }
    const unplaced = payload.errors.filter((error) => {
      const field = formField(error.field);
      if (field) setError(field as keyof FunnelInputValues, { type: "server", message: error.message }, { shouldFocus: true });
      return !field;
    });
    if (unplaced.length) setRefusal(unplaced[0]);
    if (payload.errors.length || !payload.funnel) return;
    if (!saved) {
      navigate(funnelPath(payload.funnel.id));
      return;
    }
    reset(funnelValues(payload.funnel));
    setSavedNow(true);
  };

  const saving = creating.fetching || updating.fetching;
  return (
    <FormProvider {...form}>
      <Box as="form" noValidate onSubmit={(event) => void handleSubmit(onValid)(event)} display="flex" flexDirection="column" gap={5}
        __paddingBottom="250px">
        <FormInput name="name" label={t("funnels.name")} />
        <ProductPicker label={t("funnels.trigger")} productId={triggerProductId}
          onPick={(product) => set("triggerProductId", product.id)} error={fieldError("triggerProductId") && t("funnels.error.required")} />
        <ProductPicker label={t("funnels.target")} productId={targetProductId} onPick={pickTarget} onLoaded={setTarget}
          error={fieldError("targetProductId") && t("funnels.error.required")} />
        <TargetChoices product={target} />
        <Text as="h2" size={6}>{t("funnels.offer")}</Text>
        <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
          <FormInput name="offerPercentOff" label={t("funnels.percentOff")} type="number" min={0} max={99} />
          <FormInput name="voucherCode" label={t("funnels.voucherCode")} />
        </Box>
        <Text as="h2" size={6}>{t("funnels.steps")}</Text>
        {steps.fields.map((step, index) => (
          <StepEditor key={step.id} index={index}
            onRemove={steps.fields.length > 1 ? () => steps.remove(index) : undefined} />
        ))}
        <Box display="flex" gap={3} alignItems="center">
          <Button type="button" variant="secondary" disabled={steps.fields.length >= MAX_STEPS}
            onClick={() => steps.append(emptyStep(form.getValues("steps").at(-1)))}>
            {t("funnels.addStep")}
          </Button>
          <Button type="submit" disabled={saving}>{saving ? t("funnels.saving") : t("funnels.save")}</Button>
          {savedNow && !formState.isDirty && <Text color="success1" role="status">{t("funnels.saved")}</Text>}
        </Box>
        {refusal && <Refusal error={refusal} />}
      </Box>
    </FormProvider>
  );
}

/** The editor for funnel `id`, or for a new funnel (`null`). */
export function FunnelEditor({ id }: { id: string | null }) {
  const t = useT();
  const [{ data, error, fetching, stale }] = useQuery({ query: FUNNELS, pause: id === null, requestPolicy: "cache-and-network" });
  const answer = data?.funnels;
  const saved = answer?.funnels.find((funnel) => funnel.id === id) ?? null;
  let content;
  if (id === null) content = <FunnelForm saved={null} />;
  else if (error && !answer) content = <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />;
  else if (answer?.errors[0]) content = <Refusal error={answer.errors[0]} />;
  else if (!answer || (!saved && (fetching || stale))) content = <Text color="default2">{t("funnels.loading")}</Text>;
  else if (!saved) content = <Refusal error={{ code: "NOT_FOUND", message: t("notFound") }} />;
  else content = <FunnelForm key={saved.id} saved={saved} />;
  return (
    <Box display="flex" flexDirection="column" gap={5}>
      <Box>
        <Button variant="tertiary" onClick={() => navigate("/step-mails")}>{t("funnels.back")}</Button>
      </Box>
      <Text as="h2" size={7}>{saved ? t("funnels.editTitle", { name: saved.name }) : t("funnels.newTitle")}</Text>
      {content}
    </Box>
  );
}
