/** The list's one query (`staffSubscriptions`, MANAGE_ORDERS) and the row every desk page shows. */
import { graphql } from "../../../gql";

export const SUBSCRIPTION_ROW = graphql(`
  fragment SubscriptionRowFields on SubscriptionRow {
    id
    status
    email
    customerName
    customerId
    channel
    currency
    plan
    planName
    nextDelivery
    deliveries
    payment
    paymentLabel
    needsAttention
  }
`);

export const STAFF_SUBSCRIPTIONS = graphql(`
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
        ...SubscriptionRowFields
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
`);
