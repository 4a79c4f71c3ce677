/** The shop settings form: its schema (zod), the API's settings as form values and back, and the API's error fields. */
import { z } from "zod";
import type { ShopSettingsInput } from "../../gql/graphql";

/** The languages of per-language texts, as the API names them. */
export const TEXT_LANGUAGES = ["ja", "en", "zh-hans", "zh-hant"] as const;
export const PAYMENT_METHODS = ["card", "konbini", "cod", "bank_transfer"] as const;
export const NOTIFICATIONS = ["each", "daily", "off"] as const;

const count = (max: number) => z.coerce.number<string | number>().int("whole_number").min(0, "not_negative").max(max, "too_big");
const perLanguage = z.object(Object.fromEntries(TEXT_LANGUAGES.map((language) => [language, z.string()])) as Record<
  (typeof TEXT_LANGUAGES)[number],
  z.ZodString
>);

export const settingsSchema = z.object({
  timeZone: z.string().trim().min(1, "required"),
  defaultLanguage: z.enum(TEXT_LANGUAGES),
  senderName: z.string(),
  senderAddress: z.string(),
  senderEmail: z.string().trim().refine((value) => !value || z.email().safeParse(value).success, "email_invalid"),
  merchantEmail: z.string().trim().refine((value) => !value || z.email().safeParse(value).success, "email_invalid"),
  // 適格請求書発行事業者登録番号: T and 13 digits, or none
  invoiceRegistrationNumber: z.string().trim().refine((value) => !value || /^T[0-9]{13}$/.test(value), "registration_invalid"),
  merchantNotifications: z.enum(NOTIFICATIONS),
  reminderDays: count(30),
  changeCutoffDays: count(60),
  orderLeadDays: count(30),
  renewalWindowStartHour: count(23),
  renewalWindowHours: count(24),
  renewalOrders: z.enum(["draft", "bulk"]),
  retryOffsetsDays: z.string().refine((value) => parseDays(value) !== null, "retry_days"),
  afterLastRetry: z.enum(["cancel", "pause"]),
  cancellationMethod: perLanguage,
  bankTransferDetails: perLanguage,
  invoiceMessage: perLanguage,
  // viaStripe: the channel's bank transfers go to each customer's Stripe virtual account (`bankTransferViaStripe`)
  paymentMethods: z.array(z.object({ channel: z.string().trim().min(1, "required"), methods: z.array(z.string()).min(1, "required"),
    viaStripe: z.boolean() })),
  closedWeekdays: z.array(z.number()),
  closedDays: z.array(z.object({ date: z.string(), reason: z.string() })),
});

export type SettingsValues = z.output<typeof settingsSchema>;
export type SettingsInputValues = z.input<typeof settingsSchema>;
export type ClosedDay = SettingsValues["closedDays"][number];

/** "3, 7, 14" as days (1–60 each, at most five), or null when that is not what was typed. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,、，]+/).filter(Boolean);
  const days = parts.map(Number);
  if (days.length > 5 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 60)) return null;
  return days;
}

type LocalText = { language: string; text: string };
type Shop = Omit<SettingsValues, "cancellationMethod" | "bankTransferDetails" | "invoiceMessage" | "retryOffsetsDays" | "defaultLanguage" |
  "merchantNotifications" | "renewalOrders" | "afterLastRetry" | "paymentMethods"> & {
  paymentMethods: { channel: string; methods: string[] }[];
  bankTransferViaStripe: string[];
  defaultLanguage: string;
  merchantNotifications: string;
  renewalOrders: string;
  afterLastRetry: string;
  retryOffsetsDays: number[];
  cancellationMethod: LocalText[];
  bankTransferDetails: LocalText[];
  invoiceMessage: LocalText[];
};

const byLanguage = (texts: LocalText[]) =>
  Object.fromEntries(TEXT_LANGUAGES.map((language) => [language, texts.find((text) => text.language === language)?.text ?? ""])) as
    SettingsValues["cancellationMethod"];

/** The API's settings (`shopSettings.shop`) as the form's values. */
export function formValues({ bankTransferViaStripe, ...shop }: Shop): SettingsValues {
  return {
    ...shop,
    defaultLanguage: shop.defaultLanguage as SettingsValues["defaultLanguage"],
    merchantNotifications: shop.merchantNotifications as SettingsValues["merchantNotifications"],
    renewalOrders: shop.renewalOrders as SettingsValues["renewalOrders"],
    afterLastRetry: shop.afterLastRetry as SettingsValues["afterLastRetry"],
    retryOffsetsDays: shop.retryOffsetsDays.join(", "),
    cancellationMethod: byLanguage(shop.cancellationMethod),
    bankTransferDetails: byLanguage(shop.bankTransferDetails),
    invoiceMessage: byLanguage(shop.invoiceMessage),
    paymentMethods: shop.paymentMethods.map(({ channel, methods }) => ({
      channel, methods: [...methods], viaStripe: bankTransferViaStripe.includes(channel),
    })),
    closedWeekdays: [...shop.closedWeekdays],
    closedDays: sortDays(shop.closedDays),
  };
}

