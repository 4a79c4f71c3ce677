/** Figures as the staff reads them: rates as percentages, the page's default range, explanations by figure. */
import type { Language } from "../i18n/messages";

/** 0.125 → "12.5%" in `language`; nothing to divide by → "–". */
export function formatRate(rate: number | null | undefined, language: Language): string {
  if (rate === null || rate === undefined) return "–";
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

const iso = (day: Date) =>
  `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;

/** The last twelve months: from the first day of the month eleven months back to `today`. */
export function defaultRange(today: Date = new Date()): { from: string; to: string } {
  return { from: iso(new Date(today.getFullYear(), today.getMonth() - 11, 1)), to: iso(today) };
}

/** The API's `[{figure, text}]` as a lookup (a figure without words gets none). */
export function explanationsOf(list: readonly { figure: string; text: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map(({ figure, text }) => [figure, text]));
}
