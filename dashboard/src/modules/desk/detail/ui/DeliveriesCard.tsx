import { Box, Text } from "@saleor/macaw-ui";
import { useLanguage, useT } from "../../../i18n/i18n";
import { PauseEdit, RescheduleEdit, ResumeEdit, SkipEdit } from "../../edits/ui/ScheduleEdits";
import { formatDate } from "../../format";
import { Card } from "../../ui/Card";
import { useOpenSubscription } from "../context";

const ENDED = ["CANCELLED", "COMPLETED"];

export function DeliveriesCard() {
  const t = useT();
  const language = useLanguage();
  const { detail } = useOpenSubscription();
  const status = detail.subscription?.status;
  const ended = status ? ENDED.includes(status) : true;
  return (
    <Card
      title={t("desk.detail.deliveries")}
      actions={
        !ended && (
          <>
            <RescheduleEdit />
            <SkipEdit />
            {status === "PAUSED" ? <ResumeEdit /> : <PauseEdit />}
          </>
        )
      }
    >
      {detail.changeDeadline && !ended && (
        <Text size={2} color="default2">
          {t("desk.detail.changeDeadline", { date: formatDate(detail.changeDeadline, language) })}
        </Text>
      )}
      {detail.upcomingDeliveries.length ? (
        <Box as="ol" display="flex" flexDirection="column" gap={1} margin={0} paddingLeft={5}>
          {detail.upcomingDeliveries.map((date, index) => (
            <li key={date}>
              <Text fontWeight={index === 0 ? "bold" : "regular"}>{formatDate(date, language)}</Text>
            </li>
          ))}
        </Box>
      ) : (
        <Text color="default2">{t("desk.detail.noDeliveries")}</Text>
      )}
    </Card>
  );
}
