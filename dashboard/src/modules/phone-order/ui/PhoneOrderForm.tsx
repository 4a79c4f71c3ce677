/** The phone/FAX order form: customer, address, lines with a live quote, payment (a card via Stripe Elements), statements, submit. */
import { zodResolver } from "@hookform/resolvers/zod";
import { actions, useAppBridge } from "@saleor/app-sdk/app-bridge";
import { Box, Button, Input, Select, Text } from "@saleor/macaw-ui";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Controller, useFieldArray, useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { CardEntry } from "../../cards/ui/CardEntry";
import { useLanguage } from "../../i18n/i18n";
import type { StaffError } from "../../refusal/refusal";
import { phoneOrderWords, type PhoneOrderKey } from "../messages";
import { PHONE_ORDER_PLACE, PHONE_ORDER_QUOTE, STAFF_CHANNELS, STAFF_CUSTOMER, STAFF_CUSTOMERS, STAFF_PRODUCTS } from "../operations";
import { useDebounced } from "../use-debounced";
import { LIST_ROOM_PX, RoomBelow } from "./RoomBelow";
import {
  CARD,
  channelFor,
  customerValues,
  emptyOrder,
  formField,
  keyFor,
  needsKana,
  orderSchema,
  quotable,
  retriesWithSameKey,
  toPhoneOrderInput,
  type OrderInputValues,
  type OrderValues,
} from "../order-form";

/** The form's plain text fields. */
type TextField = "email" | "phone" | "lastName" | "firstName" | "lastNameKana" | "firstNameKana" | "postalCode" | "countryArea" | "city" | "streetAddress1" | "country";

type Customer = Parameters<typeof customerValues>[0] & { firstName: string; lastName: string; phone: string };

const describe = (customer: Customer) => `${customer.lastName} ${customer.firstName} — ${customer.email} ${customer.phone}`.trim();

const LANGUAGES = [
  { value: "JA", label: "日本語" },
  { value: "EN", label: "English" },
  { value: "ZH_HANS", label: "简体中文" },
  { value: "ZH_HANT", label: "繁體中文" },
];

