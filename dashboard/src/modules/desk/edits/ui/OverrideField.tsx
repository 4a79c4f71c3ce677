import { useT } from "../../../i18n/i18n";
import { useOpenSubscription } from "../../detail/context";
import { overrideAllowed } from "../refusals";
import { CheckboxField } from "./fields";

/** The "override" checkbox, only where the subscription's plan lets staff override `kind`. */
export function OverrideField({ kind, name = "override" }: { kind: "cutoff" | "commitment"; name?: string }) {
  const t = useT();
  const { detail } = useOpenSubscription();
  if (!overrideAllowed(detail.allowedOverrides, kind)) return null;
  return <CheckboxField name={name} label={t(kind === "cutoff" ? "desk.edit.overrideCutoff" : "desk.edit.overrideCommitment")} />;
}
