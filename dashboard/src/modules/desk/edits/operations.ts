/** Every change an operator makes to a subscription: one staff mutation each, answering `errors { field code message }`. */
import { gql, type TypedDocumentNode } from "urql";
import type { StaffError } from "../../refusal/refusal";

export type ChangePayload = { errors: StaffError[] } | null;
type Change<K extends string, V> = TypedDocumentNode<Record<K, ChangePayload>, V>;

const ANSWER = `errors { field code message }`;
const SUBSCRIPTION_ANSWER = `subscription { id status nextDelivery } ${ANSWER}`;

type Id = { id: string };
type Override = { override?: boolean };

export const SKIP: Change<"staffSubscriptionSkip", Id & Override> = gql`
  mutation StaffSubscriptionSkip($id: ID!, $override: Boolean) {
    staffSubscriptionSkip(id: $id, override: $override) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const RESCHEDULE: Change<"staffSubscriptionReschedule", Id & Override & { date: string }> = gql`
  mutation StaffSubscriptionReschedule($id: ID!, $date: Date!, $override: Boolean) {
    staffSubscriptionReschedule(id: $id, date: $date, override: $override) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const QUANTITY: Change<"staffSubscriptionQuantity", Id & Override & { lineId: string; quantity: number }> = gql`
  mutation StaffSubscriptionQuantity($id: ID!, $lineId: ID!, $quantity: Int!, $override: Boolean) {
    staffSubscriptionQuantity(id: $id, lineId: $lineId, quantity: $quantity, override: $override) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const VARIANT: Change<"staffSubscriptionVariant", Id & { lineId: string; variantId: string }> = gql`
  mutation StaffSubscriptionVariant($id: ID!, $lineId: ID!, $variantId: ID!) {
    staffSubscriptionVariant(id: $id, lineId: $lineId, variantId: $variantId) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const PLAN: Change<"staffSubscriptionPlan", Id & { plan: string }> = gql`
  mutation StaffSubscriptionPlan($id: ID!, $plan: String!) {
    staffSubscriptionPlan(id: $id, plan: $plan) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const LINE_ADD: Change<"staffSubscriptionLineAdd", Id & { variantId: string; quantity: number }> = gql`
  mutation StaffSubscriptionLineAdd($id: ID!, $variantId: ID!, $quantity: Int!) {
    staffSubscriptionLineAdd(id: $id, variantId: $variantId, quantity: $quantity) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const LINE_REMOVE: Change<"staffSubscriptionLineRemove", Id & { lineId: string }> = gql`
  mutation StaffSubscriptionLineRemove($id: ID!, $lineId: ID!) {
    staffSubscriptionLineRemove(id: $id, lineId: $lineId) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const PRICE: Change<"staffSubscriptionPrice", Id & { lineId: string; price: string | null; reason: string }> = gql`
  mutation StaffSubscriptionPrice($id: ID!, $lineId: ID!, $price: Decimal, $reason: String) {
    staffSubscriptionPrice(id: $id, lineId: $lineId, price: $price, reason: $reason) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export type AddressInput = {
  firstName?: string;
  lastName?: string;
  companyName?: string;
  streetAddress1: string;
  streetAddress2?: string;
  city?: string;
  cityArea?: string;
  postalCode: string;
  country: string;
  countryArea?: string;
  phone?: string;
};

export const ADDRESS: Change<
  "staffSubscriptionAddress",
  Id & { shippingAddress: AddressInput; shippingMethodId?: string | null }
> = gql`
  mutation StaffSubscriptionAddress($id: ID!, $shippingAddress: AddressInput!, $shippingMethodId: ID) {
    staffSubscriptionAddress(id: $id, shippingAddress: $shippingAddress, shippingMethodId: $shippingMethodId) {
      ${SUBSCRIPTION_ANSWER}
    }
  }
`;

export const SHIPPING: Change<"staffSubscriptionShipping", Id & { shippingMethodId: string }> = gql`
  mutation StaffSubscriptionShipping($id: ID!, $shippingMethodId: ID!) {
    staffSubscriptionShipping(id: $id, shippingMethodId: $shippingMethodId) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const PAUSE: Change<"staffSubscriptionPause", Id & Override & { until: string | null }> = gql`
  mutation StaffSubscriptionPause($id: ID!, $until: Date, $override: Boolean) {
    staffSubscriptionPause(id: $id, until: $until, override: $override) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const RESUME: Change<"staffSubscriptionResume", Id> = gql`
  mutation StaffSubscriptionResume($id: ID!) {
    staffSubscriptionResume(id: $id) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const CANCEL: Change<
  "staffSubscriptionCancel",
  Id & { atPeriodEnd: boolean; reason: string; overrideCommitment: boolean }
> = gql`
  mutation StaffSubscriptionCancel($id: ID!, $atPeriodEnd: Boolean!, $reason: String, $overrideCommitment: Boolean) {
    staffSubscriptionCancel(id: $id, atPeriodEnd: $atPeriodEnd, reason: $reason, overrideCommitment: $overrideCommitment) {
      ${SUBSCRIPTION_ANSWER}
    }
  }
`;

export const RENEW_NOW: Change<"staffSubscriptionRenewNow", Id> = gql`
  mutation StaffSubscriptionRenewNow($id: ID!) {
    staffSubscriptionRenewNow(id: $id) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const OFFLINE_METHODS = ["COD", "KONBINI", "BANK_TRANSFER"] as const;
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];

export const PAYMENT_METHOD: Change<"staffSubscriptionPaymentMethod", Id & { method: OfflineMethod }> = gql`
  mutation StaffSubscriptionPaymentMethod($id: ID!, $method: OfflinePayment!) {
    staffSubscriptionPaymentMethod(id: $id, method: $method) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export const PAYMENT_RECEIVED: Change<"staffSubscriptionPaymentReceived", Id & { cycle: number }> = gql`
  mutation StaffSubscriptionPaymentReceived($id: ID!, $cycle: Int!) {
    staffSubscriptionPaymentReceived(id: $id, cycle: $cycle) { ${SUBSCRIPTION_ANSWER} }
  }
`;

export type DeletePayload = { deleted: boolean; saleorDraftsDeleted: number; errors: StaffError[] } | null;

export const DELETE: TypedDocumentNode<{ staffSubscriptionDelete: DeletePayload }, Id> = gql`
  mutation StaffSubscriptionDelete($id: ID!) {
    staffSubscriptionDelete(id: $id) {
      deleted
      saleorDraftsDeleted
      ${ANSWER}
    }
  }
`;

export type ShippingMethod = { id: string; name: string; price: { amount: string; currency: string } | null };

export const SHIPPING_METHODS: TypedDocumentNode<{ staffShippingMethods: ShippingMethod[] | null }, Id> = gql`
  query StaffShippingMethods($id: ID!) {
    staffShippingMethods(id: $id) {
      id
      name
      price { amount currency }
    }
  }
`;
