/** Refusals shown in place: the one naming a field of the form under that field, the rest above the buttons. */
import type { StaffOverride } from "../../../gql/graphql";
import type { StaffError } from "../../refusal/refusal";

export function splitRefusals(
  errors: StaffError[],
  fields: readonly string[],
): { byField: [string, StaffError][]; general: StaffError[] } {
  const byField: [string, StaffError][] = [];
  const general: StaffError[] = [];
  for (const error of errors) {
    if (error.field && fields.includes(error.field)) byField.push([error.field, error]);
    else general.push(error);
  }
  return { byField, general };
}

/** Whether the detail lets staff override `kind` (`cutoff`, `commitment`) for this subscription. */
export function overrideAllowed(allowedOverrides: readonly StaffOverride[], kind: StaffOverride): boolean {
  return allowedOverrides.includes(kind);
}
