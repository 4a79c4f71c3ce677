import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";
import { useLanguage, useT } from "../../../i18n/i18n";
import { navigate } from "../../../routing/navigation";
import { subscriptionPath } from "../../../routing/routes";
import { formatDate } from "../../format";
import { AppLink } from "../../ui/AppLink";
import { StatusPill } from "../../ui/StatusPill";
import type { SubscriptionRow } from "../../types";

function Cell({ children, header = false }: { children?: ReactNode; header?: boolean }) {
  return (
    <Box
      as={header ? "th" : "td"}
      paddingX={3}
      paddingY={2}
      textAlign="left"
      borderBottomWidth={1}
      borderBottomStyle="solid"
      borderColor="default1"
    >
      {children}
    </Box>
  );
}

/** One subscription a row; a click anywhere on it opens the subscription. */
export function SubscriptionsTable({ rows }: { rows: SubscriptionRow[] }) {
  const t = useT();
  const language = useLanguage();
  const headers = ["status", "customer", "plan", "next", "deliveries", "payment"] as const;
  return (
    <Box overflowX="auto">
      <Box as="table" width="100%" __borderCollapse="collapse">
        <thead>
          <tr>
            {headers.map((header) => (
              <Cell key={header} header>
                <Text size={2} color="default2" fontWeight="medium">
                  {t(`desk.list.column.${header}`)}
                </Text>
              </Cell>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            return (
              <Box
                as="tr"
                key={row.id}
                cursor="pointer"
                backgroundColor={{ default: "default1", hover: "default1Hovered" }}
                onClick={() => navigate(subscriptionPath(row.id))}
              >
                <Cell>
                  <StatusPill status={row.status} />
                </Cell>
                <Cell>
                  <Box display="flex" flexDirection="column">
                    <AppLink path={subscriptionPath(row.id)}>{row.customerName || row.email}</AppLink>
                    {row.customerName && (
                      <Text size={2} color="default2">
                        {row.email}
                      </Text>
                    )}
                    {row.needsAttention && (
                      <Text size={2} color="critical1">
                        {t("desk.list.attention")}
                      </Text>
                    )}
                  </Box>
                </Cell>
                <Cell>
                  <Text size={3}>{row.planName || row.plan}</Text>
                  <Text size={2} color="default2" display="block">
                    {row.channel}
                  </Text>
                </Cell>
                <Cell>
                  <Text size={3} whiteSpace="nowrap">
                    {row.nextDelivery ? formatDate(row.nextDelivery, language) : "—"}
                  </Text>
                </Cell>
                <Cell>
                  <Text size={3}>{row.deliveries}</Text>
                </Cell>
                <Cell>
                  <Text size={3}>{row.paymentLabel}</Text>
                </Cell>
              </Box>
            );
          })}
        </tbody>
      </Box>
    </Box>
  );
}
