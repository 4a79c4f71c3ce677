/** The shop settings form: one card per topic, saved together; the API's refusals show beside their fields. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Box, Button, Checkbox, Input, RadioGroup, Select, Text, Textarea } from "@saleor/macaw-ui";
import { useState } from "react";
import { Controller, useFieldArray, useForm, useWatch, type Control, type FieldError, type FieldErrors } from "react-hook-form";
import { useMutation } from "urql";
import { Card } from "../../desk/ui/Card";
import { useLanguage } from "../../i18n/i18n";
import { RoomBelow } from "../../phone-order/ui/RoomBelow";
import type { StaffError } from "../../refusal/refusal";
import { settingsWords, type SettingsKey } from "../messages";
import { SHOP_SETTINGS_UPDATE } from "../operations";
import {
  channelOptions,
  formField,
  formValues,
  NOTIFICATIONS,
  PAYMENT_METHODS,
  settingsSchema,
  TEXT_LANGUAGES,
  toInput,
  type SaleorChannel,
  type SettingsInputValues,
  type SettingsValues,
} from "../settings-form";
import { DeliveryCalendar } from "./DeliveryCalendar";

type Words = ReturnType<typeof settingsWords>;
type Shop = Parameters<typeof formValues>[0];

/** The error at `path` ("cancellationMethod.ja") in the user's language: ours are message keys, the API's come translated. */
function errorAt(errors: FieldErrors<SettingsInputValues>, path: string, t: Words): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const error = node as FieldError | undefined;
  if (!error?.message) return undefined;
  return error.type === "server" ? error.message : t(error.message as SettingsKey);
}

type FieldProps = { control: Control<SettingsInputValues>; name: string; label: string; t: Words; type?: "text" | "number" | "email" };

function TextInput({ control, name, label, t, type = "text" }: FieldProps) {
  return (
    <Controller control={control} name={name as keyof SettingsInputValues} render={({ field, formState }) => (
      <Input id={`field-${name}`} label={label} type={type} name={field.name} ref={field.ref} value={(field.value as string | number) ?? ""}
        onChange={field.onChange} onBlur={field.onBlur} error={Boolean(errorAt(formState.errors, name, t))}
        helperText={errorAt(formState.errors, name, t)} />
    )} />
  );
}

function TextArea({ control, name, label, t }: FieldProps) {
  return (
    <Controller control={control} name={name as keyof SettingsInputValues} render={({ field, formState }) => (
      <Textarea id={`field-${name}`} label={label} rows={2} name={field.name} ref={field.ref} value={(field.value as string) ?? ""}
        onChange={field.onChange} onBlur={field.onBlur} error={Boolean(errorAt(formState.errors, name, t))}
        helperText={errorAt(formState.errors, name, t)} />
    )} />
  );
}

function Choice({ control, name, label, options, t }: FieldProps & { options: readonly string[] }) {
  return (
    <Controller control={control} name={name as keyof SettingsInputValues} render={({ field, formState }) => (
      <Box display="flex" flexDirection="column" gap={2}>
        <Text size={3} fontWeight="medium">{label}</Text>
        <RadioGroup value={String(field.value)} onValueChange={field.onChange} display="flex" flexDirection="column" gap={2}>
          {options.map((option) => (
            <RadioGroup.Item key={option} id={`${name}-${option}`} value={option}>
              <Text size={3}>{t(option as SettingsKey)}</Text>
            </RadioGroup.Item>
          ))}
        </RadioGroup>
        {errorAt(formState.errors, name, t) && <Text size={2} color="critical1">{errorAt(formState.errors, name, t)}</Text>}
      </Box>
    )} />
  );
}

/** A payment-methods row's channel, picked among the shop's Saleor channels. */
function ChannelPicker({ control, name, label, t, options }: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <Controller control={control} name={name as keyof SettingsInputValues} render={({ field, formState }) => (
      <RoomBelow>
        <Select id={`field-${name}`} label={label} options={options} value={(field.value as string) || null}
          onChange={(value) => field.onChange(value)} error={Boolean(errorAt(formState.errors, name, t))}
          helperText={errorAt(formState.errors, name, t)} />
      </RoomBelow>
    )} />
  );
}

