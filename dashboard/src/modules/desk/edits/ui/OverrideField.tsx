import type { StaffOverride } from "../../../../gql/graphql";
import { useT } from "../../../i18n/i18n";
import { useOpenSubscription } from "../../detail/context";
import { overrideAllowed } from "../refusals";
import { CheckboxField } from "./fields";

/** The "override" checkbox, only where the subscription's plan lets staff override `kind`. */
export function OverrideField({ kind }: { kind: StaffOverride }) {
  const t = useT();
  const { detail } = useOpenSubscription();
  if (!overrideAllowed(detail.allowedOverrides, kind)) return null;
  return <CheckboxField name="override" label={t(kind === "CUTOFF" ? "desk.edit.overrideCutoff" : "desk.edit.overrideCommitment")} />;
}
