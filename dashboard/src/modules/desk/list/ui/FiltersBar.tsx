import { Box, Button, Checkbox, Input, Multiselect, Text, type Option } from "@saleor/macaw-ui";
import { useEffect, useState, type Dispatch } from "react";
import { useT } from "../../../i18n/i18n";
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "../../types";
import { activeFilterCount, rangeIsReversed, type ListAction, type ListFilters } from "../filters";

const SEARCH_DELAY_MS = 300;

/** Search as you type (after a short pause), with the filters beside it. */
export function FiltersBar({ filters, dispatch }: { filters: ListFilters; dispatch: Dispatch<ListAction> }) {
  const t = useT();
  const [search, setSearch] = useState(filters.search);
  useEffect(() => {
    if (search === filters.search) return;
    const timer = setTimeout(() => dispatch({ type: "filter", changes: { search } }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters.search, dispatch]);

  const statusOptions: Option[] = SUBSCRIPTION_STATUSES.map((status) => ({ value: status, label: t(`desk.status.${status}`) }));
  const selected = statusOptions.filter((option) => filters.statuses.includes(option.value as SubscriptionStatus));
  const change = (changes: Partial<ListFilters>) => dispatch({ type: "filter", changes });
  const count = activeFilterCount(filters);

  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Input
        label={t("desk.list.searchHint")}
        type="text"
        role="searchbox"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        size="small"
      />
      <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(180px, 1fr))" alignItems="center">
        <Multiselect
          label={t("desk.list.status")}
          size="small"
          options={statusOptions}
          value={selected}
          onChange={(values: Option[]) => change({ statuses: values.map((value) => value.value as SubscriptionStatus) })}
        />
        <Input
          label={t("desk.list.channel")}
          size="small"
          value={filters.channel}
          onChange={(event) => change({ channel: event.target.value })}
        />
        <Input
          label={t("desk.list.nextFrom")}
          type="date"
          size="small"
          value={filters.nextFrom}
          onChange={(event) => change({ nextFrom: event.target.value })}
        />
        <Input
          label={t("desk.list.nextTo")}
          type="date"
          size="small"
          value={filters.nextTo}
          error={rangeIsReversed(filters)}
          helperText={rangeIsReversed(filters) ? t("desk.list.rangeReversed") : undefined}
          onChange={(event) => change({ nextTo: event.target.value })}
        />
        <Checkbox
          checked={filters.needsAttention}
          onCheckedChange={(checked) => change({ needsAttention: checked === true })}
        >
          <Text size={3}>{t("desk.list.needsAttention")}</Text>
        </Checkbox>
      </Box>
      {count > 0 && (
        <Box display="flex" gap={2} alignItems="center">
          <Text size={2} color="default2">
            {t("desk.list.filtersOn", { count })}
          </Text>
          <Button variant="tertiary" size="small" onClick={() => { setSearch(""); dispatch({ type: "clear" }); }}>
            {t("desk.list.clear")}
          </Button>
        </Box>
      )}
    </Box>
  );
}
