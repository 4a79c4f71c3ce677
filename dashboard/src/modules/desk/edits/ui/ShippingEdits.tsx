import { Text } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import { useLanguage, useT } from "../../../i18n/i18n";
import { useOpenSubscription } from "../../detail/context";
import { formatMoney } from "../../format";
import { ADDRESS, SHIPPING, SHIPPING_METHODS } from "../operations";
import { addressSchema, shippingSchema } from "../schemas";
import { useSubscriptionChange } from "../useSubscriptionChange";
import { parseAddress } from "../../detail/address";
import { ChangeDialog } from "./ChangeDialog";
import { RadioField, TextField } from "./fields";
import { OverrideField } from "./OverrideField";
import { Refusal } from "../../../refusal/ui/Refusal";

const ADDRESS_FIELDS = [
  "lastName",
  "firstName",
  "postalCode",
  "country",
  "countryArea",
  "city",
  "streetAddress1",
  "streetAddress2",
  "phone",
] as const;

export function AddressEdit() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const send = useSubscriptionChange(ADDRESS);
  const current = parseAddress(detail.shippingAddress);
  const defaults = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, current?.[field] ?? ""])) as Record<
    (typeof ADDRESS_FIELDS)[number],
    string
  >;
  return (
    <ChangeDialog
      label={t("desk.edit.address")}
      title={t("desk.edit.address")}
      description={t("desk.edit.addressHelp")}
      schema={addressSchema}
      defaultValues={{ ...defaults, override: false }}
      submit={({ override, ...address }) => send({ shippingAddress: address, override })}
      confirm={t("desk.edit.save")}
    >
      {ADDRESS_FIELDS.map((field) => (
        <TextField key={field} name={field} label={t(`desk.address.${field}`)} />
      ))}
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

/** Another shipping method, chosen among those Saleor offers for the subscription's address. */
export function ShippingMethodEdit() {
  const t = useT();
  const language = useLanguage();
  const { id } = useOpenSubscription();
  const send = useSubscriptionChange(SHIPPING);
  const [{ data, fetching }] = useQuery({ query: SHIPPING_METHODS, variables: { id } });
  const answer = data?.staffShippingMethods;
  const methods = answer?.shippingMethods ?? [];
  const options = methods.map((method) => ({
    value: method.id,
    label: `${method.name} — ${formatMoney(method.price.amount, method.price.currency, language)}`,
  }));
  return (
    <ChangeDialog
      label={t("desk.edit.shipping")}
      title={t("desk.edit.shipping")}
      schema={shippingSchema}
      defaultValues={{ shippingMethodId: answer?.current ?? "", override: false }}
      submit={send}
      confirm={t("desk.edit.save")}
    >
      {fetching ? (
        <Text color="default2">{t("desk.loading")}</Text>
      ) : answer?.errors.length ? (
        <Refusal error={answer.errors[0]} />
      ) : options.length ? (
        <>
          <RadioField name="shippingMethodId" label={t("desk.edit.shippingLabel")} options={options} />
          <OverrideField kind="CUTOFF" />
        </>
      ) : (
        <Text color="default2">{t("desk.edit.noShipping")}</Text>
      )}
    </ChangeDialog>
  );
}
