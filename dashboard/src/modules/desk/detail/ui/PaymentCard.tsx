import { Box, Text } from "@saleor/macaw-ui";
import { useT } from "../../../i18n/i18n";
import { NewCardEdit } from "../../edits/ui/NewCardEdit";
import { PaymentMethodEdit } from "../../edits/ui/PaymentEdits";
import { Card } from "../../ui/Card";
import { paymentKey } from "../../ui/paymentLabel";
import { useOpenSubscription } from "../context";
import type { PaymentMethod } from "../operations";

/** "Visa •••• 4242, expires 04/2030", or the method's name (the API's label: a plug-in's too). */
export function usePaymentText() {
  const t = useT();
  return (method: PaymentMethod | null | undefined, fallback: string) => {
    const kind = method?.kind ?? fallback;
    if (kind.toLowerCase() === "card" && method?.last4) {
      const brand = method.brand ?? "";
      if (!method.expMonth || !method.expYear) return t("desk.detail.cardTextNoExpiry", { brand, last4: method.last4 });
      const expiry = String(method.expMonth).padStart(2, "0") + "/" + method.expYear;
      return t("desk.detail.cardText", { brand, last4: method.last4, expiry });
    }
    if (method?.label) return method.label;
    const key = paymentKey(kind);
    return key ? t(key) : kind;
  };
}

export function PaymentCard() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const text = usePaymentText();
  return (
    <Card title={t("desk.detail.payment")}>
      <Text>{text(detail.paymentMethod, detail.subscription?.payment ?? "")}</Text>
      <Box display="flex" gap={2} flexWrap="wrap">
        <NewCardEdit />
        <PaymentMethodEdit current={detail.paymentMethod?.kind ?? detail.subscription?.payment} choices={detail.paymentMethodChoices} />
      </Box>
    </Card>
  );
}
