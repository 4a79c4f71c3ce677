import { Box, Text } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import { useDashboardRedirect } from "../../app-bridge/redirect";
import { useT } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import { STAFF_PLANS } from "../plans-query";

/** The Dashboard path of a Saleor product. */
export const productPath = (productId: string) => `/products/${encodeURIComponent(productId)}`;

/** The shop's plans by code and current version, each opening its product in the Dashboard, or why they cannot be shown. */
export function PlansList() {
  const t = useT();
  const redirect = useDashboardRedirect();
  const [{ data, fetching, error }] = useQuery({ query: STAFF_PLANS });
  const refusal = data?.staffPlans.errors[0];
  const plans = data?.staffPlans.plans ?? [];

  let body;
  if (fetching) body = <Text color="default2">{t("plans.loading")}</Text>;
  else if (error)
    body = <Refusal error={{ code: "ERROR", message: error.networkError ? t("refusal.network") : error.message }} />;
  else if (refusal) body = <Refusal error={refusal} />;
  else if (plans.length === 0) body = <Text color="default2">{t("plans.empty")}</Text>;
  else
    body = (
      <Box as="ul" display="flex" flexDirection="column" gap={2} padding={0} margin={0}>
        {plans.map((plan) => (
          <Box as="li" key={plan.code} display="flex" gap={3} alignItems="baseline">
            <Text
              as="a"
              href={productPath(plan.productId)}
              fontWeight="medium"
              color="accent1"
              onClick={(event) => {
                event.preventDefault();
                redirect(productPath(plan.productId));
              }}
            >
              {plan.code}
            </Text>
            <Text size={2} color="default2">
              {t("plans.version", { version: plan.version })}
            </Text>
          </Box>
        ))}
      </Box>
    );

  return (
    <Box as="section" display="flex" flexDirection="column" gap={3}>
      <Text as="h2" size={6} fontWeight="bold">
        {t("plans.title")}
      </Text>
      {body}
    </Box>
  );
}
