/** Every part of a plan's terms as form sections (the values: `PlanFormValues`). */
import { Box, Button, Input, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useQuery } from "urql";
import { useLanguage } from "../../i18n/i18n";
import { useDebounced } from "../../phone-order/use-debounced";
import { planWords } from "../messages";
import { STAFF_VARIANTS } from "../operations";
import { PAYMENT_METHODS, STAFF_OVERRIDES, TEXT_LANGUAGES, type PlanFormValues } from "../terms-form";
import { Choice, ChoiceList, FieldError, Section, TextAreaInput, TextInput, Toggle } from "./fields";

type Words = ReturnType<typeof planWords>;

function useWords(): Words {
  return planWords(useLanguage());
}

/** A price: an amount per currency, or % off the channel's list price. */
function PriceFields({ name, currencies, label }: { name: string; currencies: string[]; label: string }) {
  const t = useWords();
  const kind = useWatch({ name: `${name}.kind` });
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Choice name={`${name}.kind`} label={label} options={[
        { value: "amounts", label: t("price.amounts") }, { value: "percent", label: t("price.percent") }]} />
      {kind === "percent" ? (
        <TextInput name={`${name}.percentOff`} label={t("percentOff")} inputMode="decimal" />
      ) : (
        <Box display="grid" gridTemplateColumns={2} gap={2}>
          {currencies.map((currency) => (
            <TextInput key={currency} name={`${name}.amounts.${currency}`} label={t("amountIn", { currency })} inputMode="decimal" />
          ))}
        </Box>
      )}
      <FieldError name={`${name}.amounts`} />
    </Box>
  );
}

function ScheduleSection() {
  const t = useWords();
  const [unit, anchor] = useWatch({ name: ["intervalUnit", "anchor"] });
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ value: String(day), label: t(`wd${day}` as "wd0") }));
  const anchors = unit === "month" ? ["none", "day", "last", "weekday", "nth"] : unit === "week" ? ["none", "weekday"] : ["none"];
  return (
    <Section title={t("schedule")}>
      <Box display="grid" gridTemplateColumns={2} gap={3}>
        <TextInput name="intervalCount" label={t("every")} inputMode="numeric" />
        <Choice name="intervalUnit" options={(["day", "week", "month"] as const).map((value) => ({ value, label: t(value) }))} />
      </Box>
      <Choice name="anchor" label={t("anchor")} options={anchors.map((value) => ({ value, label: t(`anchor.${value}` as "anchor.none") }))} />
      {anchor === "day" && <TextInput name="anchorDay" label={t("anchorDay")} inputMode="numeric" />}
      {anchor === "nth" && <TextInput name="anchorWeek" label={t("anchorWeek")} inputMode="numeric" />}
      {(anchor === "weekday" || anchor === "nth") && <Choice name="anchorWeekday" label={t("anchorWeekday")} options={weekdays} />}
    </Section>
  );
}

function TrialSection({ currencies }: { currencies: string[] }) {
  const t = useWords();
  const kind = useWatch({ name: "trialKind" });
  return (
    <Section title={t("trial")}>
      <Choice name="trialKind" label={t("trial")} options={(["none", "price", "free_days"] as const).map((value) => ({
        value, label: t(`trial.${value}`) }))} />
      {kind === "price" && (
        <>
          <TextInput name="trialDeliveries" label={t("trialDeliveries")} inputMode="numeric" />
          <PriceFields name="trialPrice" currencies={currencies} label={t("priceKind")} />
        </>
      )}
      {kind === "free_days" && <TextInput name="trialDays" label={t("trialDays")} inputMode="numeric" />}
    </Section>
  );
}

function StepsSection({ currencies }: { currencies: string[] }) {
  const t = useWords();
  const { control } = useFormContext<PlanFormValues>();
  const steps = useFieldArray({ control, name: "steps" });
  return (
    <Section title={t("steps")}>
      {steps.fields.map((step, index) => (
        <Box key={step.id} display="flex" flexDirection="column" gap={2} data-testid={`step-${index}`}>
          <TextInput name={`steps.${index}.fromDelivery`} label={t("fromDelivery")} inputMode="numeric" />
          <PriceFields name={`steps.${index}.price`} currencies={currencies} label={t("priceKind")} />
          <Box><Button type="button" variant="tertiary" onClick={() => steps.remove(index)}>{t("remove")}</Button></Box>
        </Box>
      ))}
      <FieldError name="steps" />
      <Box><Button type="button" variant="secondary" onClick={() => steps.append({
        fromDelivery: "", price: { kind: "amounts", amounts: Object.fromEntries(currencies.map((c) => [c, ""])), percentOff: "" } })}>
        {t("addStep")}</Button></Box>
    </Section>
  );
}

function TiersSection({ currencies }: { currencies: string[] }) {
  const t = useWords();
  const { control } = useFormContext<PlanFormValues>();
  const tiers = useFieldArray({ control, name: "tiers" });
  const kind = useWatch({ name: "tierKind" });
  return (
    <Section title={t("tiers")}>
      <Choice name="tierKind" label={t("tierKind")} options={(["percent", "amounts"] as const).map((value) => ({
        value, label: t(`tierKind.${value}`) }))} />
      {tiers.fields.map((tier, index) => (
        <Box key={tier.id} display="grid" gridTemplateColumns={3} gap={2} alignItems="start" data-testid={`tier-${index}`}>
          <TextInput name={`tiers.${index}.minQuantity`} label={t("tierQuantity")} inputMode="numeric" />
          {kind === "percent" ? (
            <TextInput name={`tiers.${index}.percentOff`} label={t("percentOff")} inputMode="decimal" />
          ) : (
            currencies.map((currency) => (
              <TextInput key={currency} name={`tiers.${index}.amounts.${currency}`} label={t("amountIn", { currency })} inputMode="decimal" />
            ))
          )}
          <Button type="button" variant="tertiary" onClick={() => tiers.remove(index)}>{t("remove")}</Button>
          <FieldError name={`tiers.${index}.amounts`} />
        </Box>
      ))}
      <FieldError name="tiers" />
      <Box><Button type="button" variant="secondary" onClick={() => tiers.append({
        minQuantity: "", percentOff: "", amounts: Object.fromEntries(currencies.map((c) => [c, ""])) })}>{t("addTier")}</Button></Box>
      <Toggle name="tiersApplyToTrial" label={t("tiersApplyToTrial")} />
    </Section>
  );
}