const texts = (values: SettingsValues["cancellationMethod"]) =>
  TEXT_LANGUAGES.filter((language) => values[language].trim()).map((language) => ({ language, text: values[language].trim() }));

/** A channel of the shop's Saleor (`shopSettings.channels`). */
export type SaleorChannel = { slug: string; name: string; currency: string };

/**
 * The channels a payment-methods row may pick: Saleor's, less those other rows have; a channel saved before Saleor
 * deleted it stays listed (by its slug) for the row that has it.
 */
export function channelOptions(channels: SaleorChannel[], chosen: string[], index: number): { value: string; label: string }[] {
  const others = new Set(chosen.filter((_, row) => row !== index));
  const options = channels.filter((channel) => !others.has(channel.slug))
    .map((channel) => ({ value: channel.slug, label: `${channel.name} (${channel.currency})` }));
  const own = chosen[index];
  return own && !channels.some((channel) => channel.slug === own) ? [...options, { value: own, label: own }] : options;
}

/** The form's values as the `shopSettingsUpdate` input; a language left empty has no text. */
export function toInput(values: SettingsValues): ShopSettingsInput {
  return {
    ...values,
    timeZone: values.timeZone.trim(),
    senderName: values.senderName.trim(),
    senderAddress: values.senderAddress.trim(),
    retryOffsetsDays: parseDays(values.retryOffsetsDays) ?? [],
    cancellationMethod: texts(values.cancellationMethod),
    bankTransferDetails: texts(values.bankTransferDetails),
    invoiceMessage: texts(values.invoiceMessage),
    paymentMethods: values.paymentMethods.map(({ channel, methods }) => ({ channel: channel.trim(), methods })),
    bankTransferViaStripe: values.paymentMethods.filter((row) => row.viaStripe && row.methods.includes("bank_transfer"))
      .map((row) => row.channel.trim()),
    closedWeekdays: [...values.closedWeekdays].sort(),
    closedDays: values.closedDays.map(({ date, reason }) => ({ date, reason })),
  };
}

/**
 * The form field beside which an API error shows: `cancellationMethod.ja` as is, `retryOffsetsDays.1` on the
 * one text field, `paymentMethods.jp.0` on that channel's methods (`paymentMethods.jp.channel` on its channel),
 * a closed day's on the calendar.
 */
export function formField(field: string | null | undefined, values: SettingsValues): string | null {
  if (!field) return null;
  const [name, key, part] = field.split(".");
  switch (name) {
    case "cancellationMethod":
    case "bankTransferDetails":
      return key && (TEXT_LANGUAGES as readonly string[]).includes(key) ? `${name}.${key}` : name;
    case "paymentMethods": {
      const index = values.paymentMethods.findIndex((row) => row.channel.trim() === key);
      return index >= 0 ? `paymentMethods.${index}.${part === "channel" ? "channel" : "methods"}` : "paymentMethods";
    }
    default:
      return name in values ? name : null;
  }
}

const sortDays = (days: ClosedDay[]) => [...days].sort((a, b) => a.date.localeCompare(b.date));

/** The calendar with `day` closed (for `reason`), or opened again if it was closed. */
export function toggleDay(days: ClosedDay[], date: string, reason = ""): ClosedDay[] {
  return days.some((day) => day.date === date) ? days.filter((day) => day.date !== date) : sortDays([...days, { date, reason }]);
}

/** The calendar with `added` closed too; a day closed already keeps its reason. */
export function closeDays(days: ClosedDay[], added: ClosedDay[]): ClosedDay[] {
  const known = new Set(days.map((day) => day.date));
  return sortDays([...days, ...added.filter((day) => !known.has(day.date))]);
}

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** The carriers' year-end closure starting in `year`: 31 December to 3 January. */
export function yearEndClosure(year: number, reason: string): ClosedDay[] {
  return [iso(year, 12, 31), iso(year + 1, 1, 1), iso(year + 1, 1, 2), iso(year + 1, 1, 3)].map((date) => ({ date, reason }));
}

/** The month's days as weeks starting on Monday; null pads the first and last week. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: (first.getUTCDay() + 6) % 7 }, () => null);
  for (let day = 1; day <= length; day++) cells.push(iso(year, month, day));
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** Monday = 0, as the API counts weekdays. */
export function weekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** The month `offset` months from `year`/`month`. */
export function shiftMonth(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The date (YYYY-MM-DD) in `timeZone` at `now`; the browser's own zone when the shop's is unknown to it. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  }
}
