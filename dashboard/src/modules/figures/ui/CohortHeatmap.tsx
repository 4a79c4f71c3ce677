/** The 継続率 table: per start month, the share that reached each delivery, coloured by that share; LTV beside it. */
import { Box, Text, vars } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import type { SubscriptionCohortsQuery } from "../../../gql/graphql";
import { Card } from "../../desk/ui/Card";
import { formatMoney } from "../../desk/format";
import { useLanguage, useT } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import { explanationsOf, formatRate } from "../format";
import { SUBSCRIPTION_COHORTS } from "../operations";
import { Explanations } from "./Explained";

type Row = SubscriptionCohortsQuery["subscriptionCohorts"]["rows"][number];

/** The cell's colour: the theme's success colour, stronger as more of the month stayed (works in light and dark). */
export function heat(share: number): string {
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 85);
  return `color-mix(in srgb, ${vars.colors.text.success1} ${percent}%, transparent)`;
}

function Cell({ children, ...rest }: { children?: React.ReactNode; [attribute: string]: unknown }) {
  return (
    <Box as="td" paddingX={2} paddingY={1} textAlign="right" borderColor="default1" borderStyle="solid" borderWidth={1} {...rest}>
      <Text size={2}>{children}</Text>
    </Box>
  );
}

export function CohortHeatmap({ channel, from, to }: { channel: string; from: string; to: string }) {
  const t = useT();
  const language = useLanguage();
  const [{ data, error }] = useQuery({ query: SUBSCRIPTION_COHORTS, variables: { channel, from, to } });
  const answer = data?.subscriptionCohorts;
  const body = () => {
    if (error && !answer) return <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />;
    if (!answer) return <Text color="default2">{t("figures.loading")}</Text>;
    if (answer.errors[0]) return <Refusal error={answer.errors[0]} />;
    if (!answer.rows.length) return <Text color="default2">{t("figures.none")}</Text>;
    const deliveries = answer.rows[0].reached.map((cell) => cell.delivery);
    const month = (row: Row) =>
      new Intl.DateTimeFormat(language, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${row.month}T00:00:00Z`));
    return (
      <Box __overflowX="auto">
        <Box as="table" __borderCollapse="collapse" aria-label={t("figures.cohortTable")}>
          <thead>
            <tr>
              {[t("figures.month"), t("figures.started"), ...deliveries.map((delivery) => t("figures.delivery", { delivery })),
                t("figures.revenueToDate"), t("figures.ltv"), t("figures.ltvProjected")].map((heading) => (
                <Box as="th" key={heading} paddingX={2} paddingY={1} textAlign="right">
                  <Text size={2} color="default2">{heading}</Text>
                </Box>
              ))}
            </tr>
          </thead>
          <tbody>
            {answer.rows.map((row) => (
              <tr key={`${row.month}-${row.currency}`}>
                <Box as="th" paddingX={2} paddingY={1} textAlign="left">
                  <Text size={2}>{month(row)}</Text>
                </Box>
                <Cell>{row.started}</Cell>
                {row.reached.map((cell) =>
                  cell.notYet ? (
                    <Cell key={cell.delivery} data-share="">
                      <Text size={1} color="default2">{t("figures.notYet")}</Text>
                    </Cell>
                  ) : (
                    <Cell key={cell.delivery} data-share={cell.share} __backgroundColor={heat(cell.share)}
                      title={`${cell.count} / ${row.started}`}>
                      {formatRate(cell.share, language)}
                    </Cell>
                  ),
                )}
                <Cell>{formatMoney(row.revenueToDate, row.currency, language)}</Cell>
                <Cell>{formatMoney(row.ltv, row.currency, language)}</Cell>
                <Cell>{formatMoney(row.ltvProjected, row.currency, language)}</Cell>
              </tr>
            ))}
          </tbody>
        </Box>
      </Box>
    );
  };
  const explained = explanationsOf(answer?.explanations);
  return (
    <Card title={t("figures.cohorts")}>
      {body()}
      <Explanations lines={["started", "reached", "revenue_to_date", "ltv", "ltv_projected"].map((key) => explained[key])} />
    </Card>
  );
}
