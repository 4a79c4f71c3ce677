/** The staff API's phone order operations (typed by hand until the codegen lands on main). */
import { gql } from "urql";
import type { StaffError } from "../refusal/refusal";

type Money = { amount: string; formatted: string };

export type CustomersData = {
  staffCustomers: {
    customers: { id: string; email: string; firstName: string; lastName: string; phone: string; languageCode: string }[];
    errors: StaffError[];
  };
};
export const STAFF_CUSTOMERS = gql<CustomersData, { search: string }>`
  query StaffCustomers($search: String!) {
    staffCustomers(search: $search) {
      customers { id email firstName lastName phone languageCode }
      errors { field code message }
    }
  }
`;

export type ProductsData = {
  staffProducts: {
    currency: string | null;
    products: { id: string; name: string; plans: { code: string; name: string }[]; variants: { id: string; name: string; sku: string | null; price: Money | null }[] }[];
    errors: StaffError[];
  };
};
export const STAFF_PRODUCTS = gql<ProductsData, { channel: string; search: string }>`
  query StaffProducts($channel: String!, $search: String!) {
    staffProducts(channel: $channel, search: $search) {
      currency
      products { id name plans { code name } variants { id name sku price { amount formatted } } }
      errors { field code message }
    }
  }
`;

export type QuoteData = {
  staffPhoneOrderQuote: {
    currency: string | null;
    lines: { variantId: string; name: string; planName: string; quantity: number; firstUnitPrice: Money; firstTotal: Money; regularUnitPrice: Money; statements: string[] }[];
    shippingMethods: { id: string; name: string; price: Money }[];
    paymentMethods: string[];
    subtotal: Money | null;
    shipping: Money | null;
    total: Money | null;
    errors: StaffError[];
  };
};
export const PHONE_ORDER_QUOTE = gql<QuoteData, { input: unknown }>`
  query StaffPhoneOrderQuote($input: PhoneOrderInput!) {
    staffPhoneOrderQuote(input: $input) {
      currency
      lines { variantId name planName quantity firstUnitPrice { amount formatted } firstTotal { amount formatted } regularUnitPrice { amount formatted } statements }
      shippingMethods { id name price { amount formatted } }
      paymentMethods
      subtotal { amount formatted }
      shipping { amount formatted }
      total { amount formatted }
      errors { field code message }
    }
  }
`;

export type PlaceData = {
  staffPhoneOrderPlace: {
    orderId: string | null;
    orderNumber: string | null;
    subscriptions: { id: string; status: string; plan: string }[];
    errors: StaffError[];
  };
};
export const PHONE_ORDER_PLACE = gql<PlaceData, { input: unknown; idempotencyKey: string }>`
  mutation StaffPhoneOrderPlace($input: PhoneOrderInput!, $idempotencyKey: String!) {
    staffPhoneOrderPlace(input: $input, idempotencyKey: $idempotencyKey) {
      orderId
      orderNumber
      subscriptions { id status plan }
      errors { field code message }
    }
  }
`;
