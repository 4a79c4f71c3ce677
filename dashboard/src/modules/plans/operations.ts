/** What the plan editor and the product widget ask the staff API (MANAGE_PRODUCTS). */
import { graphql } from "../../gql";

export const STAFF_PLAN_PRODUCT = graphql(`
  query StaffPlanProduct($productId: ID!) {
    staffPlanProduct(productId: $productId) {
      productId
      name
      subscribable
      variantIds
      variants {
        id
        name
      }
      channels {
        slug
        name
        currencyCode
      }
      plans {
        code
        version
        isArchived
        terms
        subscribers
        subscribersOnOlderVersions
      }
      paymentMethodChoices {
        name
        label
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STAFF_PLAN_PREVIEW = graphql(`
  query StaffPlanPreview($productId: ID!, $terms: JSONString!, $code: String) {
    staffPlanPreview(productId: $productId, terms: $terms, code: $code) {
      channels {
        channel
        channelName
        currency
        statements
        plan {
          name
          trial {
            deliveries
            freeDays
            price {
              formatted
            }
          }
          firstDeliveryPrice {
            formatted
          }
          price {
            formatted
          }
          priceSteps {
            fromDelivery
            price {
              formatted
            }
          }
          tiers {
            minQuantity
            unitPrice {
              formatted
            }
          }
          upcomingDeliveries
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

export const PLAN_CREATE = graphql(`
  mutation PlanCreate($productId: ID!, $code: String!, $terms: JSONString!) {
    planCreate(productId: $productId, code: $code, terms: $terms) {
      plan {
        code
        version
        subscribers
        subscribersOnOlderVersions
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const PLAN_UPDATE = graphql(`
  mutation PlanUpdate($code: String!, $terms: JSONString!) {
    planUpdate(code: $code, terms: $terms) {
      plan {
        code
        version
        subscribers
        subscribersOnOlderVersions
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const PRODUCT_SUBSCRIPTION_SET = graphql(`
  mutation ProductSubscriptionSet($productId: ID!, $subscribable: Boolean!, $variantIds: [ID!]) {
    productSubscriptionSet(productId: $productId, subscribable: $subscribable, variantIds: $variantIds) {
      product {
        subscribable
        variantIds
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STAFF_PLAN_MOVE = graphql(`
  query StaffPlanMove($code: String!) {
    staffPlanMove(code: $code) {
      version
      noticeDays
      earliestEffectiveOn
      subscribers {
        id
        email
        status
        version
        nextDelivery
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const PLAN_MOVE_SUBSCRIBERS = graphql(`
  mutation PlanMoveSubscribers($code: String!, $effectiveOn: Date!) {
    planMoveSubscribers(code: $code, effectiveOn: $effectiveOn) {
      effectiveOn
      notified
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STAFF_VARIANTS = graphql(`
  query StaffVariants($search: String!) {
    staffVariants(search: $search) {
      variants {
        id
        name
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