/** A variant for a free insert: the product's own, or any product's found by name. */
function VariantPicker({ name, variants }: { name: string; variants: { id: string; name: string }[] }) {
  const t = useWords();
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim(), 300);
  const [{ data }] = useQuery({ query: STAFF_VARIANTS, variables: { search: settled }, pause: !settled });
  const chosen: string = useWatch({ name }) ?? "";
  const known = new Map([...variants, ...(data?.staffVariants.variants ?? [])].map((variant) => [variant.id, variant.name]));
  if (chosen && !known.has(chosen)) known.set(chosen, chosen);
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Input label={t("insertSearch")} value={search} onChange={(event) => setSearch(event.target.value)} />
      <Choice name={name} label={t("insertVariant")} options={[...known].map(([value, label]) => ({ value, label }))} />
    </Box>
  );
}

function InsertsSection({ variants }: { variants: { id: string; name: string }[] }) {
  const t = useWords();
  const { control } = useFormContext<PlanFormValues>();
  const inserts = useFieldArray({ control, name: "freeInserts" });
  return (
    <Section title={t("inserts")}>
      {inserts.fields.map((insert, index) => (
        <Box key={insert.id} display="flex" flexDirection="column" gap={2} data-testid={`insert-${index}`}>
          <VariantPicker name={`freeInserts.${index}.variantId`} variants={variants} />
          <TextInput name={`freeInserts.${index}.deliveries`} label={t("insertDeliveries")} />
          <Box><Button type="button" variant="tertiary" onClick={() => inserts.remove(index)}>{t("remove")}</Button></Box>
        </Box>
      ))}
      <Box><Button type="button" variant="secondary" onClick={() => inserts.append({ variantId: variants[0]?.id ?? "", deliveries: "1" })}>
        {t("addInsert")}</Button></Box>
    </Section>
  );
}

/** A payment method the deployment has (plug-ins included), labelled by the API in the staff's language. */
export type PaymentChoice = { name: string; label: string };

function RulesSections({ paymentChoices }: { paymentChoices?: PaymentChoice[] }) {
  const t = useWords();
  const policy = useWatch({ name: "stockPolicy" });
  return (
    <>
      <Section title={t("limits")}>
        <TextInput name="billingLimit" label={t("billingLimit")} inputMode="numeric" />
        <TextInput name="minCommitment" label={t("minCommitment")} inputMode="numeric" />
      </Section>
      <Section title={t("quantities")}>
        <Box display="grid" gridTemplateColumns={2} gap={3}>
          <TextInput name="minQuantity" label={t("minQuantity")} inputMode="numeric" />
          <TextInput name="maxQuantity" label={t("maxQuantity")} inputMode="numeric" />
        </Box>
      </Section>
      <Section title={t("payment")}>
        <ChoiceList name="paymentMethods" label={t("payment")} options={paymentChoices?.map(({ name, label }) => ({ value: name, label }))
          ?? PAYMENT_METHODS.map((value) => ({ value, label: t(`pm.${value}`) }))} />
      </Section>
      <Section title={t("overrides")}>
        <ChoiceList name="staffOverrides" label={t("overridesLabel")} options={STAFF_OVERRIDES.map((value) => ({
          value, label: t(`override.${value}`) }))} />
      </Section>
      <Section title={t("stock")}>
        <Choice name="stockPolicy" label={t("stock")} options={(["wait", "skip", "partial"] as const).map((value) => ({
          value, label: t(`stock.${value}`) }))} />
        {policy === "wait" && <TextInput name="stockWaitDays" label={t("stockWaitDays")} inputMode="numeric" />}
      </Section>
    </>
  );
}

function TextsSection() {
  const t = useWords();
  return (
    <Section title={t("texts")}>
      <FieldError name="texts" />
      {TEXT_LANGUAGES.map((language) => (
        <Box key={language} display="flex" flexDirection="column" gap={2}>
          <Text size={3} fontWeight="medium">{t(`lang.${language}`)}</Text>
          <TextInput name={`texts.${language}.name`} label={`${t("name")} (${language})`} />
          <TextAreaInput name={`texts.${language}.description`} label={`${t("description")} (${language})`} />
        </Box>
      ))}
    </Section>
  );
}

/** The whole form; `isNew` asks for the plan's code. */
export function PlanForm({ currencies, variants, isNew, paymentChoices }: {
  currencies: string[]; variants: { id: string; name: string }[]; isNew: boolean; paymentChoices?: PaymentChoice[];
}) {
  const t = useWords();
  return (
    <Box display="flex" flexDirection="column" gap={4}>
      {isNew && <TextInput name="code" label={t("code")} helperText={t("codeHelp")} />}
      <TextsSection />
      <ScheduleSection />
      <TrialSection currencies={currencies} />
      <Section title={t("regular")}>
        <PriceFields name="regular" currencies={currencies} label={t("priceKind")} />
      </Section>
      <StepsSection currencies={currencies} />
      <TiersSection currencies={currencies} />
      <InsertsSection variants={variants} />
      <RulesSections paymentChoices={paymentChoices} />
    </Box>
  );
}
