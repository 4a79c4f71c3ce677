import { Box, Button, Modal, Text } from "@saleor/macaw-ui";
import { useContext, useState } from "react";
import { useT } from "../../../i18n/i18n";
import { PaymentMethodEdit } from "../../edits/ui/PaymentEdits";
import { Card } from "../../ui/Card";
import { paymentKey } from "../../ui/paymentLabel";
import { useOpenSubscription } from "../context";
import { NewCardFormContext } from "../newCard";
import type { PaymentMethod } from "../operations";

/** "Visa •••• 4242, expires 04/2030", or the offline method's name. */
export function usePaymentText() {
  const t = useT();
  return (method: PaymentMethod | null | undefined, fallback: string) => {
    const kind = method?.kind ?? fallback;
    if (kind.toLowerCase() === "card" && method?.last4) {
      const expiry = method.expMonth && method.expYear ? String(method.expMonth).padStart(2, "0") + "/" + method.expYear : "";
      return t("desk.detail.cardText", { brand: method.brand ?? "", last4: method.last4, expiry });
    }
    const key = paymentKey(kind);
    return key ? t(key) : kind;
  };
}

function NewCardAction() {
  const t = useT();
  const renderForm = useContext(NewCardFormContext);
  const { id, detail, refresh } = useOpenSubscription();
  const [open, setOpen] = useState(false);
  const row = detail.subscription;
  if (!renderForm || !row) return null;
  return (
    <Modal open={open} onChange={setOpen}>
      <Modal.Trigger>
        <Button variant="secondary" size="small">
          {t("desk.edit.newCard")}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Box position="fixed" inset={0} __backgroundColor="rgba(0, 0, 0, 0.4)" display="flex" alignItems="center" justifyContent="center">
          <Box padding={6} borderRadius={4} backgroundColor="default1" boxShadow="defaultModal" __width="min(520px, calc(100vw - 32px))">
            {renderForm({
              subscriptionId: id,
              customerId: row.customerId,
              channel: row.channel,
              onSaved: () => {
                setOpen(false);
                refresh();
              },
              onCancel: () => setOpen(false),
            })}
          </Box>
        </Box>
      </Modal.Content>
    </Modal>
  );
}

export function PaymentCard() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const text = usePaymentText();
  return (
    <Card title={t("desk.detail.payment")}>
      <Text>{text(detail.paymentMethod, detail.subscription?.payment ?? "")}</Text>
      <Box display="flex" gap={2} flexWrap="wrap">
        <NewCardAction />
        <PaymentMethodEdit current={detail.paymentMethod?.kind ?? detail.subscription?.payment} />
      </Box>
    </Card>
  );
}
