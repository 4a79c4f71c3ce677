/** Every change an operator makes to a subscription: one staff mutation each, answering `errors { field code message }`. */
import { graphql } from "../../../gql";

export const SKIP = graphql(`
  mutation StaffSubscriptionSkip($id: ID!, $override: Boolean) {
    staffSubscriptionSkip(id: $id, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const CHANGE_ANSWER = graphql(`
  fragment ChangeAnswer on SubscriptionChangePayload {
    subscription {
      id
      status
      nextDelivery
    }
    errors {
      field
      code
      message
    }
  }
`);

export const RESCHEDULE = graphql(`
  mutation StaffSubscriptionReschedule($id: ID!, $date: Date!, $override: Boolean) {
    staffSubscriptionReschedule(id: $id, date: $date, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const QUANTITY = graphql(`
  mutation StaffSubscriptionQuantity($id: ID!, $lineId: ID!, $quantity: Int!, $override: Boolean) {
    staffSubscriptionQuantity(id: $id, lineId: $lineId, quantity: $quantity, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const VARIANT = graphql(`
  mutation StaffSubscriptionVariant($id: ID!, $lineId: ID!, $variantId: ID!, $override: Boolean) {
    staffSubscriptionVariant(id: $id, lineId: $lineId, variantId: $variantId, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const PLAN = graphql(`
  mutation StaffSubscriptionPlan($id: ID!, $plan: String!, $override: Boolean) {
    staffSubscriptionPlan(id: $id, plan: $plan, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const LINE_ADD = graphql(`
  mutation StaffSubscriptionLineAdd($id: ID!, $variantId: ID!, $quantity: Int!, $override: Boolean) {
    staffSubscriptionLineAdd(id: $id, variantId: $variantId, quantity: $quantity, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const LINE_REMOVE = graphql(`
  mutation StaffSubscriptionLineRemove($id: ID!, $lineId: ID!, $override: Boolean) {
    staffSubscriptionLineRemove(id: $id, lineId: $lineId, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const PRICE = graphql(`
  mutation StaffSubscriptionPrice($id: ID!, $lineId: ID!, $price: Decimal, $reason: String) {
    staffSubscriptionPrice(id: $id, lineId: $lineId, price: $price, reason: $reason) {
      ...ChangeAnswer
    }
  }
`);

export const ADDRESS = graphql(`
  mutation StaffSubscriptionAddress($id: ID!, $shippingAddress: AddressInput!, $override: Boolean) {
    staffSubscriptionAddress(id: $id, shippingAddress: $shippingAddress, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const SHIPPING = graphql(`
  mutation StaffSubscriptionShipping($id: ID!, $shippingMethodId: ID!, $override: Boolean) {
    staffSubscriptionShipping(id: $id, shippingMethodId: $shippingMethodId, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const PAUSE = graphql(`
  mutation StaffSubscriptionPause($id: ID!, $until: Date, $override: Boolean) {
    staffSubscriptionPause(id: $id, until: $until, override: $override) {
      ...ChangeAnswer
    }
  }
`);

export const RESUME = graphql(`
  mutation StaffSubscriptionResume($id: ID!) {
    staffSubscriptionResume(id: $id) {
      ...ChangeAnswer
    }
  }
`);

export const CANCEL = graphql(`
  mutation StaffSubscriptionCancel($id: ID!, $atPeriodEnd: Boolean!, $override: Boolean, $reason: String) {
    staffSubscriptionCancel(id: $id, atPeriodEnd: $atPeriodEnd, override: $override, reason: $reason) {
      ...ChangeAnswer
    }
  }
`);

export const RENEW_NOW = graphql(`
  mutation StaffSubscriptionRenewNow($id: ID!) {
    staffSubscriptionRenewNow(id: $id) {
      ...ChangeAnswer
    }
  }
`);

export const PAYMENT_METHOD = graphql(`
  mutation StaffSubscriptionPaymentMethod($id: ID!, $method: String!) {
    staffSubscriptionPaymentMethod(id: $id, method: $method) {
      ...ChangeAnswer
    }
  }
`);

export const PAYMENT_RECEIVED = graphql(`
  mutation StaffSubscriptionPaymentReceived($id: ID!, $cycle: Int!) {
    staffSubscriptionPaymentReceived(id: $id, cycle: $cycle) {
      ...ChangeAnswer
    }
  }
`);

export const DELETE = graphql(`
  mutation StaffSubscriptionDelete($id: ID!) {
    staffSubscriptionDelete(id: $id) {
      deleted
      saleorDraftsDeleted
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SHIPPING_METHODS = graphql(`
  query StaffShippingMethods($id: ID!) {
    staffShippingMethods(id: $id) {
      shippingMethods {
        id
        name
        price {
          amount
          currency
        }
      }
      current
      errors {
        field
        code
        message
      }
    }
  }
`);

export const PRODUCT_CHOICES = graphql(`
  query DeskProductChoices($channel: String!, $search: String!) {
    staffProducts(channel: $channel, search: $search) {
      products {
        id
        name
        variants {
          id
          name
          sku
          price {
            amount
            currency
          }
        }
        plans {
          code
          name
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
