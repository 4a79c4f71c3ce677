import { Box, Text } from "@saleor/macaw-ui";
import { useCallback, useMemo } from "react";
import { useQuery } from "urql";
import { useT } from "../../../i18n/i18n";
import { CancelEdit, DeleteEdit, RenewNowEdit } from "../../edits/ui/LifecycleEdits";
import { AppLink } from "../../ui/AppLink";
import { QueryProblem } from "../../ui/QueryProblem";
import { StatusPill } from "../../ui/StatusPill";
import { SubscriptionContext } from "../context";
import { STAFF_SUBSCRIPTION } from "../operations";
import { CustomerCard } from "./CustomerCard";
import { DeliveriesCard } from "./DeliveriesCard";
import { EventsCard, MailsCard, ProblemsCard } from "./HistoryCards";
import { LinesCard } from "./LinesCard";
import { PaymentCard } from "./PaymentCard";
import { RenewalsCard } from "./RenewalsCard";
import { ShippingCard } from "./ShippingCard";

const ENDED = ["CANCELLED", "COMPLETED"];

/** One subscription: what it is on the left, who and how on the right, as the Dashboard's order page. */
export function SubscriptionPage({ id }: { id: string }) {
  const t = useT();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: STAFF_SUBSCRIPTION, variables: { id } });
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const detail = data?.staffSubscription;
  const open = useMemo(() => (detail ? { id, detail, refresh } : null), [id, detail, refresh]);
  const row = detail?.subscription;

  return (
    <Box display="flex" flexDirection="column" gap={6} padding={6}>
      <AppLink path="/subscriptions">← {t("app.title")}</AppLink>
      <QueryProblem fetching={fetching && !detail} error={error} refusal={detail?.errors[0]} />
      {open && row && (
        <SubscriptionContext.Provider value={open}>
          <Box display="flex" justifyContent="space-between" alignItems="center" gap={4} flexWrap="wrap">
            <Box display="flex" gap={3} alignItems="center">
              <Text as="h1" size={9} fontWeight="bold">
                {t("desk.detail.title", { plan: row.planName || row.plan })}
              </Text>
              <StatusPill status={row.status} />
            </Box>
            {!ENDED.includes(row.status) && (
              <Box display="flex" gap={2} flexWrap="wrap">
                <RenewNowEdit />
                <CancelEdit />
                <DeleteEdit />
              </Box>
            )}
            {ENDED.includes(row.status) && <DeleteEdit />}
          </Box>
          <ProblemsCard />
          <Box display="grid" gap={6} __gridTemplateColumns="minmax(0, 1fr) minmax(260px, 340px)">
            <Box display="flex" flexDirection="column" gap={6}>
              <LinesCard />
              <DeliveriesCard />
              <RenewalsCard />
              <EventsCard />
            </Box>
            <Box display="flex" flexDirection="column" gap={6}>
              <CustomerCard />
              <PaymentCard />
              <ShippingCard />
              <MailsCard />
            </Box>
          </Box>
        </SubscriptionContext.Provider>
      )}
    </Box>
  );
}
