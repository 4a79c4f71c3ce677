/** Every funnel of the shop with its figures, and what a marketer does to one: edit, pause or resume, delete. */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useT } from "../../i18n/i18n";
import { Card } from "../../desk/ui/Card";
import { Refusal } from "../../refusal/ui/Refusal";
import type { StaffError } from "../../refusal/refusal";
import { navigate } from "../../routing/navigation";
import { funnelPath } from "../../routing/routes";
import { FUNNEL_DELETE, FUNNEL_PAUSE, FUNNEL_RESUME, FUNNELS, type FunnelNode } from "../operations";
import { FunnelFigures } from "./FunnelFigures";

function StatusPill({ active }: { active: boolean }) {
  const t = useT();
  const tone = active ? "success1" : "warning1";
  return (
    <Box as="span" display="inline-flex" paddingX={2} paddingY={0.5} borderRadius={4} backgroundColor={tone}
      borderWidth={1} borderStyle="solid" borderColor={tone}>
      <Text size={2} fontWeight="medium">{t(active ? "funnels.active" : "funnels.paused")}</Text>
    </Box>
  );
}

function FunnelCard({ funnel, onChanged }: { funnel: FunnelNode; onChanged: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<StaffError | null>(null);
  const [pausing, pause] = useMutation(FUNNEL_PAUSE);
  const [resuming, resume] = useMutation(FUNNEL_RESUME);
  const [deleting, remove] = useMutation(FUNNEL_DELETE);
  const busy = pausing.fetching || resuming.fetching || deleting.fetching;
  const answered = (errors: readonly StaffError[] | undefined, networkError?: { message: string }) => {
    const error = errors?.[0] ?? (networkError ? { code: "NETWORK", message: t("refusal.network") } : null);
    setRefusal(error);
    if (!error) onChanged();
  };
  const toggle = async () => {
    if (funnel.isActive) {
      const result = await pause({ id: funnel.id });
      answered(result.data?.funnelPause?.errors, result.error);
    } else {
      const result = await resume({ id: funnel.id });
      answered(result.data?.funnelResume?.errors, result.error);
    }
  };
  const confirmDelete = async () => {
    const result = await remove({ id: funnel.id });
    setConfirming(false);
    answered(result.data?.funnelDelete?.errors, result.error);
  };
  return (
    <Card
      title={
        <Box as="span" display="inline-flex" gap={3} alignItems="center">
          {funnel.name} <StatusPill active={funnel.isActive} />
        </Box>
      }
      actions={
        <>
          <Button variant="secondary" onClick={() => navigate(funnelPath(funnel.id))}>{t("funnels.edit")}</Button>
          <Button variant="secondary" disabled={busy} onClick={() => void toggle()}>
            {t(funnel.isActive ? "funnels.pause" : "funnels.resume")}
          </Button>
          <Button variant="error" disabled={busy} onClick={() => setConfirming(true)}>{t("funnels.delete")}</Button>
        </>
      }
    >
      {confirming && (
        <Box role="alertdialog" display="flex" flexDirection="column" gap={2} padding={3} borderWidth={1} borderStyle="solid"
          borderColor="critical1" borderRadius={3}>
          <Text>{t("funnels.deleteConfirm", { name: funnel.name, enrolled: funnel.figures.enrolled })}</Text>
          <Box display="flex" gap={2}>
            <Button variant="error" disabled={busy} onClick={() => void confirmDelete()}>{t("funnels.deleteYes")}</Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>{t("funnels.cancel")}</Button>
          </Box>
        </Box>
      )}
      {refusal && <Refusal error={refusal} />}
      <FunnelFigures figures={funnel.figures} />
    </Card>
  );
}

export function FunnelsList() {
  const t = useT();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FUNNELS, requestPolicy: "cache-and-network" });
  const answer = data?.funnels;
  const refresh = () => refetch({ requestPolicy: "network-only" });
  return (
    <Box display="flex" flexDirection="column" gap={5}>
      <Box>
        <Button onClick={() => navigate(funnelPath(null))}>{t("funnels.new")}</Button>
      </Box>
      {error && !answer && <Refusal error={{ code: "NETWORK", message: t("refusal.network") }} />}
      {answer?.errors[0] && <Refusal error={answer.errors[0]} />}
      {fetching && !answer && <Text color="default2">{t("funnels.loading")}</Text>}
      {answer && !answer.errors.length && !answer.funnels.length && <Text color="default2">{t("funnels.empty")}</Text>}
      {answer?.funnels.map((funnel) => <FunnelCard key={funnel.id} funnel={funnel} onChanged={refresh} />)}
    </Box>
  );
}
