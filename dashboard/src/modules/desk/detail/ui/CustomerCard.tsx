import { Box, Text } from "@saleor/macaw-ui";
import { useDashboardRedirect } from "../../../app-bridge/redirect";
import { useT } from "../../../i18n/i18n";
import { Card } from "../../ui/Card";
import { DashboardLink } from "../../ui/AppLink";
import { useOpenSubscription } from "../context";

export function CustomerCard() {
  const t = useT();
  const redirect = useDashboardRedirect();
  const { detail } = useOpenSubscription();
  const row = detail.subscription;
  if (!row) return null;
  return (
    <Card title={t("desk.detail.customer")}>
      <Box display="flex" flexDirection="column" gap={1}>
        {detail.customerName && <Text fontWeight="medium">{detail.customerName}</Text>}
        <Text>{row.email}</Text>
        <Text size={2} color="default2">
          {t("desk.detail.channel", { channel: row.channel, currency: row.currency })}
        </Text>
        <DashboardLink onOpen={() => redirect(`/customers/${encodeURIComponent(row.customerId)}`)}>
          {t("desk.detail.openCustomer")}
        </DashboardLink>
      </Box>
    </Card>
  );
}
