/** The staff API's card operations: a SetupIntent for a card typed by the operator, then a subscription's card. */
import { gql } from "urql";
import type { StaffError } from "../refusal/refusal";

export type CardSetupData = {
  staffCardSetup: { setupIntentId: string | null; clientSecret: string | null; publishableKey: string | null; errors: StaffError[] };
};

export const CARD_SETUP = gql<CardSetupData, { channel: string; email: string; subscriptionId?: string | null }>`
  mutation StaffCardSetup($channel: String!, $email: String!, $subscriptionId: ID) {
    staffCardSetup(channel: $channel, email: $email, subscriptionId: $subscriptionId) {
      setupIntentId
      clientSecret
      publishableKey
      errors {
        field
        code
        message
      }
    }
  }
`;

export type SubscriptionCardData = {
  staffSubscriptionCard: { subscription: { id: string; payment: string } | null; errors: StaffError[] };
};

export const SUBSCRIPTION_CARD = gql<SubscriptionCardData, { id: string; setupIntentId: string }>`
  mutation StaffSubscriptionCard($id: ID!, $setupIntentId: String!) {
    staffSubscriptionCard(id: $id, setupIntentId: $setupIntentId) {
      subscription {
        id
        payment
      }
      errors {
        field
        code
        message
      }
    }
  }
`;
