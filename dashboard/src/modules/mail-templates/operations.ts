/** The Mail templates tab's staff API: kinds × languages, one template with its versions, draft preview, save, reset. */
import { graphql } from "../../gql";

export const MAIL_TEMPLATE_FIELDS = graphql(`
  fragment MailTemplateFields on MailTemplate {
    kind
    language
    overridden
    current {
      subject
      text
      html
    }
    default {
      subject
      text
      html
    }
    versions {
      number
      isDefault
      subject
      text
      html
      savedBy
      savedAt
    }
  }
`);

export const MAIL_TEMPLATES = graphql(`
  query MailTemplates {
    mailTemplates {
      templates {
        kind
        language
        overridden
        version
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const MAIL_TEMPLATE = graphql(`
  query MailTemplate($kind: String!, $language: String!) {
    mailTemplate(kind: $kind, language: $language) {
      template {
        ...MailTemplateFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const MAIL_TEMPLATE_PREVIEW = graphql(`
  query MailTemplatePreview($kind: String!, $language: String!, $input: MailTemplateInput!) {
    mailTemplatePreview(kind: $kind, language: $language, input: $input) {
      subject
      text
      html
      errors {
        field
        code
        message
      }
    }
  }
`);

export const MAIL_TEMPLATE_SAVE = graphql(`
  mutation MailTemplateSave($kind: String!, $language: String!, $input: MailTemplateInput!) {
    mailTemplateSave(kind: $kind, language: $language, input: $input) {
      template {
        ...MailTemplateFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const MAIL_TEMPLATE_RESET = graphql(`
  mutation MailTemplateReset($kind: String!, $language: String!) {
    mailTemplateReset(kind: $kind, language: $language) {
      template {
        ...MailTemplateFields
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
