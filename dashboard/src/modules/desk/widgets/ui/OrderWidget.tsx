import { Box, Text } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import { useAppPageRedirect, useNewTab } from "../../../app-bridge/redirect";
import { useLanguage, useT } from "../../../i18n/i18n";
import { subscriptionPath } from "../../../routing/routes";
import { formatDate } from "../../format";
import { DashboardLink } from "../../ui/AppLink";
import { QueryProblem } from "../../ui/QueryProblem";
import { StatusPill } from "../../ui/StatusPill";
import { ORDER_SUBSCRIPTION } from "../operations";
import { WidgetFrame } from "./WidgetFrame";

/** On the Dashboard's order page: the subscription the order started or renewed, which cycle, its status; or,
 * for a ¥0 order completed before the customer's card was saved, that it waits for the card (or waited in vain). */
export function OrderWidget({ orderId }: { orderId: string | null }) {
  const t = useT();
  const language = useLanguage();
  const openAppPage = useAppPageRedirect();
  const openTab = useNewTab();
  const [{ data, fetching, error }] = useQuery({
    query: ORDER_SUBSCRIPTION,
    variables: { orderId: orderId ?? "" },
    pause: !orderId,
  });
  const result = data?.staffOrderSubscription;
  const row = result?.subscription;
  if (!orderId) return <WidgetFrame><Text color="default2">{t("desk.widget.noContext")}</Text></WidgetFrame>;
  return (
    <WidgetFrame>
      <QueryProblem fetching={fetching && !result} error={error} refusal={result?.errors[0]} />
      {result && !result.errors.length && !row && (
        <Text color="default2">
          {result.cardWait === "WAITING"
            ? t("desk.widget.cardWaiting")
            : result.cardWait === "REFUSED"
              ? t("desk.widget.cardRefused")
              : t("desk.widget.notSubscription")}
        </Text>
      )}
      {row && (
        <Box display="flex" flexDirection="column" gap={2}>
          <Box display="flex" justifyContent="space-between" alignItems="center" gap={2}>
            <DashboardLink onOpen={() => openAppPage(subscriptionPath(row.id))}>{row.planName || row.plan}</DashboardLink>
            <StatusPill status={row.status} />
          </Box>
          <Text size={2}>
            {result.role === "START"
              ? t("desk.widget.firstOrder")
              : t("desk.widget.renewal", { cycle: result.cycle ?? "—" })}
          </Text>
          {result.invoiceUrl && (
            <DashboardLink onOpen={() => openTab(result.invoiceUrl!)}>{t("desk.detail.invoice")}</DashboardLink>
          )}
          {row.nextDelivery && (
            <Text size={2} color="default2">
              {t("desk.widget.next", { date: formatDate(row.nextDelivery, language) })}
            </Text>
          )}
        </Box>
      )}
    </WidgetFrame>
  );
}
