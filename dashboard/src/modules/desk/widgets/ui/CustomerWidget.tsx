import { Box, Button, Text } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import { useAppPageRedirect } from "../../../app-bridge/redirect";
import { useLanguage, useT } from "../../../i18n/i18n";
import { subscriptionPath } from "../../../routing/routes";
import { formatDate } from "../../format";
import { DashboardLink } from "../../ui/AppLink";
import { QueryProblem } from "../../ui/QueryProblem";
import { StatusPill } from "../../ui/StatusPill";
import { CUSTOMER_SUBSCRIPTIONS } from "../operations";
import { WidgetFrame } from "./WidgetFrame";

/** On the Dashboard's customer page: their subscriptions, each a link, and a new phone order for them. */
export function CustomerWidget({ customerId }: { customerId: string | null }) {
  const t = useT();
  const language = useLanguage();
  const openAppPage = useAppPageRedirect();
  const [{ data, fetching, error }] = useQuery({
    query: CUSTOMER_SUBSCRIPTIONS,
    variables: { customer: customerId ?? "" },
    pause: !customerId,
  });
  const result = data?.staffSubscriptions;
  if (!customerId) return <WidgetFrame><Text color="default2">{t("desk.widget.noContext")}</Text></WidgetFrame>;
  return (
    <WidgetFrame>
      <QueryProblem fetching={fetching && !result} error={error} refusal={result?.errors[0]} />
      {result && !result.errors.length && (
        result.subscriptions.length ? (
          <Box as="ul" display="flex" flexDirection="column" gap={2} margin={0} padding={0} listStyleType="none">
            {result.subscriptions.map((row) => (
              <Box as="li" key={row.id} display="flex" justifyContent="space-between" alignItems="center" gap={2}>
                <Box display="flex" flexDirection="column">
                  <DashboardLink onOpen={() => openAppPage(subscriptionPath(row.id))}>{row.planName || row.plan}</DashboardLink>
                  <Text size={2} color="default2">
                    {row.nextDelivery ? t("desk.widget.next", { date: formatDate(row.nextDelivery, language) }) : "—"}
                  </Text>
                </Box>
                <StatusPill status={row.status} />
              </Box>
            ))}
          </Box>
        ) : (
          <Text color="default2">{t("desk.widget.none")}</Text>
        )
      )}
      <Box>
        <Button
          variant="secondary"
          size="small"
          onClick={() => openAppPage(`/phone-order?customerId=${encodeURIComponent(customerId)}`)}
        >
          {t("desk.widget.newSubscription")}
        </Button>
      </Box>
    </WidgetFrame>
  );
}
