import { Box, Text } from "@saleor/macaw-ui";
import { useLanguage, useT } from "../../../i18n/i18n";
import { formatDateTime } from "../../format";
import { Card } from "../../ui/Card";
import { useOpenSubscription } from "../context";
import { actorWords, eventWords, mailStatusWords } from "../words";


export function EventsCard() {
  const t = useT();
  const language = useLanguage();
  const { detail } = useOpenSubscription();
  return (
    <Card title={t("desk.detail.events")}>
      {detail.events.length ? (
        <Box as="ul" display="flex" flexDirection="column" gap={2} margin={0} padding={0} listStyleType="none">
          {detail.events.map((event, index) => (
            <Box as="li" key={index} display="flex" justifyContent="space-between" gap={3} flexWrap="wrap">
              <Box display="flex" flexDirection="column">
                <Text>{eventWords(t, event.type)}</Text>
                <Text size={2} color="default2">
                  {t("desk.detail.by", { who: actorWords(t, event.actor, event.actorId) })}
                </Text>
              </Box>
              <Text size={2} color="default2" whiteSpace="nowrap">
                {formatDateTime(event.at, language)}
              </Text>
            </Box>
          ))}
        </Box>
      ) : (
        <Text color="default2">{t("desk.detail.noEvents")}</Text>
      )}
    </Card>
  );
}

export function MailsCard() {
  const t = useT();
  const language = useLanguage();
  const { detail } = useOpenSubscription();
  return (
    <Card title={t("desk.detail.mails")}>
      {detail.mails.length ? (
        <Box as="ul" display="flex" flexDirection="column" gap={2} margin={0} padding={0} listStyleType="none">
          {detail.mails.map((mail, index) => (
            <Box as="li" key={index} display="flex" flexDirection="column">
              <Text>{mail.subject}</Text>
              <Text size={2} color="default2">
                {formatDateTime(mail.at, language)} · {mailStatusWords(t, mail.status)}
              </Text>
            </Box>
          ))}
        </Box>
      ) : (
        <Text color="default2">{t("desk.detail.noMails")}</Text>
      )}
    </Card>
  );
}

export function ProblemsCard() {
  const t = useT();
  const { detail } = useOpenSubscription();
  if (!detail.problems.length) return null;
  return (
    <Box role="status" display="flex" flexDirection="column" gap={2} padding={4} borderRadius={4} borderWidth={1} borderStyle="solid" borderColor="critical1" backgroundColor="default1">
      <Text fontWeight="bold" color="critical1">
        {t("desk.detail.problems")}
      </Text>
      {detail.problems.map((problem) => (
        <Text key={problem}>{problem}</Text>
      ))}
    </Box>
  );
}
