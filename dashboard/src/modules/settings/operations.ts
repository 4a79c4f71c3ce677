/** The shop settings page's staff API: read, save (errors { field code message }), and public holidays. */
import { graphql } from "../../gql";

export const SHOP_SETTINGS_FIELDS = graphql(`
  fragment ShopSettingsFields on ShopSettings {
    timeZone
    defaultLanguage
    changeCutoffDays
    orderLeadDays
    renewalWindowStartHour
    renewalWindowHours
    closedWeekdays
    closedDays {
      date
      reason
    }
    retryOffsetsDays
    afterLastRetry
    renewalOrders
    senderName
    senderAddress
    senderEmail
    invoiceRegistrationNumber
    merchantEmail
    merchantNotifications
    reminderDays
    offerCooldownDays
    cancellationMethod {
      language
      text
    }
    bankTransferDetails {
      language
      text
    }
    invoiceMessage {
      language
      text
    }
    paymentMethods {
      channel
      methods
    }
    bankTransferViaStripe
  }
`);

export const SHOP_SETTINGS = graphql(`
  query ShopSettings {
    shopSettings {
      shop {
        ...ShopSettingsFields
      }
      paymentMethodChoices {
        name
        label
      }
      channels {
        slug
        name
        currency
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SHOP_SETTINGS_UPDATE = graphql(`
  mutation ShopSettingsUpdate($input: ShopSettingsInput!) {
    shopSettingsUpdate(input: $input) {
      shop {
        ...ShopSettingsFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const PUBLIC_HOLIDAYS = graphql(`
  query PublicHolidays($year: Int!, $country: String, $language: String) {
    publicHolidays(year: $year, country: $country, language: $language) {
      holidays {
        date
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

export const STRIPE_ACCOUNT_FIELDS = graphql(`
  fragment StripeAccountFields on StripeAccountStatus {
    source
    configured
    livemode
    accountId
    accountName
    connectedAccount
    publishableKey
    secretKeyLast4
    webhookSecretLast4
    checkedAt
    webhookUrl
  }
`);

export const STRIPE_ACCOUNT = graphql(`
  query StripeAccount {
    stripeAccount {
      account {
        ...StripeAccountFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STRIPE_ACCOUNT_CONNECT = graphql(`
  mutation StripeAccountConnect($input: StripeAccountInput!) {
    stripeAccountConnect(input: $input) {
      account {
        ...StripeAccountFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const STRIPE_ACCOUNT_REMOVE = graphql(`
  mutation StripeAccountRemove {
    stripeAccountRemove {
      account {
        ...StripeAccountFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
