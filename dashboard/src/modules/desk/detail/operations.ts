/** One subscription whole (`staffSubscription`, MANAGE_ORDERS). */
import { graphql } from "../../../gql";
import type { StaffSubscriptionQuery } from "../../../gql/graphql";

export const STAFF_SUBSCRIPTION = graphql(`
  query StaffSubscription($id: ID!) {
    staffSubscription(id: $id) {
      subscription {
        ...SubscriptionRowFields
      }
      customerName
      planName
      lines {
        id
        variantId
        quantity
        planVersion
        planName
        nextUnitPrice {
          amount
          currency
        }
        priceOverride
        productName
        variantName
      }
      upcomingDeliveries
      changeDeadline
      paymentMethod {
        kind
        label
        brand
        last4
        expMonth
        expYear
      }
      paymentMethodChoices {
        name
        label
      }
      shippingAddress
      firstOrderId
      startedOn
      renewals {
        cycle
        state
        scheduledFor
        orderId
        orderNumber
        amount {
          amount
          currency
        }
        amountRemaining {
          amount
          currency
        }
        attempts
        problem
        paymentStatus
        canConfirmPayment
        invoiceUrl
      }
      events {
        type
        actor
        actorId
        at
        data
      }
      mails {
        kind
        status
        subject
        at
      }
      problems
      allowedOverrides
      deletionEffects {
        ordersKept
        draftsDeleted
        summary
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export type SubscriptionDetail = StaffSubscriptionQuery["staffSubscription"];
export type DetailLine = SubscriptionDetail["lines"][number];
export type Renewal = SubscriptionDetail["renewals"][number];
export type PaymentMethod = NonNullable<SubscriptionDetail["paymentMethod"]>;
