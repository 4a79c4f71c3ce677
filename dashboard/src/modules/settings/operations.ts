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
    paymentMethods {
      channel
      methods
    }
  }
`);

export const SHOP_SETTINGS = graphql(`
  query ShopSettings {
    shopSettings {
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
