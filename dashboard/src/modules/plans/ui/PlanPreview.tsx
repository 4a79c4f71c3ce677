/** Beside the form: per channel, the prices `sellingPlans` will give shoppers, example dates, and the checkout's statements. */
import { Box, Text } from "@saleor/macaw-ui";
import type { StaffPlanPreviewQuery } from "../../../gql/graphql";
import { useLanguage } from "../../i18n/i18n";
import { formatDate } from "../../desk/format";
import { planWords } from "../messages";

type Channel = StaffPlanPreviewQuery["staffPlanPreview"]["channels"][number];

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Box display="flex" justifyContent="space-between" gap={3}>
      <Text size={3} color="default2">{label}</Text>
      <Text size={3} fontWeight="medium">{value}</Text>
    </Box>
  );
}

function ChannelCard({ channel }: { channel: Channel }) {
  const language = useLanguage();
  const t = planWords(language);
  const plan = channel.plan;
  return (
    <Box as="section" aria-label={`${channel.channelName} (${channel.currency})`} data-testid={`preview-${channel.channel}`}
      display="flex" flexDirection="column" gap={2} padding={4} borderRadius={4} borderWidth={1} borderStyle="solid" borderColor="default1">
      <Text as="h3" size={5} fontWeight="bold">{channel.channelName} · {channel.currency}</Text>
      {!plan ? (
        <Text size={3} color="default2">{t("noPrice", { currency: channel.currency })}</Text>
      ) : (
        <>
          <Text size={4} fontWeight="medium">{plan.name}</Text>
          <Row label={t("firstDelivery")} value={plan.firstDeliveryPrice.formatted} />
          <Row label={t("afterTrial")} value={plan.price.formatted} />
          {plan.priceSteps.map((step) => (
            <Row key={step.fromDelivery} label={t("fromN", { n: step.fromDelivery })} value={step.price.formatted} />
          ))}
          {plan.tiers.map((tier) => (
            <Row key={tier.minQuantity} label={t("tierN", { n: tier.minQuantity })} value={tier.unitPrice.formatted} />
          ))}
          <Row label={t("dates")} value={plan.upcomingDeliveries.map((day) => formatDate(day, language)).join(", ")} />
          <Text size={3} fontWeight="medium" marginTop={2}>{t("statements")}</Text>
          <Box as="ul" display="flex" flexDirection="column" gap={1} paddingLeft={4} margin={0}>
            {channel.statements.map((statement) => (
              <Box as="li" key={statement}><Text size={2}>{statement}</Text></Box>
            ))}
          </Box>
        </>
      )}
    </Box>
  );
}

export function PlanPreview({ channels, updating }: { channels: Channel[]; updating: boolean }) {
  const t = planWords(useLanguage());
  return (
    <Box display="flex" flexDirection="column" gap={3} data-testid="plan-preview">
      <Text as="h2" size={6} fontWeight="bold">{t("preview")}</Text>
      <Text size={2} color="default2">{updating ? t("previewing") : t("previewHelp")}</Text>
      {channels.map((channel) => <ChannelCard key={channel.channel} channel={channel} />)}
    </Box>
  );
}
