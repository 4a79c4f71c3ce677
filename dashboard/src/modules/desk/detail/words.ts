/** The history's and renewals' codes in the staff's words; a code without words is shown readable as it is. */
import { isMessageKey, type MessageKey } from "../../i18n/messages";

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `t(prefix + code)` when the desk has words for it, else the code made readable. */
function worded(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? t(key) : readable(code);
}

/** `subscription.quantity_changed` → "Quantity changed". */
export function readable(code: string): string {
  const last = code.split(".").pop() ?? code;
  const text = last.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const eventWords = (t: Translate, type: string) => worded(t, "desk.event.", type);
export const renewalStateWords = (t: Translate, state: string) => worded(t, "desk.renewal.", state);
export const mailStatusWords = (t: Translate, status: string) => worded(t, "desk.mail.", status);

/** Who did it: the staff user's e-mail (or the customer's), else staff/customer/Saleor/the app. */
export function actorWords(t: Translate, actor: string, actorId: string): string {
  return actorId || worded(t, "desk.actor.", actor);
}
