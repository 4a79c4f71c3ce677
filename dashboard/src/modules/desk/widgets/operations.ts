/** What the two Dashboard widgets ask: a customer's subscriptions, and the subscription behind an order. */
import { graphql } from "../../../gql";

export const CUSTOMER_SUBSCRIPTIONS = graphql(`
  query CustomerSubscriptions($customer: ID!) {
    staffSubscriptions(customer: $customer, first: 20) {
      subscriptions {
        ...SubscriptionRowFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ORDER_SUBSCRIPTION = graphql(`
  query OrderSubscription($orderId: ID!) {
    staffOrderSubscription(orderId: $orderId) {
      subscription {
        ...SubscriptionRowFields
      }
      cardWait
      cycle
      role
      invoiceUrl
      errors {
        field
        code
        message
      }
    }
  }
`);
