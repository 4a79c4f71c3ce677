/** Which page a path under the app's `/dashboard` shows (the Dashboard may drop the trailing slash). */

export type Route =
  | { page: "subscriptions" }
  | { page: "subscription"; id: string }
  | { page: "phone-order" }
  | { page: "settings" }
  | { page: "mail-templates" }
  | { page: "step-mails" }
  | { page: "figures" }
  | { page: "funnel"; id: string | null }
  | { page: "customer-widget"; customerId: string | null }
  | { page: "order-widget"; orderId: string | null }
  | { page: "product-plans"; productId: string | null; plan: string | null }
  | { page: "product-widget"; productId: string | null }
  | { page: "not-found" };

export const BASE_PATH = "/dashboard";

/**
 * The page for `pathname`; widgets read the Dashboard's context id from the query (`customerId`, `orderId`).
 * The Dashboard 3.23 joins a widget's url to `appUrl` keeping both slashes (`/dashboard//widgets/order`).
 */
export function routeFor(pathname: string, search: string = ""): Route {
  const joined = pathname.replace(/\/{2,}/g, "/");
  const inner = joined.startsWith(BASE_PATH) ? joined.slice(BASE_PATH.length) : joined;
  const path = inner.replace(/\/+$/, "");
  const query = new URLSearchParams(search);
  switch (path) {
    case "":
    case "/subscriptions":
      return { page: "subscriptions" };
    case "/phone-order":
      return { page: "phone-order" };
    case "/settings":
      return { page: "settings" };
    case "/mail-templates":
      return { page: "mail-templates" };
    case "/step-mails":
      return { page: "step-mails" };
    case "/figures":
      return { page: "figures" };
    case "/step-mails/new":
      return { page: "funnel", id: null };
    case "/widgets/customer":
      return { page: "customer-widget", customerId: query.get("customerId") };
    case "/widgets/order":
      return { page: "order-widget", orderId: query.get("orderId") };
    case "/products/plans":
      return { page: "product-plans", productId: query.get("productId"), plan: query.get("plan") };
    case "/widgets/product":
      return { page: "product-widget", productId: query.get("productId") };
  }
  const detail = /^\/subscriptions\/([^/]+)$/.exec(path);
  if (detail) return { page: "subscription", id: decodeURIComponent(detail[1]) };
  const funnel = /^\/step-mails\/([0-9]+)$/.exec(path);
  if (funnel) return { page: "funnel", id: funnel[1] };
  return { page: "not-found" };
}

/** The in-app path of a subscription's page. */
export function subscriptionPath(id: string): string {
  return `/subscriptions/${encodeURIComponent(id)}`;
}

/** The in-app path of a product's plan editor (the Dashboard gives a product's more-actions entry `productId` this way). */
export function productPlansPath(productId: string, plan?: string): string {
  const query = new URLSearchParams({ productId, ...(plan ? { plan } : {}) });
  return `/products/plans?${query}`;
}

/** The in-app path of a funnel's editor (`null`: a new funnel). */
export function funnelPath(id: string | null): string {
  return `/step-mails/${id === null ? "new" : encodeURIComponent(id)}`;
}
