/**
 * Where "take a new card" plugs in: the card module (src/modules/cards, Stripe Elements + `staffSubscriptionCard`)
 * renders its form through `NewCardFormContext`; until it does, the payment card offers no such action.
 */
import { createContext, type ReactNode } from "react";

export type NewCardFormProps = {
  subscriptionId: string;
  customerId: string;
  channel: string;
  /** Called once the card is saved and the subscription renews with it. */
  onSaved: () => void;
  onCancel: () => void;
};

export const NewCardFormContext = createContext<((props: NewCardFormProps) => ReactNode) | null>(null);
