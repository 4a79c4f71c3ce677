/** Moving a plan's subscribers to its current version: who is affected, the day it applies, and the notice mails. */
import { actions, useAppBridge } from "@saleor/app-sdk/app-bridge";
import { Box, Button, Input, Text } from "@saleor/macaw-ui";
import { useState, type ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { formatDate } from "../../desk/format";
import { QueryProblem } from "../../desk/ui/QueryProblem";
import { useLanguage, useT } from "../../i18n/i18n";
import { isMessageKey } from "../../i18n/messages";
import { Refusal } from "../../refusal/ui/Refusal";
import { planWords } from "../messages";
import { PLAN_MOVE_SUBSCRIBERS, STAFF_PLAN_MOVE } from "../operations";

function Cell({ children, header = false }: { children: ReactNode; header?: boolean }) {
  return (
    <Box as={header ? "th" : "td"} paddingY={1} paddingRight={4} textAlign="left">
      <Text size={2} fontWeight={header ? "medium" : "regular"}>{children}</Text>
    </Box>
  );
}

/** Listed for `code` once opened; `onMoved` after the mails went out. */
export function MoveSubscribers({ code, waiting, onMoved }: { code: string; waiting: number; onMoved: () => void }) {
  const language = useLanguage();
  const t = planWords(language);
  const words = useT();
  const status = (value: string) => {
    const key = `desk.status.${value.toUpperCase()}`;
    return isMessageKey(key) ? words(key) : value;
  };
  const { appBridge } = useAppBridge();
  const [open, setOpen] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: STAFF_PLAN_MOVE, variables: { code }, pause: !open, requestPolicy: "network-only" });
  const [moving, move] = useMutation(PLAN_MOVE_SUBSCRIBERS);
  const [day, setDay] = useState<string | null>(null);
  const [said, say] = useState<string | null>(null);
  const info = data?.staffPlanMove;
  const effectiveOn = day ?? info?.earliestEffectiveOn ?? "";
  const refusal = moving.data?.planMoveSubscribers?.errors[0];

  if (said) return <Text role="status" color="success1">{said}</Text>;
  if (!open)
    return <Box><Button type="button" variant="secondary" onClick={() => setOpen(true)}>{t("moveOpen", { count: waiting })}</Button></Box>;
  const confirm = async () => {
    const answer = (await move({ code, effectiveOn })).data?.planMoveSubscribers;
    if (!answer || answer.errors.length || !info) return;
    const line = t("moved", { count: answer.notified, version: info.version ?? "", date: formatDate(effectiveOn, language) });
    say(line);
    void appBridge?.dispatch(actions.Notification({ status: "success", title: t("title"), text: line }));
    onMoved();
  };
  return (
    <Box as="section" aria-label={t("move", { version: info?.version ?? "" })} display="flex" flexDirection="column" gap={3}
      padding={4} borderRadius={4} borderWidth={1} borderStyle="solid" borderColor="default1">
      <Text as="h2" size={6} fontWeight="bold">{t("move", { version: info?.version ?? "" })}</Text>
      <QueryProblem fetching={fetching} error={error} refusal={info?.errors[0]} />
      {info && !info.errors.length && (
        <>
          <Text size={3} color="default2">{t("moveHelp", { days: info.noticeDays })}</Text>
          {info.subscribers.length === 0 ? <Text>{t("moveNone")}</Text> : (
            <Box as="table" aria-label={t("moveWho")} __borderCollapse="collapse">
              <thead><tr>{(["colSubscription", "colEmail", "colStatus", "colVersion", "colNext"] as const).map((column) => (
                <Cell key={column} header>{t(column)}</Cell>))}</tr></thead>
              <tbody>{info.subscribers.map((row) => (
                <tr key={row.id}>
                  <Cell>#{row.id}</Cell><Cell>{row.email}</Cell><Cell>{status(row.status)}</Cell><Cell>v{row.version}</Cell>
                  <Cell>{row.nextDelivery ? formatDate(row.nextDelivery, language) : "—"}</Cell>
                </tr>))}</tbody>
            </Box>
          )}
          <Box display="flex" gap={3} alignItems="center">
            <Input type="date" label={t("moveOn")} value={effectiveOn} min={info.earliestEffectiveOn ?? undefined}
              onChange={(event) => setDay(event.target.value)} error={Boolean(refusal)} helperText={refusal?.message} />
            <Button type="button" disabled={moving.fetching || info.subscribers.length === 0} onClick={() => void confirm()}>
              {t("moveConfirm")}</Button>
          </Box>
          {refusal && refusal.field !== "effectiveOn" && <Refusal error={refusal} />}
        </>
      )}
    </Box>
  );
}
