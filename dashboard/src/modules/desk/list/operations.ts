/** The list's one query (`staffSubscriptions`, MANAGE_ORDERS). */
import { gql } from "urql";
import type { StaffError } from "../../refusal/refusal";
import type { SubscriptionRow } from "../types";
import type { ListVariables } from "./filters";

export type StaffSubscriptionsData = {
  staffSubscriptions: {
    subscriptions: SubscriptionRow[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null } | null;
    errors: StaffError[];
  };
};

export const ROW_FIELDS = `
  id
  status
  email
  customerId
  channel
  currency
  plan
  nextDelivery
  deliveries
  payment
  needsAttention
`;

export const STAFF_SUBSCRIPTIONS = gql<StaffSubscriptionsData, ListVariables>`
  query StaffSubscriptions(
    $search: String
    $status: [SubscriptionStatus!]
    $channel: String
    $nextFrom: Date
    $nextTo: Date
    $needsAttention: Boolean
    $first: Int
    $after: String
  ) {
    staffSubscriptions(
      search: $search
      status: $status
      channel: $channel
      nextFrom: $nextFrom
      nextTo: $nextTo
      needsAttention: $needsAttention
      first: $first
      after: $after
    ) {
      subscriptions {
        ${ROW_FIELDS}
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      errors {
        field
        code
        message
      }
    }
  }
`;
