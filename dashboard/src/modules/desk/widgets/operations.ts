/** What the two Dashboard widgets ask: a customer's subscriptions, and the subscription behind an order. */
import { gql } from "urql";
import type { StaffError } from "../../refusal/refusal";
import type { SubscriptionRow } from "../types";
import { ROW_FIELDS } from "../list/operations";

export type CustomerSubscriptionsData = {
  staffSubscriptions: { subscriptions: SubscriptionRow[]; errors: StaffError[] };
};

export const CUSTOMER_SUBSCRIPTIONS = gql<CustomerSubscriptionsData, { customer: string }>`
  query CustomerSubscriptions($customer: ID!) {
    staffSubscriptions(customer: $customer, first: 20) {
      subscriptions {
        ${ROW_FIELDS}
      }
      errors {
        field
        code
        message
      }
    }
  }
`;

export type OrderSubscriptionData = {
  staffOrderSubscription: {
    subscription: SubscriptionRow | null;
    cycle: number | null;
    role: string | null;
    errors: StaffError[];
  };
};

export const ORDER_SUBSCRIPTION = gql<OrderSubscriptionData, { orderId: string }>`
  query OrderSubscription($orderId: ID!) {
    staffOrderSubscription(orderId: $orderId) {
      subscription {
        ${ROW_FIELDS}
      }
      cycle
      role
      errors {
        field
        code
        message
      }
    }
  }
`;
