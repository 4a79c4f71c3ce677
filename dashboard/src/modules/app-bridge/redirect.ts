/** Opening Dashboard pages from the app (App Bridge `redirect`). */
import { actions, useAppBridge } from "@saleor/app-sdk/app-bridge";
import { useCallback, useEffect } from "react";
import { onNavigate } from "../routing/navigation";

/** The Dashboard path of a Saleor order. */
export const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

/** The Dashboard path of one of this app's pages (APP_PROTOCOL §7.5), e.g. from a widget. */
export const appPagePath = (appId: string, path: string) => `/extensions/app/${encodeURIComponent(appId)}${path}`;

/** `redirect(to)` asks the Dashboard to show its page `to`. */
export function useDashboardRedirect() {
  const { appBridge } = useAppBridge();
  return useCallback(
    (to: string) => {
      void appBridge?.dispatch(actions.Redirect({ to }));
    },
    [appBridge],
  );
}

/** `open(url)` asks the Dashboard to open an address outside it in a new tab (e.g. an invoice PDF to print). */
export function useNewTab() {
  const { appBridge } = useAppBridge();
  return useCallback(
    (url: string) => {
      void appBridge?.dispatch(actions.Redirect({ to: url, newContext: true }));
    },
    [appBridge],
  );
}

/** Opens `path` of this app as a Dashboard page (a widget's link out of its small frame). */
export function useAppPageRedirect() {
  const { appBridge } = useAppBridge();
  const redirect = useDashboardRedirect();
  return useCallback(
    (path: string) => {
      const appId = appBridge?.getState().id;
      if (appId) redirect(appPagePath(appId, path));
    },
    [appBridge, redirect],
  );
}

/**
 * Keeps the Dashboard's address on the app page the operator moved to (App Bridge `updateRouting`), so that
 * reloading the Dashboard or sharing its link opens that page again.
 */
export function useDashboardRouteSync() {
  const { appBridge } = useAppBridge();
  useEffect(
    () => onNavigate((path) => void appBridge?.dispatch(actions.UpdateRouting({ newRoute: path }))),
    [appBridge],
  );
}
