/** The staff API's refusals (`errors { code message }`) and the headline each gets on a page. */
import type { MessageKey } from "../i18n/messages";

export type StaffError = {
  field?: string | null;
  code: string;
  message: string;
};

/** The headline for a refusal; the API's own message (already in the user's language) follows it. */
export function refusalTitle(code: string): MessageKey {
  switch (code.toUpperCase()) {
    case "PERMISSION_DENIED":
      return "refusal.permission_denied";
    case "UNAUTHENTICATED":
    case "UNKNOWN_INSTANCE":
      return "refusal.unauthenticated";
    default:
      return "refusal.other";
  }
}
