/** Moving between the app's pages inside the iframe, keeping the Dashboard's query (saleorApiUrl, id, theme…). */
import { useSyncExternalStore } from "react";
import { BASE_PATH, routeFor, type Route } from "./routes";

const CHANGE = "app:navigate";

/** The URL for an in-app `path`; the Dashboard's own parameters stay, the page's context ids go. */
export function hrefFor(path: string, search: string = window.location.search): string {
  const query = new URLSearchParams(search);
  query.delete("customerId");
  query.delete("orderId");
  query.delete("productId");
  query.delete("plan");
  const rest = query.toString();
  return `${BASE_PATH}${path}${rest ? `?${rest}` : ""}`;
}

/** Shows the page at `path` (an in-app path such as `/subscriptions/12`). */
export function navigate(path: string): void {
  window.history.pushState(null, "", hrefFor(path));
  window.dispatchEvent(new CustomEvent<string>(CHANGE, { detail: path }));
}

/** Calls `listener` with the in-app path each time the operator moves to another page; answers the unsubscribe. */
export function onNavigate(listener: (path: string) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<string>).detail);
  window.addEventListener(CHANGE, handle);
  return () => window.removeEventListener(CHANGE, handle);
}

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

/** The page for the iframe's current URL, followed as the operator moves around. */
export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const [pathname, search = ""] = url.split("?");
  return routeFor(pathname, search ? `?${search}` : "");
}
