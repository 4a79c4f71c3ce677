/** Trial and funnel conversion with retention-offer saves; renewal success at the first attempt and dunning recovery. */
import { Box, Text } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import { Card } from "../../desk/ui/Card";
import { formatMoney } from "../../desk/format";
import { useLanguage, useT } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import { explanationsOf, formatRate } from "../format";
import { RENEWAL_RECOVERY, SUBSCRIPTION_CONVERSION } from "../operations";
import { Explanations, Figure } from "./Explained";

type Range = { channel: string; from: string; to: string };

function Table({ label, headings, rows }: { label: string; headings: string[]; rows: (string | number)[][] }) {
  return (
    <Box as="table" __borderCollapse="collapse" aria-label={label}>
      <thead>
        <tr>
          {headings.map((heading, index) => (
            <Box as="th" key={heading} paddingX={3} paddingY={1} textAlign={index ? "right" : "left"}>
              <Text size={2} color="default2">{heading}</Text>
            </Box>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((value, index) => (
              <Box as="td" key={index} paddingX={3} paddingY={1} textAlign={index ? "right" : "left"}>
                <Text size={2}>{value}</Text>
              </Box>
            ))}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}

export function ConversionFigures(range: Range) {
  const t = useT();
  const language = useLanguage();
  const [{ data, error }] = useQuery({ query: SUBSCRIPTION_CONVERSION, variables: range });
  const answer = data?.subscriptionConversion;
  const explained = explanationsOf(answer?.explanations);
  const rate = (value: number) => formatRate(value, language);
  const body = () => {
    if (error && !answer) return <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />;
    if (!answer) return <Text color="default2">{t("figures.loading")}</Text>;
    if (answer.errors[0]) return <Refusal error={answer.errors[0]} />;
    const saves = answer.retentionSaves;
    return (
      <Box display="flex" gap={8} flexWrap="wrap" alignItems="flex-start">
        <Box display="flex" flexDirection="column" gap={2}>
          <Text fontWeight="bold">{t("figures.trials")}</Text>
          <Table label={t("figures.trials")} headings={[t("figures.product"), t("figures.started"), t("figures.converted"), t("figures.rate")]}
            rows={answer.byProduct.map((row) => [row.productId, row.started, row.converted, rate(row.conversionRate)])} />
        </Box>
        <Box display="flex" flexDirection="column" gap={2}>
          <Text fontWeight="bold">{t("figures.funnels")}</Text>
          <Table label={t("figures.funnels")} headings={[t("figures.funnels"), t("figures.enrolled"), t("figures.converted"), t("figures.rate")]}
            rows={answer.byFunnel.map((row) => [row.name, row.enrolled, row.converted, rate(row.conversionRate)])} />
        </Box>
        {saves && (
          <Text data-testid="retention-saves">
            {t("figures.retentionSaves", { saved: saves.saved, shown: saves.offersShown, rate: rate(saves.saveRate) })}
          </Text>
        )}
      </Box>
    );
  };
  return (
    <Card title={t("figures.conversion")}>
      {body()}
      <Explanations lines={["trial_conversion", "funnel_conversion", "funnel_step_conversion", "retention_saves"].map((key) => explained[key])} />
    </Card>
  );
}

export function RecoveryFigures(range: Range) {
  const t = useT();
  const language = useLanguage();
  const [{ data, error }] = useQuery({ query: RENEWAL_RECOVERY, variables: range });
  const answer = data?.renewalRecovery;
  const explained = explanationsOf(answer?.explanations);
  const body = () => {
    if (error && !answer) return <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />;
    if (!answer) return <Text color="default2">{t("figures.loading")}</Text>;
    if (answer.errors[0]) return <Refusal error={answer.errors[0]} />;
    if (!answer.currencies.length) return <Text color="default2">{t("figures.none")}</Text>;
    return answer.currencies.map((row) => (
      <Box key={row.currency} display="flex" flexDirection="column" gap={4} data-testid="recovery">
        <Box display="flex" gap={6} flexWrap="wrap">
          <Figure label={t("figures.firstAttempt")} value={formatRate(row.firstAttemptSuccessRate, language)}
            explanation={explained.first_attempt_success_rate} />
          <Figure label={t("figures.recoveryRate")} value={formatRate(row.recoveryRate, language)} explanation={explained.recovery_rate} />
          <Figure label={t("figures.recoveredAmount")} value={formatMoney(row.recoveredAmount, row.currency, language)}
            explanation={explained.recovered_amount} />
        </Box>
        {row.byDeclineReason.length > 0 && (
          <Table label={t("figures.declineReason")}
            headings={[t("figures.declineReason"), t("figures.declined"), t("figures.recovered"), t("figures.rate"), t("figures.recoveredAmount")]}
            rows={row.byDeclineReason.map((reason) => [reason.reason, reason.declined, reason.recovered,
              formatRate(reason.recoveryRate, language), formatMoney(reason.recoveredAmount, row.currency, language)])} />
        )}
      </Box>
    ));
  };
  return (
    <Card title={t("figures.recovery")}>
      {body()}
      <Explanations lines={[explained.decline_reason]} />
    </Card>
  );
}