/** `today`: the shop's date, from which closed days still matter (the calendar opens on its month). */
/** `paymentChoices`: the methods the deployment has, plug-ins included (the API's labels); default: the built-in four. */
/** `channels`: the shop's Saleor channels, those payment methods can be set for. */
export function ShopSettingsForm({ shop, today, paymentChoices, channels: saleorChannels }: {
  shop: Shop; today: string; paymentChoices?: { name: string; label: string }[]; channels: SaleorChannel[];
}) {
  const t = settingsWords(useLanguage());
  const form = useForm<SettingsInputValues, unknown, SettingsValues>({ resolver: zodResolver(settingsSchema), defaultValues: formValues(shop) });
  const { control, handleSubmit, setError, reset, getValues, formState } = form;
  const channels = useFieldArray({ control, name: "paymentMethods" });
  const chosen = (useWatch({ control, name: "paymentMethods" }) ?? []).map((row) => row.channel);
  const unused = saleorChannels.filter((channel) => !chosen.includes(channel.slug));
  const [{ fetching }, save] = useMutation(SHOP_SETTINGS_UPDATE);
  const [outcome, setOutcome] = useState<"saved" | StaffError | null>(null);
  const props = { control, t };

  const onValid = async (values: SettingsValues) => {
    setOutcome(null);
    const answer = await save({ input: toInput(values) });
    const payload = answer.data?.shopSettingsUpdate;
    if (!payload) {
      setOutcome({ code: "NETWORK", message: answer.error?.message ?? "" });
      return;
    }
    if (payload.errors.length || !payload.shop) {
      for (const error of payload.errors) {
        const field = formField(error.field, values);
        if (field) setError(field as keyof SettingsInputValues, { type: "server", message: error.message });
      }
      setOutcome(payload.errors[0] ?? null);
      return;
    }
    reset(formValues(payload.shop));
    setOutcome("saved");
  };

  const texts = (name: "cancellationMethod" | "bankTransferDetails" | "invoiceMessage") => (
    <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
      {TEXT_LANGUAGES.map((language) => (
        <TextArea key={language} {...props} name={`${name}.${language}`} label={t(language)} />
      ))}
    </Box>
  );

  return (
    <Box as="form" noValidate onSubmit={(event) => void handleSubmit(onValid)(event)} display="flex" flexDirection="column" gap={5}
      __maxWidth="960px">
      <Card title={t("shop")}>
        <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
          <TextInput {...props} name="timeZone" label={t("timeZone")} />
        </Box>
        <Choice {...props} name="defaultLanguage" label={t("defaultLanguage")} options={TEXT_LANGUAGES} />
      </Card>
      <Card title={t("sender")}>
        <Text size={3} color="default2">{t("senderHelp")}</Text>
        <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
          <TextInput {...props} name="senderName" label={t("senderName")} />
          <TextInput {...props} name="senderEmail" label={t("senderEmail")} type="email" />
        </Box>
        <TextArea {...props} name="senderAddress" label={t("senderAddress")} />
      </Card>
      <Card title={t("calendar")}>
        <Controller control={control} name="closedDays" render={({ field, formState: state }) => (
          <Controller control={control} name="closedWeekdays" render={({ field: weekdays }) => (
            <DeliveryCalendar days={field.value} weekdays={weekdays.value} onDays={field.onChange} onWeekdays={weekdays.onChange}
              today={today} error={errorAt(state.errors, "closedDays", t) ?? errorAt(state.errors, "closedWeekdays", t)} />
          )} />
        )} />
      </Card>
      <Card title={t("deliveries")}>
        <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
          <TextInput {...props} name="reminderDays" label={t("reminderDays")} type="number" />
          <TextInput {...props} name="changeCutoffDays" label={t("changeCutoffDays")} type="number" />
          <TextInput {...props} name="orderLeadDays" label={t("orderLeadDays")} type="number" />
          <TextInput {...props} name="renewalWindowStartHour" label={t("renewalWindowStartHour")} type="number" />
          <TextInput {...props} name="renewalWindowHours" label={t("renewalWindowHours")} type="number" />
        </Box>
        <Choice {...props} name="renewalOrders" label={t("renewalOrders")} options={["draft", "bulk"]} />
        <Text size={3} fontWeight="medium">{t("cancellationMethod")}</Text>
        {texts("cancellationMethod")}
      </Card>
      <Card title={t("payments")}>
        <TextInput {...props} name="retryOffsetsDays" label={t("retryOffsetsDays")} />
        <Choice {...props} name="afterLastRetry" label={t("afterLastRetry")} options={["cancel", "pause"]} />
        <Text size={3} fontWeight="medium">{t("paymentMethods")}</Text>
        {channels.fields.map((row, index) => (
          <Box key={row.id} display="flex" gap={4} alignItems="center" flexWrap="wrap">
            <Box __width="240px">
              <ChannelPicker {...props} name={`paymentMethods.${index}.channel`} label={t("channel")}
                options={channelOptions(saleorChannels, chosen, index)} />
            </Box>
            <Controller control={control} name={`paymentMethods.${index}.methods`} render={({ field, formState: state }) => (
              <Box display="flex" flexDirection="column" gap={1}>
                <Box display="flex" gap={4}>
                  {(paymentChoices ?? PAYMENT_METHODS.map((name) => ({ name, label: t(name) }))).map(({ name, label }) => (
                    <Checkbox key={name} checked={field.value.includes(name)}
                      onCheckedChange={(checked) => field.onChange(checked === true ? [...field.value, name] : field.value.filter((m) => m !== name))}>
                      <Text size={3}>{label}</Text>
                    </Checkbox>
                  ))}
                </Box>
                {field.value.includes("bank_transfer") && (
                  <Controller control={control} name={`paymentMethods.${index}.viaStripe`} render={({ field: viaStripe }) => (
                    <Checkbox checked={viaStripe.value === true} onCheckedChange={(checked) => viaStripe.onChange(checked === true)}>
                      <Text size={3}>{t("viaStripe")}</Text>
                    </Checkbox>
                  )} />
                )}
                {errorAt(state.errors, `paymentMethods.${index}.methods`, t) && (
                  <Text size={2} color="critical1">{errorAt(state.errors, `paymentMethods.${index}.methods`, t)}</Text>
                )}
              </Box>
            )} />
            <Button type="button" variant="tertiary" onClick={() => channels.remove(index)}>{t("remove")}</Button>
          </Box>
        ))}
        <Box>
          <Button type="button" variant="secondary" disabled={!unused.length}
            onClick={() => channels.append({ channel: unused[0]?.slug ?? "", methods: ["card"], viaStripe: false })}>{t("addChannel")}</Button>
        </Box>
        <Text size={3} fontWeight="medium">{t("bankTransferDetails")}</Text>
        {texts("bankTransferDetails")}
        <TextInput {...props} name="invoiceRegistrationNumber" label={t("invoiceRegistrationNumber")} />
        <Text size={3} fontWeight="medium">{t("invoiceMessage")}</Text>
        {texts("invoiceMessage")}
      </Card>
      <Card title={t("notifications")}>
        <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
          <TextInput {...props} name="merchantEmail" label={t("merchantEmail")} type="email" />
        </Box>
        <Choice {...props} name="merchantNotifications" label={t("merchantNotifications")} options={NOTIFICATIONS} />
      </Card>
      <Box display="flex" gap={3} alignItems="center" position="sticky" bottom={0} paddingY={3} backgroundColor="default1">
        <Button type="submit" disabled={fetching}>{fetching ? t("saving") : t("save")}</Button>
        {outcome === "saved" && !formState.isDirty && <Text size={3} color="success1" role="status">{t("saved")}</Text>}
        {outcome && outcome !== "saved" && (
          <Text size={3} color="critical1" role="alert">{formField(outcome.field, getValues() as SettingsValues) ? t("refused") : outcome.message}</Text>
        )}
      </Box>
    </Box>
  );
}
