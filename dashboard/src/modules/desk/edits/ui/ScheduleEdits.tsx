import { useT } from "../../../i18n/i18n";
import { useOpenSubscription } from "../../detail/context";
import { PAUSE, RESCHEDULE, RESUME, SKIP } from "../operations";
import { confirmSchema, pauseSchema, rescheduleSchema, skipSchema } from "../schemas";
import { useSubscriptionChange } from "../useSubscriptionChange";
import { ChangeDialog } from "./ChangeDialog";
import { OverrideField } from "./OverrideField";
import { TextField } from "./fields";

export function RescheduleEdit() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const send = useSubscriptionChange(RESCHEDULE);
  return (
    <ChangeDialog
      label={t("desk.edit.reschedule")}
      title={t("desk.edit.reschedule")}
      description={t("desk.edit.rescheduleHelp")}
      schema={rescheduleSchema}
      defaultValues={{ date: detail.subscription?.nextDelivery ?? "", override: false }}
      submit={send}
      confirm={t("desk.edit.save")}
    >
      <TextField name="date" label={t("desk.edit.date")} type="date" />
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

export function SkipEdit() {
  const t = useT();
  const send = useSubscriptionChange(SKIP);
  return (
    <ChangeDialog
      label={t("desk.edit.skip")}
      title={t("desk.edit.skip")}
      description={t("desk.edit.skipHelp")}
      schema={skipSchema}
      defaultValues={{ override: false }}
      submit={send}
      confirm={t("desk.edit.skip")}
    >
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

export function PauseEdit() {
  const t = useT();
  const send = useSubscriptionChange(PAUSE);
  return (
    <ChangeDialog
      label={t("desk.edit.pause")}
      title={t("desk.edit.pause")}
      description={t("desk.edit.pauseHelp")}
      schema={pauseSchema}
      defaultValues={{ until: "", override: false }}
      submit={({ until, override }) => send({ until: until || null, override })}
      confirm={t("desk.edit.pause")}
    >
      <TextField name="until" label={t("desk.edit.pauseUntil")} type="date" helperText={t("desk.edit.pauseUntilHelp")} />
      <OverrideField kind="CUTOFF" />
    </ChangeDialog>
  );
}

export function ResumeEdit() {
  const t = useT();
  const send = useSubscriptionChange(RESUME);
  return (
    <ChangeDialog
      label={t("desk.edit.resume")}
      title={t("desk.edit.resume")}
      description={t("desk.edit.resumeHelp")}
      schema={confirmSchema}
      defaultValues={{}}
      submit={() => send({})}
      confirm={t("desk.edit.resume")}
      triggerVariant="primary"
    />
  );
}
