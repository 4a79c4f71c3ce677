/** Which page a path under the app's `/dashboard` shows (the Dashboard may drop the trailing slash). */

export type Route = "subscriptions" | "phone-order" | "not-found";

export const BASE_PATH = "/dashboard";

export function routeFor(pathname: string): Route {
  const inner = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  const path = inner.replace(/\/+$/, "");
  switch (path) {
    case "":
    case "/subscriptions":
      return "subscriptions";
    case "/phone-order":
      return "phone-order";
    default:
      return "not-found";
  }
}
