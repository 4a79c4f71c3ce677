/** Money and dates as the operator reads them: in the Dashboard's language and the channel's currency. */
import type { Language } from "../i18n/messages";

/** `amount` (a Decimal string or number) in `currency`, with that currency's digits (JPY: none). */
export function formatMoney(amount: string | number, currency: string, language: Language): string {
  return new Intl.NumberFormat(language, { style: "currency", currency }).format(Number(amount));
}

/** A calendar date (`2026-12-05`) as a date in `language`, the same day wherever the browser is. */
export function formatDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** A moment (ISO date-time) as date and time in `language`, in the browser's time zone. */
export function formatDateTime(isoDateTime: string, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(isoDateTime),
  );
}
