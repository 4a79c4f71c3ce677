/** The phone order form's schema (zod) and how its values become the staff API's PhoneOrderInput. */
import { z } from "zod";

/** The payment method taken by a card typed into Stripe Elements (staffCardSetup); the others are the quote's. */
export const CARD = "card";

const line = z.object({
  variantId: z.string().min(1, "required"),
  plan: z.string().min(1, "required"),
  quantity: z.coerce.number().int().min(1, "at_least_one"),
});

export const orderSchema = z
  .object({
    channel: z.string().min(1, "required"),
    languageCode: z.string().min(1),
    customerId: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    firstNameKana: z.string(),
    lastNameKana: z.string(),
    phone: z.string(),
    streetAddress1: z.string().min(1, "required"),
    city: z.string(),
    postalCode: z.string().min(1, "required"),
    countryArea: z.string(),
    country: z.string().length(2, "country"),
    shippingMethodId: z.string(),
    lines: z.array(line).min(1, "required"),
    payment: z.string().min(1, "required"), // a method's name, one of the quote's paymentMethods
    setupIntentId: z.string(),
    kanaRequired: z.boolean(),
  })
  .superRefine((values, context) => {
    const missing = (path: string) => context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: "required" });
    if (!values.customerId) {
      if (!z.string().email().safeParse(values.email).success) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: ["email"], message: "email" });
      }
      if (!values.firstName.trim()) missing("firstName");
      if (!values.lastName.trim()) missing("lastName");
      if (values.kanaRequired && !values.firstNameKana.trim()) missing("firstNameKana");
      if (values.kanaRequired && !values.lastNameKana.trim()) missing("lastNameKana");
    }
    if (values.payment === CARD && !values.setupIntentId) missing("setupIntentId");
  });

export type OrderValues = z.infer<typeof orderSchema>;
/** The form's values as typed, before the schema coerces them (zod 4: a coerced number comes in as anything). */
export type OrderInputValues = z.input<typeof orderSchema>;

export const emptyOrder = (channel = "", languageCode = "JA"): OrderValues => ({
  channel,
  languageCode,
  customerId: "",
  email: "",
  firstName: "",
  lastName: "",
  firstNameKana: "",
  lastNameKana: "",
  phone: "",
  streetAddress1: "",
  city: "",
  postalCode: "",
  countryArea: "",
  country: "JP",
  shippingMethodId: "",
  lines: [{ variantId: "", plan: "", quantity: 1 }],
  payment: "cod",
  setupIntentId: "",
  kanaRequired: true,
});

type SaleorAddress = Partial<Record<"firstName" | "lastName" | "streetAddress1" | "city" | "postalCode" | "countryArea" | "phone", string>> & {
  country?: { code?: string } | string;
};

function parseAddress(json: string | null | undefined): SaleorAddress {
  try {
    return json ? (JSON.parse(json) as SaleorAddress) : {};
  } catch {
    return {};
  }
}

/** The form's values for a customer found in Saleor: their id, language and default shipping address. */
export function customerValues(customer: { id: string; email: string; languageCode: string; defaultShippingAddress?: string | null }) {
  const address = parseAddress(customer.defaultShippingAddress);
  const country = typeof address.country === "string" ? address.country : address.country?.code;
  return {
    customerId: customer.id,
    email: customer.email,
    languageCode: customer.languageCode || "JA",
    firstName: address.firstName ?? "",
    lastName: address.lastName ?? "",
    phone: address.phone ?? "",
    streetAddress1: address.streetAddress1 ?? "",
    city: address.city ?? "",
    postalCode: address.postalCode ?? "",
    countryArea: address.countryArea ?? "",
    country: country || "JP",
  } satisfies Partial<OrderValues>;
}

/** The channel whose country is the customer's (a Japanese caller orders in the yen channel), else the first. */
export function channelFor(channels: { slug: string; countryCode: string }[], country?: string | null): string | undefined {
  return channels.find((channel) => country && channel.countryCode === country)?.slug ?? channels[0]?.slug;
}

/** Kana (フリガナ) is asked where the channel sells in yen. */
export const needsKana = (currency: string | null | undefined) => currency === "JPY";

/** The staff API's PhoneOrderInput for the form's values (an existing customer, or a new one). */
export function toPhoneOrderInput(values: OrderValues) {
  const newCustomer = values.customerId
    ? null
    : {
        email: values.email.trim(),
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        firstNameKana: values.firstNameKana.trim() || null,
        lastNameKana: values.lastNameKana.trim() || null,
        phone: values.phone.trim() || null,
        languageCode: values.languageCode,
      };
  return {
    channel: values.channel,
    languageCode: values.languageCode,
    customerId: values.customerId || null,
    newCustomer,
    shippingAddress: {
      firstName: values.firstName.trim() || null,
      lastName: values.lastName.trim() || null,
      streetAddress1: values.streetAddress1.trim(),
      city: values.city.trim() || null,
      postalCode: values.postalCode.trim(),
      countryArea: values.countryArea.trim() || null,
      country: values.country.trim().toUpperCase(),
      phone: values.phone.trim() || null,
    },
    shippingMethodId: values.shippingMethodId || null,
    lines: values.lines.filter((l) => l.variantId && l.plan).map((l) => ({ ...l, quantity: Number(l.quantity) })),
    payment: values.payment,
    setupIntentId: values.payment === CARD ? values.setupIntentId || null : null,
  };
}

/** Whether the order can be quoted yet: at least one complete line and an address to ship to. */
export function quotable(values: OrderValues): boolean {
  return (
    Boolean(values.channel) &&
    values.lines.some((l) => l.variantId && l.plan && Number(l.quantity) > 0) &&
    Boolean(values.postalCode.trim() && values.country.trim().length === 2)
  );
}

/**
 * One idempotency key per submission attempt: kept while the same order is retried (a double click,
 * a timeout), replaced once the order changed after a refusal, since the app answers a key as it did the first time.
 */
export function keyFor(previous: { key: string; input: string } | null, input: unknown, make: () => string) {
  const serialized = JSON.stringify(input);
  return previous && previous.input === serialized ? previous : { key: make(), input: serialized };
}

/**
 * Whether a refusal leaves the submission open: the app did not finish it (busy, Saleor or Stripe out of
 * reach, no answer), so a retry must send the same key and resumes it. Any other refusal is final and
 * undone in Saleor: the next submit is a new order with a new key.
 */
export const retriesWithSameKey = (code: string) => ["BUSY", "SALEOR_UNAVAILABLE", "STRIPE_UNAVAILABLE", "NETWORK"].includes(code);

/** The API's field paths (`lines.0.quantity`, `newCustomer.email`) as the form's field names. */
export function formField(field: string | null | undefined): string | null {
  if (!field) return null;
  if (field.startsWith("newCustomer.")) return field.slice("newCustomer.".length);
  if (field.startsWith("shippingAddress.")) return field.slice("shippingAddress.".length);
  return field;
}
