import { Box, Button, Modal, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { CardEntry } from "../../../cards/ui/CardEntry";
import { SUBSCRIPTION_CARD } from "../../../cards/operations";
import { useT } from "../../../i18n/i18n";
import type { StaffError } from "../../../refusal/refusal";
import { Refusal } from "../../../refusal/ui/Refusal";
import { useOpenSubscription } from "../../detail/context";
import { useSubscriptionChange } from "../useSubscriptionChange";

/**
 * "Take a new card": the operator types the card into Stripe Elements (the cards module, a SetupIntent on the
 * customer's Stripe customer); once Stripe saved it, renewals are charged to it.
 */
export function NewCardEdit() {
  const t = useT();
  const { id, detail } = useOpenSubscription();
  const sendCard = useSubscriptionChange(SUBSCRIPTION_CARD);
  const [open, setOpen] = useState(false);
  const [refusals, setRefusals] = useState<StaffError[]>([]);
  const row = detail.subscription;
  if (!row) return null;

  const saved = async (setupIntentId: string) => {
    const errors = await sendCard({ setupIntentId });
    setRefusals(errors);
    if (!errors.length) setOpen(false);
  };

  return (
    <Modal
      open={open}
      onChange={(next) => {
        setOpen(next);
        setRefusals([]);
      }}
    >
      <Modal.Trigger>
        <Button variant="secondary" size="small" type="button">
          {t("desk.edit.newCard")}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Box position="fixed" inset={0} __backgroundColor="rgba(0, 0, 0, 0.4)" display="flex" alignItems="center" justifyContent="center">
          <Box
            display="flex"
            flexDirection="column"
            gap={4}
            padding={6}
            borderRadius={4}
            backgroundColor="default1"
            boxShadow="defaultModal"
            __width="min(520px, calc(100vw - 32px))"
          >
            <Text as="h2" size={6} fontWeight="bold">
              {t("desk.edit.newCard")}
            </Text>
            <Text color="default2">{t("desk.edit.newCardHelp")}</Text>
            <CardEntry channel={row.channel} email={row.email} subscriptionId={id} onSaved={saved} />
            {refusals.map((error, index) => (
              <Refusal key={index} error={error} />
            ))}
            <Box display="flex" justifyContent="flex-end">
              <Modal.Close>
                <Button variant="secondary" type="button">
                  {t("desk.edit.back")}
                </Button>
              </Modal.Close>
            </Box>
          </Box>
        </Box>
      </Modal.Content>
    </Modal>
  );
}
