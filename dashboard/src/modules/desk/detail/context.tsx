import { createContext, useContext } from "react";
import type { SubscriptionDetail } from "./operations";

/** The subscription on the page, for the change dialogs inside it; `refresh` reloads it after a change. */
export type OpenSubscription = { id: string; detail: SubscriptionDetail; refresh: () => void };

export const SubscriptionContext = createContext<OpenSubscription | null>(null);

export function useOpenSubscription(): OpenSubscription {
  const open = useContext(SubscriptionContext);
  if (!open) throw new Error("useOpenSubscription outside a subscription page");
  return open;
}
