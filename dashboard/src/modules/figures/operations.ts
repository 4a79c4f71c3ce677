/** The staff API's figures and exports (typed by graphql-codegen from schema.graphql). */
import { graphql } from "../../gql";

export const FIGURE_CHANNELS = graphql(`
  query FigureChannels {
    subscriptionFigureChannels {
      channels {
        slug
        currency
      }
      today
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SUBSCRIPTION_FIGURES = graphql(`
  query SubscriptionFigures($channel: String!, $from: Date!, $to: Date!, $period: FigurePeriod) {
    subscriptionFigures(channel: $channel, from: $from, to: $to, period: $period) {
      upToDate
      currency
      active
      subscribers
      paused
      mrr {
        amount
      }
      trialMrr {
        amount
      }
      discountMrr {
        amount
      }
      arr {
        amount
      }
      periods {
        start
        end
        new
        churnedVoluntary
        churnedInvoluntary
        paused
        reactivated
        churnRate
        mrrNew {
          amount
        }
        mrrExpansion {
          amount
        }
        mrrContraction {
          amount
        }
        mrrChurn {
          amount
        }
        mrrNet {
          amount
        }
      }
      churnReasons {
        reason
        label
        count
      }
      forecast {
        days
        renewals
        amount {
          amount
        }
      }
      explanations {
        figure
        text
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SUBSCRIPTION_COHORTS = graphql(`
  query SubscriptionCohorts($channel: String!, $from: Date!, $to: Date!) {
    subscriptionCohorts(channel: $channel, from: $from, to: $to) {
      rows {
        month
        currency
        started
        reached {
          delivery
          count
          share
          notYet
        }
        revenueToDate
        ltv
        ltvProjected
      }
      explanations {
        figure
        text
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SUBSCRIPTION_CONVERSION = graphql(`
  query SubscriptionConversion($channel: String!, $from: Date!, $to: Date!) {
    subscriptionConversion(channel: $channel, from: $from, to: $to) {
      byProduct {
        productId
        started
        converted
        conversionRate
      }
      byFunnel {
        funnelId
        name
        enrolled
        converted
        conversionRate
      }
      retentionSaves {
        attempts
        offersShown
        saved
        saveRate
      }
      explanations {
        figure
        text
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const RENEWAL_RECOVERY = graphql(`
  query RenewalRecovery($channel: String!, $from: Date!, $to: Date!) {
    renewalRecovery(channel: $channel, from: $from, to: $to) {
      currencies {
        currency
        attempted
        firstAttemptSuccessRate
        declined
        recovered
        recoveryRate
        recoveredAmount
        byDeclineReason {
          reason
          declined
          recovered
          recoveryRate
          recoveredAmount
        }
      }
      explanations {
        figure
        text
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const EXPORT_CREATE = graphql(`
  mutation ExportCreate($kind: ExportKind!, $channel: String, $from: Date, $to: Date) {
    exportCreate(kind: $kind, channel: $channel, from: $from, to: $to) {
      url
      errors {
        field
        code
        message
      }
    }
  }
`);
