/** The figures page: channel, dates and period chosen once for every figure, chart, table and export below. */
import { Box, Input, Select, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useQuery } from "urql";
import type { FigurePeriod } from "../../../gql/graphql";
import { useT } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import { defaultRange } from "../format";
import { FIGURE_CHANNELS } from "../operations";
import { CohortHeatmap } from "./CohortHeatmap";
import { ConversionFigures, RecoveryFigures } from "./ConversionFigures";
import { ExportButtons } from "./ExportButtons";
import { RevenueFigures } from "./RevenueFigures";

const PERIODS: FigurePeriod[] = ["DAY", "WEEK", "MONTH"];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a link may carry (`?channel=jp&from=2027-01-01&to=2027-12-31&period=WEEK`), else the last twelve months. */
/** The filters a link carries; dates it leaves out ("") end the range on the shop's today once the API says it. */
function initialFilters(search: string) {
  const query = new URLSearchParams(search);
  const day = (name: "from" | "to") => (ISO_DAY.test(query.get(name) ?? "") ? query.get(name)! : "");
  const period = query.get("period")?.toUpperCase() as FigurePeriod;
  return { channel: query.get("channel") ?? "", from: day("from"), to: day("to"), period: PERIODS.includes(period) ? period : "MONTH" };
}

export function FiguresView() {
  const t = useT();
  const [filters, setFilters] = useState(() => initialFilters(window.location.search));
  const [{ data, error }] = useQuery({ query: FIGURE_CHANNELS });
  const answer = data?.subscriptionFigureChannels;
  if (error && !answer) return <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />;
  if (!answer) return <Text color="default2">{t("figures.loading")}</Text>;
  if (answer.errors[0]) return <Refusal error={answer.errors[0]} />;
  if (!answer.channels.length) return <Text color="default2">{t("figures.noChannels")}</Text>;
  const channel = answer.channels.some((c) => c.slug === filters.channel) ? filters.channel : answer.channels[0].slug;
  const options = answer.channels.map((c) => ({ value: c.slug, label: `${c.slug} (${c.currency})` }));
  const periods = PERIODS.map((period) => ({ value: period, label: t(`figures.period.${period}`) }));
  const set = (changes: Partial<typeof filters>) => setFilters((current) => ({ ...current, ...changes }));
  const [year, month, day] = (answer.today ?? "").split("-").map(Number);
  const shopRange = defaultRange(answer.today ? new Date(year, month - 1, day) : undefined);
  const range = { channel, from: filters.from || shopRange.from, to: filters.to || shopRange.to };
  return (
    <Box display="flex" flexDirection="column" gap={5}>
      <Box as="form" role="search" display="flex" gap={3} flexWrap="wrap" alignItems="flex-end" onSubmit={(event) => event.preventDefault()}>
        <Box __width="220px">
          <Select label={t("figures.channel")} options={options} value={channel} onChange={(value) => set({ channel: String(value) })} />
        </Box>
        <Input type="date" label={t("figures.from")} value={range.from} required
          onChange={(event) => ISO_DAY.test(event.target.value) && set({ from: event.target.value })} />
        <Input type="date" label={t("figures.to")} value={range.to} required
          onChange={(event) => ISO_DAY.test(event.target.value) && set({ to: event.target.value })} />
        <Box __width="140px">
          <Select label={t("figures.period")} options={periods} value={filters.period}
            onChange={(value) => set({ period: String(value) as FigurePeriod })} />
        </Box>
      </Box>
      <RevenueFigures {...range} period={filters.period} />
      <CohortHeatmap {...range} />
      <ConversionFigures {...range} />
      <RecoveryFigures {...range} />
      <ExportButtons {...range} />
    </Box>
  );
}