/** `initial`: values known before the call, e.g. the customer when opened from a customer's page. */
export function PhoneOrderForm({ initial = {} }: { initial?: Partial<OrderValues> }) {
  const t = phoneOrderWords(useLanguage());
  const { appBridge } = useAppBridge();
  const form = useForm<OrderInputValues, unknown, OrderValues>({ resolver: zodResolver(orderSchema), defaultValues: { ...emptyOrder(), ...initial } });
  const { control, handleSubmit, setValue, setError, formState } = form;
  const lines = useFieldArray({ control, name: "lines" });
  const values = useWatch({ control }) as OrderValues;
  const [search, setSearch] = useState("");
  const [refusal, setRefusal] = useState<StaffError | null>(null);
  const [placed, setPlaced] = useState<{ orderId: string; number: string; subscription: string } | null>(null);
  const attempt = useRef<{ key: string; input: string } | null>(null);

  const [channels] = useQuery({ query: STAFF_CHANNELS });
  const channelOptions = (channels.data?.staffChannels.channels ?? []).map((channel) => ({
    value: channel.slug, label: `${channel.name} (${channel.currencyCode})`,
  }));
  const firstChannel = channelOptions[0]?.value;
  // the only (or first) channel unless the page was opened for one (`?channel=`)
  useEffect(() => {
    if (firstChannel && !form.getValues("channel")) setValue("channel", firstChannel, { shouldValidate: false });
  }, [firstChannel, form, setValue]);
  const [found, setFound] = useState<Customer | null>(null);
  const channelList = channels.data?.staffChannels.channels;
  const channelPicked = useRef(false); // the operator chose the channel: a customer found afterwards does not change it
  const fill = useCallback((customer: Customer) => {
    const known = customerValues(customer);
    for (const [field, value] of Object.entries(known)) setValue(field as keyof OrderValues, value);
    // the customer's country picks the channel, unless the page was opened for one (`?channel=`) or it was chosen
    const slug = initial.channel || channelPicked.current ? undefined : channelFor(channelList ?? [], known.country);
    if (slug) setValue("channel", slug);
  }, [setValue, channelList, initial.channel]);
  // opened for a customer (from the Dashboard's customer page): her name, e-mail and address, as if found
  const [opened] = useQuery({ query: STAFF_CUSTOMER, variables: { id: initial.customerId ?? "" }, pause: !initial.customerId });
  const openedFor = opened.data?.staffCustomer.customer;
  useEffect(() => {
    if (openedFor) fill(openedFor);
  }, [openedFor, fill]);
  const chosen = found ?? openedFor;
  const choose = (customer: Customer) => {
    setFound(customer);
    fill(customer);
  };
  const [customers] = useQuery({ query: STAFF_CUSTOMERS, variables: { search }, pause: search.trim().length < 2 });
  const [products] = useQuery({ query: STAFF_PRODUCTS, variables: { channel: values.channel, search: "" }, pause: !values.channel });
  // priced once the operator pauses typing, not at every key
  const input = useDebounced(useMemo(() => toPhoneOrderInput(values), [values]), 300);
  const [quote] = useQuery({ query: PHONE_ORDER_QUOTE, variables: { input }, pause: !quotable(values) });
  const [{ fetching: placing }, place] = useMutation(PHONE_ORDER_PLACE);

  const currency = products.data?.staffProducts.currency;
  useEffect(() => setValue("kanaRequired", needsKana(currency)), [currency, setValue]);
  const quoted = quote.data?.staffPhoneOrderQuote;
  // a quote for an address no shipping method of the channel reaches: say so rather than show an empty list
  const noShipping = quoted && quoted.lines.length > 0 && quoted.shippingMethods.length === 0 ? t("noShipping") : undefined;
  const variants = (products.data?.staffProducts.products ?? []).flatMap((product) =>
    product.variants.map((variant) => ({ value: variant.id, label: `${product.name} ${variant.name}`.trim(), plans: product.plans })),
  );
  const fieldError = (name: string) => {
    const path = name.split(".");
    let node: unknown = formState.errors;
    for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
    const message = (node as { message?: string } | undefined)?.message;
    return message ? (message in { required: 1, email_invalid: 1 } ? t(message as PhoneOrderKey) : message) : undefined;
  };

  const onValid = async (entered: OrderValues) => {
    setRefusal(null);
    const order = toPhoneOrderInput(entered);
    attempt.current = keyFor(attempt.current, order, () => crypto.randomUUID());
    const result = await place({ input: order, idempotencyKey: attempt.current.key });
    const payload = result.data?.staffPhoneOrderPlace;
    if (!payload) {
      setRefusal({ code: "NETWORK", message: result.error?.message ?? "" });
      return;
    }
    for (const error of payload.errors) {
      const field = formField(error.field);
      if (field && field in entered) setError(field as keyof OrderValues, { message: error.message });
    }
    if (payload.errors.length) {
      if (!retriesWithSameKey(payload.errors[0].code)) attempt.current = null;
      setRefusal(payload.errors[0]);
      return;
    }
    setPlaced({ orderId: payload.orderId ?? "", number: payload.orderNumber ?? "", subscription: payload.subscriptions[0]?.id ?? "" });
  };

  if (placed) {
    return (
      <Box display="flex" flexDirection="column" gap={3} padding={6}>
        <Text size={5}>{t("placed", { number: placed.number, id: placed.subscription })}</Text>
        <Button onClick={() => appBridge?.dispatch(actions.Redirect({ to: `/orders/${placed.orderId}` }))}>{t("openOrder")}</Button>
      </Box>
    );
  }

  // controlled, so that macaw-ui's label floats above what was typed
  const text = (name: TextField, label: PhoneOrderKey, extra: Record<string, unknown> = {}) => (
    <Controller control={control} name={name} render={({ field }) => (
      <Input label={t(label)} name={field.name} ref={field.ref} value={field.value ?? ""} onChange={field.onChange} onBlur={field.onBlur}
        error={Boolean(fieldError(name))} helperText={fieldError(name)} {...extra} />
    )} />
  );

  return (
    <Box as="form" onSubmit={(event) => void handleSubmit(onValid)(event)} display="flex" flexDirection="column" gap={5} padding={6} __maxWidth="960px"
      __paddingBottom={`${LIST_ROOM_PX}px`}>
      <Text as="h1" size={8}>{t("title")}</Text>
      <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
        <Controller control={control} name="channel" render={({ field }) => (
          <RoomBelow>
            <Select label={t("channel")} options={channelOptions} value={field.value}
              onChange={(value) => { channelPicked.current = true; field.onChange(value); }}
              error={Boolean(fieldError("channel") ?? channels.data?.staffChannels.errors[0])}
              helperText={fieldError("channel") ?? channels.data?.staffChannels.errors[0]?.message} />
          </RoomBelow>
        )} />
        <Controller control={control} name="languageCode" render={({ field }) => (
          <RoomBelow>
            <Select label={t("language")} options={LANGUAGES} value={field.value} onChange={(value) => field.onChange(value)} />
          </RoomBelow>
        )} />
      </Box>
      <Text as="h2" size={6}>{t("customer")}</Text>
      <Input label={t("search")} autoFocus value={search} onChange={(event) => setSearch(event.target.value)} />
      {(customers.data?.staffCustomers.customers ?? []).map((customer) => (
        <Button key={customer.id} type="button" variant={values.customerId === customer.id ? "primary" : "secondary"}
          onClick={() => choose(customer)}>
          {describe(customer)}
        </Button>
      ))}
      {opened.data?.staffCustomer.errors[0] && <Text color="critical1">{opened.data.staffCustomer.errors[0].message}</Text>}
      {values.customerId && chosen?.id === values.customerId && (
        <Box display="flex" alignItems="center" justifyContent="space-between" gap={3} padding={3} borderWidth={1}
          borderStyle="solid" borderColor="default1" borderRadius={3} data-testid="chosen-customer">
          <Text>{describe(chosen)}</Text>
          <Button type="button" variant="secondary" size="small" onClick={() => {
            for (const field of ["customerId", "email", "firstName", "lastName", "phone"] as const) setValue(field, "");
          }}>
            {t("newCustomer")}
          </Button>
        </Box>
      )}
      {!values.customerId && (
        <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
          {text("email", "email", { type: "email" })}
          {text("phone", "phone", { type: "tel" })}
          {text("lastName", "lastName")}
          {text("firstName", "firstName")}
          {values.kanaRequired && text("lastNameKana", "lastNameKana")}
          {values.kanaRequired && text("firstNameKana", "firstNameKana")}
        </Box>
      )}
      <Text as="h2" size={6}>{t("address")}</Text>
      <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
        {text("postalCode", "postalCode")}
        {text("countryArea", "countryArea")}
        {text("city", "city")}
        {text("streetAddress1", "street")}
        {text("country", "country")}
      </Box>
      <Text as="h2" size={6}>{t("products")}</Text>
      {lines.fields.map((line, index) => {
        const plans = variants.find((variant) => variant.value === values.lines?.[index]?.variantId)?.plans ?? [];
        const quotedLine = quoted?.lines[index];
        return (
          <Box key={line.id} display="grid" __gridTemplateColumns="2fr 1fr 100px" gap={3}>
            <Controller control={control} name={`lines.${index}.variantId`} render={({ field }) => (
              <RoomBelow>
                <Select label={t("product")} options={variants} value={field.value} onChange={(value) => field.onChange(value)} />
              </RoomBelow>
            )} />
            <Controller control={control} name={`lines.${index}.plan`} render={({ field }) => (
              <RoomBelow>
                <Select label={t("plan")} options={plans.map((plan) => ({ value: plan.code, label: plan.name }))} value={field.value}
                  onChange={(value) => field.onChange(value)} />
              </RoomBelow>
            )} />
            <Controller control={control} name={`lines.${index}.quantity`} render={({ field }) => (
              <Input label={t("quantity")} type="number" min={1} name={field.name} ref={field.ref} value={String(field.value ?? "")}
                onChange={field.onChange} onBlur={field.onBlur}
                error={Boolean(fieldError(`lines.${index}.quantity`))} helperText={fieldError(`lines.${index}.quantity`)} />
            )} />
            {quotedLine && (
              <Text size={2} color="default2">
                {`${t("firstPrice")}: ${quotedLine.firstUnitPrice.formatted} × ${quotedLine.quantity} = ${quotedLine.firstTotal.formatted} · ${t("regularPrice")}: ${quotedLine.regularUnitPrice.formatted}`}
              </Text>
            )}
          </Box>
        );
      })}
      <Button type="button" variant="secondary" onClick={() => lines.append({ variantId: "", plan: "", quantity: 1 })}>{t("addLine")}</Button>
      <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
        <Controller control={control} name="shippingMethodId" render={({ field }) => (
          <RoomBelow>
            <Select label={t("shipping")} value={field.value} onChange={(value) => field.onChange(value)}
              options={(quoted?.shippingMethods ?? []).map((method) => ({ value: method.id, label: `${method.name} ${method.price.formatted}` }))}
              error={Boolean(fieldError("shippingMethodId") ?? noShipping)} helperText={fieldError("shippingMethodId") ?? noShipping} />
          </RoomBelow>
        )} />
        <Controller control={control} name="payment" render={({ field }) => (
          <RoomBelow>
            <Select label={t("payment")} value={field.value} onChange={(value) => field.onChange(value)}
              options={(quoted?.paymentMethods ?? []).map((method) => ({ value: method.name, label: method.label }))}
              error={Boolean(fieldError("payment"))} helperText={fieldError("payment")} />
          </RoomBelow>
        )} />
      </Box>
      {values.payment === CARD && (
        <Box>
          <CardEntry channel={values.channel} email={values.email} onSaved={(id) => setValue("setupIntentId", id, { shouldValidate: true })} />
          {fieldError("setupIntentId") && <Text color="critical1">{fieldError("setupIntentId")}</Text>}
        </Box>
      )}
      {quoted && quoted.errors.length > 0 && <Text color="critical1">{quoted.errors[0].message}</Text>}
      {quoted?.total && (
        <Text size={5}>{`${t("subtotal")} ${quoted.subtotal?.formatted ?? ""} · ${t("shipping")} ${quoted.shipping?.formatted ?? "—"} · ${t("total")} ${quoted.total.formatted}`}</Text>
      )}
      {quoted && quoted.lines.length > 0 && (
        <Box display="flex" flexDirection="column" gap={2} padding={4} borderWidth={1} borderStyle="solid" borderColor="default1" borderRadius={3}>
          <Text as="h2" size={6}>{t("statements")}</Text>
          {quoted.lines.flatMap((line) => line.statements.map((statement, n) => <Text key={`${line.variantId}-${n}`}>{statement}</Text>))}
        </Box>
      )}
      {refusal && <Text color="critical1" role="alert">{refusal.message}</Text>}
      <Button type="submit" disabled={placing}>{placing ? t("placing") : t("place")}</Button>
    </Box>
  );
}
