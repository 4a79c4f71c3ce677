/** One subscription whole (`staffSubscription`, MANAGE_ORDERS). */
import { gql } from "urql";
import type { StaffError } from "../../refusal/refusal";
import { ROW_FIELDS } from "../list/operations";
import type { Money, SubscriptionRow } from "../types";

export type DetailLine = {
  id: string;
  variantId: string;
  quantity: number;
  planVersion: number;
  nextUnitPrice: Money | null;
  priceOverride: string | null;
  productName: string | null;
  variantName: string | null;
  planName: string | null;
};

export type PaymentMethod = {
  kind: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
};

export type Renewal = {
  cycle: number;
  state: string;
  scheduledFor: string;
  orderId: string | null;
  orderNumber: string | null;
  amount: Money | null;
  attempts: number;
  problem: string | null;
  paymentStatus: string | null;
  canConfirmPayment: boolean;
};

export type DeskEvent = { type: string; actor: string; actorId: string; at: string; data: string };
export type Mail = { kind: string; status: string; subject: string; at: string };

export type SubscriptionDetail = {
  subscription: SubscriptionRow | null;
  customerName: string | null;
  lines: DetailLine[];
  upcomingDeliveries: string[];
  paymentMethod: PaymentMethod | null;
  shippingAddress: string | null;
  renewals: Renewal[];
  events: DeskEvent[];
  mails: Mail[];
  problems: string[];
  allowedOverrides: string[];
  deletionEffects: string[];
  errors: StaffError[];
};

export type StaffSubscriptionData = { staffSubscription: SubscriptionDetail };

const MONEY = "amount currency formatted";

export const STAFF_SUBSCRIPTION = gql<StaffSubscriptionData, { id: string }>`
  query StaffSubscription($id: ID!) {
    staffSubscription(id: $id) {
      subscription {
        ${ROW_FIELDS}
      }
      customerName
      lines {
        id
        variantId
        quantity
        planVersion
        nextUnitPrice { ${MONEY} }
        priceOverride
        productName
        variantName
        planName
      }
      upcomingDeliveries
      paymentMethod {
        kind
        brand
        last4
        expMonth
        expYear
      }
      shippingAddress
      renewals {
        cycle
        state
        scheduledFor
        orderId
        orderNumber
        amount { ${MONEY} }
        attempts
        problem
        paymentStatus
        canConfirmPayment
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
      deletionEffects
      errors {
        field
        code
        message
      }
    }
  }
`;
