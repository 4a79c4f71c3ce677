/** The subscription's shipping address, which the API gives as a JSON string of Saleor's address fields. */

export type Address = Partial<
  Record<
    | "firstName"
    | "lastName"
    | "companyName"
    | "streetAddress1"
    | "streetAddress2"
    | "city"
    | "cityArea"
    | "postalCode"
    | "country"
    | "countryArea"
    | "phone",
    string
  >
>;

export function parseAddress(json: string | null | undefined): Address | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object") return null;
    const address = value as Record<string, unknown>;
    // Saleor's country is {code, country} in some payloads, a plain code in others.
    const country = address.country;
    const code = typeof country === "object" && country ? (country as { code?: string }).code : country;
    return { ...(address as Address), country: typeof code === "string" ? code : undefined };
  } catch {
    return null;
  }
}

/** The address as lines to print, Japanese order (postal code first) for JP. */
export function addressLines(address: Address): string[] {
  const name = [address.lastName, address.firstName].filter(Boolean).join(" ");
  const street = [address.streetAddress1, address.streetAddress2].filter(Boolean).join(" ");
  const lines =
    address.country === "JP"
      ? [address.postalCode && `〒${address.postalCode}`, [address.countryArea, address.city, address.cityArea].filter(Boolean).join(""), street, name]
      : [name, address.companyName, street, [address.city, address.countryArea, address.postalCode].filter(Boolean).join(", "), address.country];
  return [...lines, address.phone].filter((line): line is string => Boolean(line));
}
