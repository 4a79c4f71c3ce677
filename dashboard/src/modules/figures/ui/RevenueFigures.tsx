/** A channel's subscriptions and MRR now, movements and MRR movement per period, churn reasons and the forecast. */
import { Box, Text, vars } from "@saleor/macaw-ui";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { useQuery } from "urql";
import type { FigurePeriod, SubscriptionFiguresQuery } from "../../../gql/graphql";
import { Card } from "../../desk/ui/Card";
import { formatDate, formatMoney } from "../../desk/format";
import { useLanguage, useT } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import { explanationsOf, formatRate } from "../format";
import { SUBSCRIPTION_FIGURES } from "../operations";
import { Explanations, Figure } from "./Explained";

type Figures = SubscriptionFiguresQuery["subscriptionFigures"];
const AXIS = { fill: vars.colors.text.default2, fontSize: 12 };

function Chart({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box role="img" aria-label={label} __overflowX="auto">
      {children}
    </Box>
  );
}

function Movements({ figures, explained }: { figures: Figures; explained: Record<string, string> }) {
  const t = useT();
  const language = useLanguage();
  const series = [
    ["new", t("figures.new"), vars.colors.text.success1],
    ["churnedVoluntary", t("figures.churnedVoluntary"), vars.colors.text.critical1],
    ["churnedInvoluntary", t("figures.churnedInvoluntary"), vars.colors.text.warning1],
    ["paused", t("figures.paused"), vars.colors.text.default2],
    ["reactivated", t("figures.reactivated"), vars.colors.text.info1],
  ] as const;
  const data = figures.periods.map((row) => ({
    period: formatDate(row.start, language),
    ...Object.fromEntries(series.map(([key, name]) => [name, row[key]])),
  }));
  return (
    <Card title={t("figures.movements")}>
      <Chart label={t("figures.movementsChart")}>
        <BarChart width={Math.max(560, 70 * data.length)} height={240} data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke={vars.colors.border.default1} />
          <XAxis dataKey="period" tick={AXIS} />
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip />
          <Legend />
          {series.map(([key, name, colour]) => (
            <Bar key={key} dataKey={name} fill={colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </Chart>
      <Box display="flex" gap={4} flexWrap="wrap" data-testid="churn-rates">
        {figures.periods.map((row) => (
          <Text key={row.start} size={2}>
            {formatDate(row.start, language)}: {t("figures.churnRate")} {formatRate(row.churnRate, language)}
          </Text>
        ))}
      </Box>
      <Explanations lines={["new", "churnedVoluntary", "churnedInvoluntary", "paused", "reactivated", "churnRate"]
        .map((key) => explained[`periods.${key}`])} />
    </Card>
  );
}

function MrrMovement({ figures, explained }: { figures: Figures; explained: Record<string, string> }) {
  const t = useT();
  const language = useLanguage();
  const currency = figures.currency ?? "";
  const amount = (money: { amount: string }) => Number(money.amount);
  const data = figures.periods.map((row) => ({
    period: formatDate(row.start, language),
    [t("figures.mrrNew")]: amount(row.mrrNew),
    [t("figures.mrrExpansion")]: amount(row.mrrExpansion),
    [t("figures.mrrContraction")]: -amount(row.mrrContraction),
    [t("figures.mrrChurn")]: -amount(row.mrrChurn),
    [t("figures.mrrNet")]: amount(row.mrrNet),
  }));
  const bars = [
    [t("figures.mrrNew"), vars.colors.text.success1],
    [t("figures.mrrExpansion"), vars.colors.text.info1],
    [t("figures.mrrContraction"), vars.colors.text.warning1],
    [t("figures.mrrChurn"), vars.colors.text.critical1],
  ] as const;
  const money = (value: unknown) => formatMoney(Number(value), currency, language);
  return (
    <Card title={t("figures.mrrMovement")}>
      <Chart label={t("figures.mrrChart")}>
        <ComposedChart width={Math.max(560, 70 * data.length)} height={240} data={data} stackOffset="sign">
          <CartesianGrid strokeDasharray="3 3" stroke={vars.colors.border.default1} />
          <XAxis dataKey="period" tick={AXIS} />
          <YAxis tick={AXIS} tickFormatter={money} width={90} />
          <Tooltip formatter={money} />
          <Legend />
          {bars.map(([name, colour]) => (
            <Bar key={name} dataKey={name} stackId="mrr" fill={colour} isAnimationActive={false} />
          ))}
          <Line dataKey={t("figures.mrrNet")} stroke={vars.colors.text.default1} isAnimationActive={false} />
        </ComposedChart>
      </Chart>
      <Explanations lines={["mrrNew", "mrrExpansion", "mrrContraction", "mrrChurn", "mrrNet"].map((key) => explained[`periods.${key}`])} />
    </Card>
  );
}

function Forecast({ figures, explained }: { figures: Figures; explained: Record<string, string> }) {
  const t = useT();
  const language = useLanguage();
  const currency = figures.currency ?? "";
  const data = figures.forecast.map((row) => ({ horizon: t("figures.nextDays", { days: row.days }), amount: Number(row.amount.amount) }));
  const money = (value: unknown) => formatMoney(Number(value), currency, language);
  return (
    <Card title={t("figures.forecast")}>
      <Box display="flex" gap={6} flexWrap="wrap" alignItems="flex-start">
        <Chart label={t("figures.forecastChart")}>
          <BarChart width={420} height={220} data={data}>
            <CartesianGrid strokeDasharray="3 3" stroke={vars.colors.border.default1} />
            <XAxis dataKey="horizon" tick={AXIS} />
            <YAxis tick={AXIS} tickFormatter={money} width={90} />
            <Tooltip formatter={money} />
            <Bar dataKey="amount" name={t("figures.forecast")} fill={vars.colors.text.info1} isAnimationActive={false} />
          </BarChart>
        </Chart>
        <Box display="flex" flexDirection="column" gap={2} data-testid="forecast">
          {figures.forecast.map((row) => (
            <Text key={row.days}>
              {t("figures.nextDays", { days: row.days })}: <strong>{money(row.amount.amount)}</strong>{" "}
              ({t("figures.renewals", { count: row.renewals })})
            </Text>
          ))}
        </Box>
      </Box>
      <Explanations lines={[explained.forecast]} />
    </Card>
  );
}

function ChurnReasons({ figures, explained }: { figures: Figures; explained: Record<string, string> }) {
  const t = useT();
  return (
    <Card title={t("figures.churnReasons")}>
      {figures.churnReasons.length ? (
        <Box as="ul" margin={0} paddingLeft={4} data-testid="churn-reasons">
          {figures.churnReasons.map((row) => (
            <li key={row.reason}>
              <Text>{row.label || t("figures.noReason")}: {row.count}</Text>
            </li>
          ))}
        </Box>
      ) : (
        <Text color="default2">{t("figures.none")}</Text>
      )}
      <Explanations lines={[explained.churnReasons]} />
    </Card>
  );
}

export function RevenueFigures({ channel, from, to, period }: { channel: string; from: string; to: string; period: FigurePeriod }) {
  const t = useT();
  const language = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: SUBSCRIPTION_FIGURES, variables: { channel, from, to, period } });
  const figures = data?.subscriptionFigures;
  if (error && !figures) return <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />;
  if (!figures || (fetching && !figures.currency)) return <Text color="default2">{t("figures.loading")}</Text>;
  if (figures.errors[0]) return <Refusal error={figures.errors[0]} />;
  const explained = explanationsOf(figures.explanations);
  const currency = figures.currency ?? "";
  const money = (value: { amount: string } | null | undefined) => (value ? formatMoney(value.amount, currency, language) : "–");
  return (
    <Box display="flex" flexDirection="column" gap={5}>
      {figures.upToDate === false && <Text role="status" color="default2">{t("figures.catchingUp")}</Text>}
      <Card title={t("figures.now")}>
        <Box display="flex" gap={6} flexWrap="wrap" data-testid="headline">
          <Figure label={t("figures.active")} value={figures.active} explanation={explained.active} />
          <Figure label={t("figures.subscribers")} value={figures.subscribers} explanation={explained.subscribers} />
          <Figure label={t("figures.paused")} value={figures.paused} explanation={explained.paused} />
          <Figure label={t("figures.mrr")} value={money(figures.mrr)} explanation={explained.mrr} />
          <Figure label={t("figures.arr")} value={money(figures.arr)} explanation={explained.arr} />
          <Figure label={t("figures.trialMrr")} value={money(figures.trialMrr)} explanation={explained.trialMrr} />
          <Figure label={t("figures.discountMrr")} value={money(figures.discountMrr)} explanation={explained.discountMrr} />
        </Box>
      </Card>
      <Movements figures={figures} explained={explained} />
      <MrrMovement figures={figures} explained={explained} />
      <ChurnReasons figures={figures} explained={explained} />
      <Forecast figures={figures} explained={explained} />
    </Box>
  );
}
