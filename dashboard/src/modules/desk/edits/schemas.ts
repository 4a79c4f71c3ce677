/** What each change form accepts before anything is sent; messages are the desk's message keys. */
import { z } from "zod";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = z.string().regex(ISO_DATE, "desk.form.dateRequired");
const optionalDate = z.union([z.literal(""), date]);
const reason = z.string().trim().min(1, "desk.form.reasonRequired").max(500, "desk.form.tooLong");
const override = z.boolean();
const saleorId = z.string().trim().min(1, "desk.form.required");

const wholeNumber = (minimum: number) =>
  z.coerce
    .number({ error: "desk.form.number" })
    .int("desk.form.wholeNumber")
    .min(minimum, minimum === 1 ? "desk.form.atLeastOne" : "desk.form.notNegative");

/** A change with nothing to fill in: the dialog only confirms it. */
export const confirmSchema = z.object({});

export const quantitySchema = z.object({ quantity: wholeNumber(1), override });
export const variantSchema = z.object({ variantId: saleorId, override });
export const planSchema = z.object({ plan: z.string().trim().min(1, "desk.form.required"), override });
export const lineAddSchema = z.object({ variantId: saleorId, quantity: wholeNumber(1), override });

/** A per-subscriber unit price: a non-negative amount with at most the currency's decimals, and why. */
export function priceSchema(decimals: number) {
  const pattern = decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`) : /^\d+$/;
  return z.object({
    price: z.string().trim().regex(pattern, decimals > 0 ? "desk.form.price" : "desk.form.priceWhole"),
    reason,
  });
}

export const backToPlanPriceSchema = z.object({ reason });

export const rescheduleSchema = z.object({ date, override });
export const skipSchema = z.object({ override });

export const pauseSchema = z.object({ until: optionalDate, override });

export const cancelSchema = z.object({
  when: z.enum(["now", "period_end"], { error: "desk.form.required" }),
  reason: z.string().trim().max(500, "desk.form.tooLong"),
  override,
});

export const deleteSchema = z.object({ confirmed: z.literal(true, { error: "desk.form.confirmDelete" }) });

export const paymentMethodSchema = z.object({
  method: z.string({ error: "desk.form.required" }).min(1, "desk.form.required"),
});

export const shippingSchema = z.object({ shippingMethodId: z.string().min(1, "desk.form.required"), override });

export const addressSchema = z.object({
  firstName: z.string().trim().max(256, "desk.form.tooLong"),
  lastName: z.string().trim().max(256, "desk.form.tooLong"),
  streetAddress1: z.string().trim().min(1, "desk.form.required").max(256, "desk.form.tooLong"),
  streetAddress2: z.string().trim().max(256, "desk.form.tooLong"),
  city: z.string().trim().max(256, "desk.form.tooLong"),
  countryArea: z.string().trim().max(128, "desk.form.tooLong"),
  postalCode: z.string().trim().min(1, "desk.form.required").max(20, "desk.form.tooLong"),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "desk.form.country")
    .transform((value) => value.toUpperCase()),
  phone: z.string().trim().max(32, "desk.form.tooLong"),
  override,
});

/** The currency's number of decimals (JPY 0, USD 2), as the browser knows it. */
export function currencyDecimals(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
