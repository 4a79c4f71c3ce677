import { useLanguage, useT } from "../../../i18n/i18n";
import { formatMoney } from "../../format";
import type { Renewal } from "../../detail/operations";
import { PAYMENT_METHOD, PAYMENT_RECEIVED } from "../operations";
import { confirmSchema, paymentMethodSchema } from "../schemas";
import { useSubscriptionChange } from "../useSubscriptionChange";
import { ChangeDialog } from "./ChangeDialog";
import { RadioField } from "./fields";

/**
 * Renewals paid another way: the methods the app offers for this subscription (`paymentMethodChoices`, built in or a
 * plug-in's, labelled in the staff's language); none, no button. A card is taken with NewCardEdit.
 */
export function PaymentMethodEdit({ current, choices }: { current: string | undefined; choices: readonly { name: string; label: string }[] }) {
  const t = useT();
  const send = useSubscriptionChange(PAYMENT_METHOD);
  if (!choices.length) return null;
  const options = choices.map((choice) => ({ value: choice.name, label: choice.label }));
  const preset = choices.find((choice) => choice.name === current)?.name;
  return (
    <ChangeDialog
      label={t("desk.edit.otherPayment")}
      title={t("desk.edit.otherPayment")}
      description={t("desk.edit.otherPaymentHelp")}
      schema={paymentMethodSchema}
      defaultValues={preset ? { method: preset } : {}}
      submit={send}
      confirm={t("desk.edit.save")}
    >
      <RadioField name="method" label={t("desk.edit.method")} options={options} />
    </ChangeDialog>
  );
}

/** "The cash (or transfer) arrived" for a renewal whose offline payment is pending. */
export function PaymentReceivedEdit({ renewal }: { renewal: Renewal }) {
  const t = useT();
  const send = useSubscriptionChange(PAYMENT_RECEIVED);
  const language = useLanguage();
  const amount = renewal.amount ? formatMoney(renewal.amount.amount, renewal.amount.currency, language) : "";
  return (
    <ChangeDialog
      label={t("desk.edit.paymentReceived")}
      title={t("desk.edit.paymentReceivedTitle", { cycle: renewal.cycle })}
      description={t("desk.edit.paymentReceivedHelp", { amount, order: renewal.orderNumber ?? "—" })}
      schema={confirmSchema}
      defaultValues={{}}
      submit={() => send({ cycle: renewal.cycle })}
      confirm={t("desk.edit.paymentReceived")}
      triggerVariant="primary"
    />
  );
}
