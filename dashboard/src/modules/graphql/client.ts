/** The one client of the app's staff API: every request carries the Dashboard's current token. */
import { Client, cacheExchange, fetchExchange } from "urql";

/** What a staff request needs from App Bridge. */
export type StaffCredentials = {
  token?: string;
  saleorApiUrl: string;
  locale?: string;
};

export const STAFF_API_PATH = "/graphql/";

/** The headers the app's `/graphql/` reads for a Dashboard user (its errors follow Accept-Language). */
export function staffHeaders({ token, saleorApiUrl, locale }: StaffCredentials): Record<string, string> {
  return {
    "Authorization-Bearer": token ?? "",
    "Saleor-Api-Url": saleorApiUrl,
    ...(locale ? { "Accept-Language": locale } : {}),
  };
}

/** A client that reads the credentials at each request, so a refreshed token is used at once. */
export function createStaffClient(credentials: () => StaffCredentials, url: string = STAFF_API_PATH): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: () => ({ headers: staffHeaders(credentials()) }),
  });
}
