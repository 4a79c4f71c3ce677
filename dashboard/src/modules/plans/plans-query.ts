/** The shop's plans, as the staff API gives them (needs MANAGE_PRODUCTS). */
import { gql } from "urql";
import type { StaffError } from "../refusal/refusal";

export type StaffPlansData = {
  staffPlans: {
    plans: { code: string; productId: string; version: number }[];
    errors: StaffError[];
  };
};

export const STAFF_PLANS = gql<StaffPlansData, Record<string, never>>`
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
`;
