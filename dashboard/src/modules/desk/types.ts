/** The staff API's subscription shapes the desk reads, as generated from the app's schema. */
import type { SubscriptionRowFieldsFragment, SubscriptionStatus } from "../../gql/graphql";

export type { SubscriptionStatus };

export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  "TRIALING",
  "ACTIVE",
  "PAUSED",
  "PAST_DUE",
  "CANCELLED",
  "COMPLETED",
];

export type SubscriptionRow = SubscriptionRowFieldsFragment;
