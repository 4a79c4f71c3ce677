/** The staff API's phone order operations (typed by graphql-codegen from schema.graphql). */
import { graphql } from "../../gql";

/** What the page shows of a Saleor customer and fills the form from. */
export const STAFF_CUSTOMER_FIELDS = graphql(`
  fragment StaffCustomerFields on StaffCustomer {
    id
    email
    firstName
    lastName
    phone
    languageCode
    defaultShippingAddress
  }
`);

export const STAFF_CUSTOMERS = graphql(`
  query StaffCustomers($search: String!) {
    staffCustomers(search: $search) {
      customers {
        ...StaffCustomerFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STAFF_CUSTOMER = graphql(`
  query StaffCustomer($id: ID!) {
    staffCustomer(id: $id) {
      customer {
        ...StaffCustomerFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STAFF_PRODUCTS = graphql(`
  query StaffProducts($channel: String!, $search: String!) {
    staffProducts(channel: $channel, search: $search) {
      currency
      products {
        id
        name
        plans {
          code
          name
        }
        variants {
          id
          name
          sku
          price {
            amount
            formatted
          }
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

export const PHONE_ORDER_QUOTE = graphql(`
  query StaffPhoneOrderQuote($input: PhoneOrderInput!) {
    staffPhoneOrderQuote(input: $input) {
      currency
      lines {
        variantId
        name
        planName
        quantity
        firstUnitPrice {
          amount
          formatted
        }
        firstTotal {
          amount
          formatted
        }
        regularUnitPrice {
          amount
          formatted
        }
        statements
      }
      shippingMethods {
        id
        name
        price {
          amount
          formatted
        }
      }
      paymentMethods {
        name
        label
      }
      subtotal {
        amount
        formatted
      }
      shipping {
        amount
        formatted
      }
      total {
        amount
        formatted
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const PHONE_ORDER_PLACE = graphql(`
  mutation StaffPhoneOrderPlace($input: PhoneOrderInput!, $idempotencyKey: String!) {
    staffPhoneOrderPlace(input: $input, idempotencyKey: $idempotencyKey) {
      orderId
      orderNumber
      subscriptions {
        id
        status
        plan
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STAFF_CHANNELS = graphql(`
  query StaffChannels {
    staffChannels {
      channels {
        slug
        name
        currencyCode
        countryCode
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
