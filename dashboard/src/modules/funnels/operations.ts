/** The staff API's step-mail operations (typed by graphql-codegen from schema.graphql). */
import { graphql } from "../../gql";
import type { FunnelFieldsFragment } from "../../gql/graphql";

export type FunnelNode = FunnelFieldsFragment;

export const FUNNEL_FIELDS = graphql(`
  fragment FunnelFields on FunnelNode {
    id
    name
    isActive
    triggerProductId
    targetProductId
    targetPlan
    targetVariantId
    offerPercentOff
    voucherCode
    steps {
      position
      delayDays
      texts {
        language
        subject
        body
      }
    }
    figures {
      enrolled
      converted
      unsubscribed
      conversionRate
      steps {
        position
        delayDays
        sent
        clicked
        converted
        conversionRate
      }
    }
  }
`);

export const FUNNELS = graphql(`
  query Funnels {
    funnels {
      funnels {
        ...FunnelFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_CREATE = graphql(`
  mutation FunnelCreate($funnel: JSONString!) {
    funnelCreate(funnel: $funnel) {
      funnel {
        ...FunnelFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_UPDATE = graphql(`
  mutation FunnelUpdate($id: ID!, $funnel: JSONString!) {
    funnelUpdate(id: $id, funnel: $funnel) {
      funnel {
        ...FunnelFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_PAUSE = graphql(`
  mutation FunnelPause($id: ID!) {
    funnelPause(id: $id) {
      funnel {
        ...FunnelFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_RESUME = graphql(`
  mutation FunnelResume($id: ID!) {
    funnelResume(id: $id) {
      funnel {
        ...FunnelFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_DELETE = graphql(`
  mutation FunnelDelete($id: ID!) {
    funnelDelete(id: $id) {
      deleted
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_STEP_PREVIEW = graphql(`
  query FunnelStepPreview($language: String!, $subject: String!, $body: String!, $offerPercentOff: String, $voucherCode: String) {
    funnelStepPreview(language: $language, subject: $subject, body: $body, offerPercentOff: $offerPercentOff, voucherCode: $voucherCode) {
      subject
      text
      html
      language
      errors {
        field
        code
        message
      }
    }
  }
`);

export const FUNNEL_PRODUCTS = graphql(`
  query FunnelProducts($search: String, $ids: [ID!]) {
    funnelProducts(search: $search, ids: $ids) {
      products {
        id
        name
        variants {
          id
          name
          subscribable
        }
        plans {
          code
          name
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

export const FUNNEL_TEST_SEND = graphql(`
  mutation FunnelTestSend($to: String!, $language: String!, $draft: FunnelStepDraftInput!) {
    mailTestSend(to: $to, language: $language, draft: $draft) {
      sent
      errors {
        field
        code
        message
      }
    }
  }
`);
