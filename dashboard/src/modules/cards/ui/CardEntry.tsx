/**
 * A card typed by the operator into Stripe Elements, saved to the customer's Stripe customer through a
 * SetupIntent (off-session use). Card data goes from the iframe to Stripe only; `onSaved` gets the
 * SetupIntent id, which the phone order or the desk's "new card" sends to the app.
 */
import { Elements, CardElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useMutation } from "urql";
import { useLanguage } from "../../i18n/i18n";
import { cardWords } from "../messages";
import { CARD_SETUP } from "../operations";
import { stripeFor } from "../stripe-loader";

type Props = { channel: string; email: string; subscriptionId?: string | null; onSaved: (setupIntentId: string) => void };

export function CardEntry(props: Props) {
  const t = cardWords(useLanguage());
  const [{ fetching }, setup] = useMutation(CARD_SETUP);
  const [intent, setIntent] = useState<{ secret: string; key: string; account?: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    const result = await setup({ channel: props.channel, email: props.email, subscriptionId: props.subscriptionId ?? null });
    const payload = result.data?.staffCardSetup;
    if (!payload || payload.errors.length || !payload.clientSecret || !payload.publishableKey) {
      setError(payload?.errors[0]?.message ?? result.error?.message ?? t("card.failed"));
      return;
    }
    setIntent({ secret: payload.clientSecret, key: payload.publishableKey, account: payload.stripeAccount });
  };

  if (!intent) {
    return (
      <Box display="flex" flexDirection="column" gap={2}>
        <Button type="button" variant="secondary" onClick={start} disabled={fetching || !props.email}>
          {t("card.start")}
        </Button>
        {error && <Text color="critical1">{error}</Text>}
      </Box>
    );
  }
  return (
    <Elements stripe={stripeFor(intent.key, intent.account)} options={{ clientSecret: intent.secret }}>
      <CardForm secret={intent.secret} onSaved={props.onSaved} />
    </Elements>
  );
}

function CardForm({ secret, onSaved }: { secret: string; onSaved: (setupIntentId: string) => void }) {
  const t = cardWords(useLanguage());
  const stripe = useStripe();
  const elements = useElements();
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const card = elements?.getElement(CardElement);
    if (!stripe || !card) return;
    setState("saving");
    setError(null);
    const { setupIntent, error: failure } = await stripe.confirmCardSetup(secret, { payment_method: { card } });
    if (failure || !setupIntent || setupIntent.status !== "succeeded") {
      setState("idle");
      setError(failure?.message ?? t("card.failed"));
      return;
    }
    setState("saved");
    onSaved(setupIntent.id);
  };

  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Text size={2} color="default2">
        {t("card.moto")}
      </Text>
      <Box borderWidth={1} borderStyle="solid" borderColor="default1" borderRadius={3} padding={3}>
        <CardElement options={{ hidePostalCode: true }} />
      </Box>
      {state === "saved" ? (
        <Text color="success1">{t("card.saved")}</Text>
      ) : (
        <Button type="button" onClick={save} disabled={!stripe || state === "saving"}>
          {state === "saving" ? t("card.saving") : t("card.save")}
        </Button>
      )}
      {error && <Text color="critical1">{error}</Text>}
    </Box>
  );
}
