/** A funnel's figures: enrolled, converted, unsubscribed, the conversion rate, and per step a bar chart with its numbers. */
import { Box, Text, vars } from "@saleor/macaw-ui";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useLanguage, useT } from "../../i18n/i18n";
import type { FunnelNode } from "../operations";

type Figures = FunnelNode["figures"];

const percent = (rate: number, language: string) => new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(rate);

/** The numbers behind the chart, one row a step (what a screen reader and a test read). */
function StepTable({ figures }: { figures: Figures }) {
  const t = useT();
  const language = useLanguage();
  const columns = ["funnels.sent", "funnels.clicked", "funnels.converted", "funnels.conversionRate"] as const;
  return (
    <Box as="table" __borderCollapse="collapse">
      <thead>
        <tr>
          <Box as="th" />
          {columns.map((column) => (
            <Box as="th" key={column} paddingX={3} paddingY={1} textAlign="right">
              <Text size={2} color="default2">{t(column)}</Text>
            </Box>
          ))}
        </tr>
      </thead>
      <tbody>
        {figures.steps.map((step) => (
          <tr key={step.position}>
            <Box as="th" paddingX={3} paddingY={1} textAlign="left">
              <Text size={2}>{t("funnels.stepLabel", { position: step.position, days: step.delayDays })}</Text>
            </Box>
            {[step.sent, step.clicked, step.converted, percent(step.conversionRate, language)].map((value, index) => (
              <Box as="td" key={columns[index]} paddingX={3} paddingY={1} textAlign="right">
                <Text size={2}>{value}</Text>
              </Box>
            ))}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}

export function FunnelFigures({ figures }: { figures: Figures }) {
  const t = useT();
  const language = useLanguage();
  const data = figures.steps.map((step) => ({
    step: t("funnels.stepLabel", { position: step.position, days: step.delayDays }),
    [t("funnels.sent")]: step.sent,
    [t("funnels.clicked")]: step.clicked,
    [t("funnels.converted")]: step.converted,
  }));
  const series = [
    { key: t("funnels.sent"), colour: vars.colors.text.default2 },
    { key: t("funnels.clicked"), colour: vars.colors.text.info1 },
    { key: t("funnels.converted"), colour: vars.colors.text.success1 },
  ];
  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Box display="flex" gap={6} flexWrap="wrap" data-testid="funnel-totals">
        {([
          ["funnels.enrolled", figures.enrolled],
          ["funnels.converted", figures.converted],
          ["funnels.unsubscribed", figures.unsubscribed],
          ["funnels.conversionRate", percent(figures.conversionRate, language)],
        ] as const).map(([label, value]) => (
          <Box key={label} display="flex" flexDirection="column">
            <Text size={2} color="default2">{t(label)}</Text>
            <Text size={6} fontWeight="bold">{value}</Text>
          </Box>
        ))}
      </Box>
      <Box display="flex" gap={6} flexWrap="wrap" alignItems="flex-start">
        <Box role="img" aria-label={t("funnels.chart")}>
          <BarChart width={Math.max(320, 150 * data.length)} height={220} data={data}>
            <CartesianGrid strokeDasharray="3 3" stroke={vars.colors.border.default1} />
            <XAxis dataKey="step" tick={{ fill: vars.colors.text.default2, fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fill: vars.colors.text.default2, fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {series.map((bar) => (
              <Bar key={bar.key} dataKey={bar.key} fill={bar.colour} isAnimationActive={false} />
            ))}
          </BarChart>
        </Box>
        <StepTable figures={figures} />
      </Box>
    </Box>
  );
}
