import { Text } from "@saleor/macaw-ui";
import { useT } from "../../../i18n/i18n";
import type { DetailLine } from "../../detail/operations";
import { useOpenSubscription } from "../../detail/context";
import { LINE_ADD, LINE_REMOVE, PLAN, PRICE, QUANTITY, VARIANT } from "../operations";
import {
  backToPlanPriceSchema,
  currencyDecimals,
  lineAddSchema,
  planSchema,
  priceSchema,
  quantitySchema,
  skipSchema,
  variantSchema,
} from "../schemas";
import { useSubscriptionChange } from "../useSubscriptionChange";
import { ChangeDialog } from "./ChangeDialog";
import { OverrideField } from "./OverrideField";
import { RadioField, TextAreaField, TextField } from "./fields";
import { useProductChoices } from "../useProductChoices";

const lineName = (line: DetailLine) => [line.productName, line.variantName].filter(Boolean).join(" / ") || line.variantId;

export function QuantityEdit({ line }: { line: DetailLine }) {
  const t = useT();
  const send = useSubscriptionChange(QUANTITY);
  return (
    <ChangeDialog
      label={t("desk.edit.quantity")}
      title={t("desk.edit.quantityTitle", { line: lineName(line) })}
      description={t("desk.edit.quantityHelp")}
      schema={quantitySchema}
      defaultValues={{ quantity: line.quantity, override: false }}
      submit={(values) => send({ lineId: line.id, ...values })}
      confirm={t("desk.edit.save")}
    >
      <TextField name="quantity" label={t("desk.edit.quantityLabel")} type="number" min={1} />
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

/** The product's variants to choose from, or the variant's ID when they cannot be listed. */
function VariantField({ line }: { line: DetailLine }) {
  const t = useT();
  const { variants, fetching } = useProductChoices(line);
  if (fetching) return <Text color="default2">{t("desk.loading")}</Text>;
  if (variants.length) return <RadioField name="variantId" label={t("desk.edit.variantChoose")} options={variants} />;
  return <TextField name="variantId" label={t("desk.edit.variantLabel")} helperText={t("desk.edit.variantHelp")} />;
}

/** The product's plans to choose from, or the plan's code. */
function PlanField({ line }: { line: DetailLine | undefined }) {
  const t = useT();
  const { plans, fetching } = useProductChoices(line);
  if (fetching) return <Text color="default2">{t("desk.loading")}</Text>;
  if (plans.length) return <RadioField name="plan" label={t("desk.edit.planChoose")} options={plans} />;
  return <TextField name="plan" label={t("desk.edit.planLabel")} />;
}

export function VariantEdit({ line }: { line: DetailLine }) {
  const t = useT();
  const send = useSubscriptionChange(VARIANT);
  return (
    <ChangeDialog
      label={t("desk.edit.variant")}
      title={t("desk.edit.variantTitle", { line: lineName(line) })}
      schema={variantSchema}
      defaultValues={{ variantId: line.variantId, override: false }}
      submit={(values) => send({ lineId: line.id, ...values })}
      confirm={t("desk.edit.save")}
    >
      <VariantField line={line} />
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

export function PriceEdit({ line }: { line: DetailLine }) {
  const t = useT();
  const { detail } = useOpenSubscription();
  const currency = detail.subscription?.currency ?? "USD";
  const send = useSubscriptionChange(PRICE);
  return (
    <ChangeDialog
      label={t("desk.edit.price")}
      title={t("desk.edit.priceTitle", { line: lineName(line) })}
      description={t("desk.edit.priceHelp", { currency })}
      schema={priceSchema(currencyDecimals(currency))}
      defaultValues={{ price: line.priceOverride ?? "", reason: "" }}
      submit={(values) => send({ lineId: line.id, ...values })}
      confirm={t("desk.edit.save")}
    >
      <TextField name="price" label={t("desk.edit.priceLabel", { currency })} />
      <TextAreaField name="reason" label={t("desk.edit.reason")} />
    </ChangeDialog>
  );
}

export function BackToPlanPrice({ line }: { line: DetailLine }) {
  const t = useT();
  const send = useSubscriptionChange(PRICE);
  return (
    <ChangeDialog
      label={t("desk.edit.planPrice")}
      title={t("desk.edit.planPriceTitle", { line: lineName(line) })}
      schema={backToPlanPriceSchema}
      defaultValues={{ reason: "" }}
      submit={({ reason }) => send({ lineId: line.id, price: null, reason })}
      confirm={t("desk.edit.save")}
      triggerVariant="tertiary"
    >
      <TextAreaField name="reason" label={t("desk.edit.reason")} />
    </ChangeDialog>
  );
}

export function LineRemove({ line }: { line: DetailLine }) {
  const t = useT();
  const send = useSubscriptionChange(LINE_REMOVE);
  return (
    <ChangeDialog
      label={t("desk.edit.removeLine")}
      title={t("desk.edit.removeLineTitle", { line: lineName(line) })}
      description={t("desk.edit.removeLineHelp")}
      schema={skipSchema}
      defaultValues={{ override: false }}
      submit={(values) => send({ lineId: line.id, ...values })}
      confirm={t("desk.edit.removeLine")}
      danger
      triggerVariant="tertiary"
    >
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

export function LineAdd() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const send = useSubscriptionChange(LINE_ADD);
  return (
    <ChangeDialog
      label={t("desk.edit.addLine")}
      title={t("desk.edit.addLine")}
      description={t("desk.edit.addLineHelp")}
      schema={lineAddSchema}
      defaultValues={{ variantId: "", quantity: 1, override: false }}
      submit={send}
      confirm={t("desk.edit.addLine")}
    >
      {detail.lines[0] ? (
        <VariantField line={detail.lines[0]} />
      ) : (
        <TextField name="variantId" label={t("desk.edit.variantLabel")} helperText={t("desk.edit.variantHelp")} />
      )}
      <TextField name="quantity" label={t("desk.edit.quantityLabel")} type="number" min={1} />
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

export function PlanEdit() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const send = useSubscriptionChange(PLAN);
  return (
    <ChangeDialog
      label={t("desk.edit.plan")}
      title={t("desk.edit.plan")}
      description={t("desk.edit.planHelp")}
      schema={planSchema}
      defaultValues={{ plan: detail.subscription?.plan ?? "", override: false }}
      submit={send}
      confirm={t("desk.edit.save")}
    >
      <PlanField line={detail.lines[0]} />
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}
