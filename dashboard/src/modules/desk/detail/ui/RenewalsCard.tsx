import { Box, Text } from "@saleor/macaw-ui";
import { orderPath, useDashboardRedirect, useNewTab } from "../../../app-bridge/redirect";
import { useLanguage, useT } from "../../../i18n/i18n";
import { PaymentReceivedEdit } from "../../edits/ui/PaymentEdits";
import { formatDate, formatMoney } from "../../format";
import { DashboardLink } from "../../ui/AppLink";
import { Card } from "../../ui/Card";
import { useOpenSubscription } from "../context";
import type { Renewal } from "../operations";
import { renewalStateWords } from "../words";

function RenewalRow({ renewal }: { renewal: Renewal }) {
  const t = useT();
  const language = useLanguage();
  const redirect = useDashboardRedirect();
  const openTab = useNewTab();
  return (
    <Box display="flex" flexDirection="column" gap={1} paddingY={3} borderBottomWidth={1} borderBottomStyle="solid" borderColor="default1">
      <Box display="flex" justifyContent="space-between" gap={3} flexWrap="wrap">
        <Text fontWeight="medium">
          {t("desk.detail.cycle", { cycle: renewal.cycle })} · {formatDate(renewal.scheduledFor, language)}
        </Text>
        <Text>{renewal.amount ? formatMoney(renewal.amount.amount, renewal.amount.currency, language) : "—"}</Text>
      </Box>
      <Box display="flex" gap={3} flexWrap="wrap" alignItems="center">
        <Text size={2} color="default2">
          {renewalStateWords(t, renewal.state)}
          {renewal.paymentStatus !== "NONE" ? ` · ${t(`desk.paymentStatus.${renewal.paymentStatus}`)}` : ""}
          {renewal.amountRemaining
            ? ` · ${t("desk.detail.remaining", { amount: formatMoney(renewal.amountRemaining.amount, renewal.amountRemaining.currency, language) })}`
            : ""}
          {renewal.attempts > 1 ? ` · ${t("desk.detail.attempts", { attempts: renewal.attempts })}` : ""}
        </Text>
        {renewal.orderId && (
          <DashboardLink onOpen={() => redirect(orderPath(renewal.orderId!))}>
            {t("desk.detail.openOrder", { number: renewal.orderNumber ?? "" })}
          </DashboardLink>
        )}
        {renewal.invoiceUrl && (
          <DashboardLink onOpen={() => openTab(renewal.invoiceUrl!)}>{t("desk.detail.invoice")}</DashboardLink>
        )}
        {renewal.canConfirmPayment && <PaymentReceivedEdit renewal={renewal} />}
      </Box>
      {renewal.problem && (
        <Text size={2} color="critical1">
          {renewal.problem}
        </Text>
      )}
    </Box>
  );
}

/** The order that started the subscription: an operator is asked about it as often as about renewals. */
function FirstOrderRow({ orderId, startedOn }: { orderId: string; startedOn: string | null | undefined }) {
  const t = useT();
  const language = useLanguage();
  const redirect = useDashboardRedirect();
  return (
    <Box display="flex" justifyContent="space-between" gap={3} flexWrap="wrap" paddingY={3}>
      <Text fontWeight="medium">
        {t("desk.detail.firstOrder")}
        {startedOn ? ` · ${formatDate(startedOn, language)}` : ""}
      </Text>
      <DashboardLink onOpen={() => redirect(orderPath(orderId))}>{t("desk.detail.openFirstOrder")}</DashboardLink>
    </Box>
  );
}

export function RenewalsCard() {
  const t = useT();
  const { detail } = useOpenSubscription();
  return (
    <Card title={t("desk.detail.renewals")}>
      {detail.firstOrderId && <FirstOrderRow orderId={detail.firstOrderId} startedOn={detail.startedOn} />}
      {detail.renewals.length ? (
        <Box display="flex" flexDirection="column">
          {[...detail.renewals].sort((a, b) => b.cycle - a.cycle).map((renewal) => (
            <RenewalRow key={renewal.cycle} renewal={renewal} />
          ))}
        </Box>
      ) : (
        <Text color="default2">{t("desk.detail.noRenewals")}</Text>
      )}
    </Card>
  );
}
