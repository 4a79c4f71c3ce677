/** The shop's plans, as the staff API gives them (needs MANAGE_PRODUCTS). */
import { graphql } from "../../gql";

export const STAFF_PLANS = graphql(`
  query StaffPlans {
    staffPlans {
      plans {
        code
        productId
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
