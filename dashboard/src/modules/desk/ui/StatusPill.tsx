import { Box, Text } from "@saleor/macaw-ui";
import { useT } from "../../i18n/i18n";
import type { SubscriptionStatus } from "../types";

type Tone = "success1" | "warning1" | "critical1" | "info1" | "default1";

const TONES: Record<SubscriptionStatus, Tone> = {
  TRIALING: "info1",
  ACTIVE: "success1",
  PAUSED: "warning1",
  PAST_DUE: "critical1",
  CANCELLED: "default1",
  COMPLETED: "default1",
};

/** A subscription's status as a coloured pill, the way the Dashboard shows an order's. */
export function StatusPill({ status }: { status: SubscriptionStatus }) {
  const t = useT();
  return (
    <Box
      as="span"
      display="inline-flex"
      paddingX={2}
      paddingY={0.5}
      borderRadius={4}
      backgroundColor={TONES[status]}
      borderWidth={1}
      borderStyle="solid"
      borderColor={TONES[status]}
    >
      <Text size={2} fontWeight="medium" whiteSpace="nowrap">
        {t(`desk.status.${status}`)}
      </Text>
    </Box>
  );
}
