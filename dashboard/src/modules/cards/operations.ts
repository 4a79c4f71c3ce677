/** The staff API's card operations: a SetupIntent for a card typed by the operator, then a subscription's card. */
import { graphql } from "../../gql";

export const CARD_SETUP = graphql(`
  mutation StaffCardSetup($channel: String!, $email: String!, $subscriptionId: ID) {
    staffCardSetup(channel: $channel, email: $email, subscriptionId: $subscriptionId) {
      setupIntentId
      clientSecret
      publishableKey
      stripeAccount
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SUBSCRIPTION_CARD = graphql(`
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
`);
