import { useLanguage, useT } from "../../../i18n/i18n";
import { formatMoney } from "../../format";
import type { Renewal } from "../../detail/operations";
import { OFFLINE_METHODS, PAYMENT_METHOD, PAYMENT_RECEIVED } from "../operations";
import { confirmSchema, paymentMethodSchema } from "../schemas";
import { useSubscriptionChange } from "../useSubscriptionChange";
import { paymentKey } from "../../ui/paymentLabel";
import { ChangeDialog } from "./ChangeDialog";
import { RadioField } from "./fields";

export function PaymentMethodEdit({ current }: { current: string | undefined }) {
  const t = useT();
  const send = useSubscriptionChange(PAYMENT_METHOD);
  const options = OFFLINE_METHODS.map((method) => ({ value: method, label: t(paymentKey(method)!) }));
  const preset = OFFLINE_METHODS.find((method) => method === current?.toUpperCase());
  return (
    <ChangeDialog
      label={t("desk.edit.offlinePayment")}
      title={t("desk.edit.offlinePayment")}
      description={t("desk.edit.offlinePaymentHelp")}
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
