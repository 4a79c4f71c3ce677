/** The one App Bridge of the page, and its state kept current for React. */
import { AppBridge, useAppBridge, type AppBridgeState } from "@saleor/app-sdk/app-bridge";
import { useEffect, useState } from "react";

/** True when the page runs in the Dashboard's iframe, which names its Saleor in the URL. */
export function insideDashboard(win: Window = window): boolean {
  return win.self !== win.top && new URLSearchParams(win.location.search).has("saleorApiUrl");
}

export function createBridge(): AppBridge {
  return new AppBridge();
}

// The SDK's useAppBridge re-renders on handshake and theme only; a refreshed token or a new locale
// must reach the pages too.
const EVENTS = ["handshake", "tokenRefresh", "theme", "localeChanged"] as const;

/** The bridge's state, re-read on every event that changes what the pages use. */
export function useBridgeState(): AppBridgeState | null {
  const { appBridge } = useAppBridge();
  const [state, setState] = useState(() => appBridge?.getState() ?? null);
  useEffect(() => {
    if (!appBridge) return;
    const update = () => setState(appBridge.getState());
    update();
    const unsubscribes = EVENTS.map((event) => appBridge.subscribe(event, update));
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [appBridge]);
  return state;
}
