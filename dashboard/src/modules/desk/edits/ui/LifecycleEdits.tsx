import { Box, Text } from "@saleor/macaw-ui";
import { useT } from "../../../i18n/i18n";
import { navigate } from "../../../routing/navigation";
import { useOpenSubscription } from "../../detail/context";
import { CANCEL, DELETE, RENEW_NOW } from "../operations";
import { cancelSchema, confirmSchema, deleteSchema } from "../schemas";
import { useChange } from "../useChange";
import { useSubscriptionChange } from "../useSubscriptionChange";
import { ChangeDialog } from "./ChangeDialog";
import { OverrideField } from "./OverrideField";
import { CheckboxField, RadioField, TextAreaField } from "./fields";

export function RenewNowEdit() {
  const t = useT();
  const send = useSubscriptionChange(RENEW_NOW);
  return (
    <ChangeDialog
      label={t("desk.edit.renewNow")}
      title={t("desk.edit.renewNow")}
      description={t("desk.edit.renewNowHelp")}
      schema={confirmSchema}
      defaultValues={{}}
      submit={() => send({})}
      confirm={t("desk.edit.renewNow")}
    />
  );
}

export function CancelEdit() {
  const t = useT();
  const send = useSubscriptionChange(CANCEL);
  return (
    <ChangeDialog
      label={t("desk.edit.cancel")}
      title={t("desk.edit.cancel")}
      schema={cancelSchema}
      defaultValues={{ when: "period_end", reason: "", override: false }}
      submit={({ when, reason, override }) => send({ atPeriodEnd: when === "period_end", reason, override })}
      confirm={t("desk.edit.cancel")}
      danger
      triggerVariant="error"
    >
      <RadioField
        name="when"
        label={t("desk.edit.cancelWhen")}
        options={[
          { value: "period_end", label: t("desk.edit.cancelAtPeriodEnd") },
          { value: "now", label: t("desk.edit.cancelNow") },
        ]}
      />
      <TextAreaField name="reason" label={t("desk.edit.cancelReason")} />
      <OverrideField kind="COMMITMENT" />
    </ChangeDialog>
  );
}

/** Deleting says first what happens in Saleor (the API's own list, else the general rule). */
export function DeleteEdit() {
  const t = useT();
  const { id, detail } = useOpenSubscription();
  const remove = useChange(DELETE);
  const effects = detail.deletionEffects;
  return (
    <ChangeDialog
      label={t("desk.edit.delete")}
      title={t("desk.edit.delete")}
      description={
        <Box as="span" display="flex" flexDirection="column" gap={2}>
          <Text as="span">{t("desk.edit.deleteHelp")}</Text>
          <Text as="span" fontWeight="medium">
            {effects?.summary ?? t("desk.edit.deleteDefaultEffect")}
          </Text>
        </Box>
      }
      schema={deleteSchema}
      defaultValues={{ confirmed: false as unknown as true }}
      submit={async () => {
        const { errors } = await remove({ id });
        if (!errors.length) navigate("/subscriptions");
        return errors;
      }}
      confirm={t("desk.edit.delete")}
      danger
      triggerVariant="tertiary"
    >
      <CheckboxField name="confirmed" label={t("desk.edit.deleteConfirm")} />
    </ChangeDialog>
  );
}
