import type { MessageKey } from "../../i18n/messages";

const KINDS = ["card", "cod", "konbini", "bank_transfer"] as const;

/** The words for a payment kind (`card`, `cod`, `konbini`, `bank_transfer`); an unknown kind as it came. */
export function paymentKey(kind: string): MessageKey | null {
  const normal = kind.toLowerCase();
  return (KINDS as readonly string[]).includes(normal) ? (`desk.payment.${normal}` as MessageKey) : null;
}
