/** The "Stripe account" section: which account the shop is paid into, its keys entered (checked by Stripe), replaced or removed. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Box, Button, Input, RadioGroup, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import type { StripeAccountFieldsFragment } from "../../../gql/graphql";
import { Card } from "../../desk/ui/Card";
import { QueryProblem } from "../../desk/ui/QueryProblem";
import { useLanguage } from "../../i18n/i18n";
import type { StaffError } from "../../refusal/refusal";
import { STRIPE_ACCOUNT, STRIPE_ACCOUNT_CONNECT, STRIPE_ACCOUNT_REMOVE } from "../operations";
import { EMPTY, KEY_FIELDS, STRIPE_EVENTS, stripeAccountSchema, stripeWords, toInput, type StripeAccountValues, type StripeWordKey } from "../stripe-account";

type Words = ReturnType<typeof stripeWords>;
const FIELDS = [...KEY_FIELDS, "connectedAccount"] as const;

function Status({ account, t }: { account: StripeAccountFieldsFragment; t: Words }) {
  const rows: [StripeWordKey, string][] = [];
  if (account.source !== "ENVIRONMENT") {
    rows.push(["account", [account.accountName, account.connectedAccount ?? account.accountId].filter(Boolean).join(" · ")]);
    if (account.secretKeyLast4) rows.push(["secretKeyShown", `•••• ${account.secretKeyLast4}`]);
    if (account.webhookSecretLast4) rows.push(["webhookSecretShown", `•••• ${account.webhookSecretLast4}`]);
  }
  if (account.configured) rows.push(["mode", t(account.livemode ? "live" : "test")]);
  rows.push(["webhookUrl", account.webhookUrl], ["webhookEvents", STRIPE_EVENTS.join(", ")]);
  const source = { ENVIRONMENT: "environment", OWN: "own", CONNECT: "connect" } as const;
  return (
    <Box display="flex" flexDirection="column" gap={2} data-testid="stripe-status">
      <Text size={4} fontWeight="medium">{account.configured ? t(source[account.source]) : t("notConfigured")}</Text>
      {rows.map(([label, value]) => (
        <Box key={label} display="grid" __gridTemplateColumns="220px 1fr" gap={3}>
          <Text size={3} color="default2">{t(label)}</Text>
          <Text size={3} __wordBreak="break-all">{value}</Text>
        </Box>
      ))}
    </Box>
  );
}

export function StripeAccountCard() {
  const t = stripeWords(useLanguage());
  const [{ data, fetching: loading, error }] = useQuery({ query: STRIPE_ACCOUNT });
  const [{ fetching }, connect] = useMutation(STRIPE_ACCOUNT_CONNECT);
  const [{ fetching: removing }, remove] = useMutation(STRIPE_ACCOUNT_REMOVE);
  const [shown, setShown] = useState<StripeAccountFieldsFragment | null>(null);
  const [outcome, setOutcome] = useState<"saved" | "removed" | StaffError | null>(null);
  const { control, handleSubmit, setError, reset } = useForm<StripeAccountValues>({
    resolver: zodResolver(stripeAccountSchema), defaultValues: EMPTY,
  });
  const kind = useWatch({ control, name: "kind" });
  const account = shown ?? data?.stripeAccount.account;
  if (!account) return <QueryProblem fetching={loading} error={error} refusal={data?.stripeAccount.errors[0]} />;

  const answered = (payload: { account?: StripeAccountFieldsFragment | null; errors: StaffError[] } | null | undefined, done: "saved" | "removed",
                    networkError?: string) => {
    if (!payload) return setOutcome({ code: "NETWORK", message: networkError ?? "" });
    if (payload.errors.length || !payload.account) {
      for (const refusal of payload.errors) {
        const field = FIELDS.find((name) => name === refusal.field);
        if (field) setError(field, { type: "server", message: refusal.message });
      }
      return setOutcome(payload.errors[0] ?? null);
    }
    setShown(payload.account);
    reset({ ...EMPTY, kind }); // secrets never stay in the page
    setOutcome(done);
  };
  const onValid = async (values: StripeAccountValues) => {
    setOutcome(null);
    const answer = await connect({ input: toInput(values) });
    answered(answer.data?.stripeAccountConnect, "saved", answer.error?.message);
  };
  const onRemove = async () => {
    setOutcome(null);
    const answer = await remove({});
    answered(answer.data?.stripeAccountRemove, "removed", answer.error?.message);
  };
  const input = (name: (typeof FIELDS)[number], secret = false) => (
    <Controller key={name} control={control} name={name} render={({ field, fieldState }) => {
      const problem = fieldState.error && (fieldState.error.type === "server" ? fieldState.error.message : t(fieldState.error.message as StripeWordKey));
      return (
        <Input id={`stripe-${name}`} label={t(name)} type={secret ? "password" : "text"} autoComplete="off" spellCheck={false}
          name={field.name} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur}
          error={Boolean(problem)} helperText={problem} />
      );
    }} />
  );

  return (
    <Card title={t("title")}>
      <Text size={3} color="default2">{t("help")}</Text>
      <Status account={account} t={t} />
      <Box as="form" noValidate display="flex" flexDirection="column" gap={3} data-testid="stripe-form"
        onSubmit={(event) => void handleSubmit(onValid)(event)}>
        <Controller control={control} name="kind" render={({ field }) => (
          <RadioGroup value={field.value} onValueChange={field.onChange} display="flex" gap={4}>
            {(["keys", "connect"] as const).map((option) => (
              <RadioGroup.Item key={option} id={`stripe-kind-${option}`} value={option}>
                <Text size={3}>{t(option)}</Text>
              </RadioGroup.Item>
            ))}
          </RadioGroup>
        )} />
        {kind === "keys" ? (
          <Box display="grid" __gridTemplateColumns="1fr 1fr" gap={3}>
            {input("secretKey", true)}
            {input("publishableKey")}
            {input("webhookSecret", true)}
          </Box>
        ) : (
          <Box __maxWidth="50%">{input("connectedAccount")}</Box>
        )}
        <Box display="flex" gap={3} alignItems="center" flexWrap="wrap">
          <Button type="submit" variant="secondary" disabled={fetching}>{fetching ? t("saving") : t("save")}</Button>
          {account.source !== "ENVIRONMENT" && (
            <Button type="button" variant="tertiary" disabled={removing} onClick={() => void onRemove()}>{t("remove")}</Button>
          )}
          {(outcome === "saved" || outcome === "removed") && <Text size={3} color="success1" role="status">{t(outcome)}</Text>}
          {outcome && typeof outcome === "object" && (
            <Text size={3} color="critical1" role="alert">{outcome.message}</Text>
          )}
        </Box>
      </Box>
    </Card>
  );
}
