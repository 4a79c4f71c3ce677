/** The delivery calendar: weekly closed days, a month to click days closed or open, public holidays and year-end presets. */
import { Box, Button, Checkbox, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useQuery } from "urql";
import { useLanguage } from "../../i18n/i18n";
import { apiLanguage, settingsWords } from "../messages";
import { PUBLIC_HOLIDAYS } from "../operations";
import { closeDays, monthWeeks, shiftMonth, toggleDay, weekday, yearEndClosure, type ClosedDay } from "../settings-form";

type Props = {
  days: ClosedDay[];
  weekdays: number[];
  onDays: (days: ClosedDay[]) => void;
  onWeekdays: (weekdays: number[]) => void;
  /** the month shown first, and "today" (days before it no longer matter) */
  today: string;
  error?: string;
};

export function DeliveryCalendar({ days, weekdays, onDays, onWeekdays, today, error }: Props) {
  const language = useLanguage();
  const t = settingsWords(language);
  const [year0, month0] = today.split("-").map(Number);
  const [shown, setShown] = useState({ year: year0, month: month0 });
  const names = t("weekdays").split(",");
  const closedOn = new Map(days.map((day) => [day.date, day.reason]));

  // the shown year's holidays, named on the calendar and closed with one click
  const [holidays] = useQuery({ query: PUBLIC_HOLIDAYS, variables: { year: shown.year, country: "JP", language: apiLanguage(language) } });
  const found = holidays.data?.publicHolidays;
  const holidayOn = new Map((found?.holidays ?? []).map((holiday) => [holiday.date, holiday.name]));
  const closeHolidays = () => onDays(closeDays(days, (found?.holidays ?? []).map((holiday) => ({ date: holiday.date, reason: holiday.name }))));
  const problem = found?.errors[0] ?? (holidays.error ? { message: holidays.error.message } : null);
  const yearEndFrom = shown.month === 1 ? shown.year - 1 : shown.year;
  const upcoming = days.filter((day) => day.date >= today).length;

  return (
    <Box display="flex" flexDirection="column" gap={4}>
      <Text size={3} color="default2">{t("calendarHelp")}</Text>
      <Box display="flex" flexDirection="column" gap={2}>
        <Text size={3} fontWeight="medium">{t("closedWeekdays")}</Text>
        <Box display="flex" gap={4} flexWrap="wrap">
          {names.map((name, index) => (
            <Checkbox key={name} name={`closedWeekday-${index}`} checked={weekdays.includes(index)}
              onCheckedChange={(checked) => onWeekdays(checked === true ? [...weekdays, index].sort() : weekdays.filter((day) => day !== index))}>
              <Text size={3}>{name}</Text>
            </Checkbox>
          ))}
        </Box>
      </Box>
      <Box display="flex" gap={2} flexWrap="wrap">
        <Button type="button" variant="secondary" disabled={!found?.holidays.length} onClick={closeHolidays}>{t("holidays", { year: shown.year })}</Button>
        <Button type="button" variant="secondary" onClick={() => onDays(closeDays(days, yearEndClosure(yearEndFrom, t("yearEndReason"))))}>
          {t("yearEnd")}
        </Button>
      </Box>
      {problem && <Text size={2} color="critical1">{problem.message}</Text>}
      <Box display="flex" alignItems="center" gap={3}>
        <Button type="button" variant="tertiary" aria-label={t("previousMonth")} onClick={() => setShown(shiftMonth(shown.year, shown.month, -1))}>‹</Button>
        <Text as="h3" size={5} fontWeight="bold" data-testid="calendar-month" __minWidth="120px" textAlign="center">
          {t("month", { year: shown.year, month: shown.month })}
        </Text>
        <Button type="button" variant="tertiary" aria-label={t("nextMonth")} onClick={() => setShown(shiftMonth(shown.year, shown.month, 1))}>›</Button>
        <Text size={2} color="default2">{t("closedCount", { count: upcoming })}</Text>
      </Box>
      <Box display="grid" __gridTemplateColumns="repeat(7, 1fr)" gap={1} __maxWidth="560px" data-testid="calendar">
        {names.map((name) => <Text key={name} size={2} color="default2" textAlign="center">{name}</Text>)}
        {monthWeeks(shown.year, shown.month).flat().map((date, index) => {
          if (!date) return <Box key={`pad-${index}`} />;
          const reason = closedOn.get(date);
          const closed = reason !== undefined || weekdays.includes(weekday(date));
          return (
            <Box as="button" type="button" key={date} data-date={date} aria-pressed={closed} title={reason || undefined}
              disabled={date < today} onClick={() => onDays(toggleDay(days, date))}
              display="flex" flexDirection="column" alignItems="center" padding={1} __minHeight="48px"
              borderRadius={3} borderWidth={1} borderStyle="solid" borderColor={closed ? "critical1" : "default1"}
              backgroundColor={closed ? "critical1" : "default1"} cursor={date < today ? "not-allowed" : "pointer"}
              opacity={date < today ? "0.4" : "1"}>
              <Text size={3} fontWeight={closed ? "bold" : "regular"}>{Number(date.slice(8))}</Text>
              <Text size={1} color="default2" __maxWidth="72px" overflow="hidden" textOverflow="ellipsis" whiteSpace="nowrap">
                {(closed ? reason : "") || holidayOn.get(date) || (closed ? t("closed") : "\u00a0")}
              </Text>
            </Box>
          );
        })}
      </Box>
      {error && <Text size={2} color="critical1">{error}</Text>}
    </Box>
  );
}
