/** The staff API's subscription shapes the desk reads (hand-typed until codegen lands). */

export const SUBSCRIPTION_STATUSES = ["TRIALING", "ACTIVE", "PAUSED", "PAST_DUE", "CANCELLED", "COMPLETED"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export type Money = { amount: string; currency: string; formatted?: string };

export type SubscriptionRow = {
  id: string;
  status: SubscriptionStatus;
  email: string;
  customerId: string;
  channel: string;
  currency: string;
  plan: string;
  nextDelivery: string | null;
  deliveries: number;
  payment: string;
  needsAttention: boolean;
};
