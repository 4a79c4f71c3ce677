/** One click per export: the API signs a short-lived link for the channel and dates shown, the browser downloads it. */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useMutation } from "urql";
import type { ExportKind } from "../../../gql/graphql";
import { Card } from "../../desk/ui/Card";
import { useT } from "../../i18n/i18n";
import type { StaffError } from "../../refusal/refusal";
import { Refusal } from "../../refusal/ui/Refusal";
import { EXPORT_CREATE } from "../operations";

export const EXPORT_KINDS: ExportKind[] = ["SUBSCRIPTIONS", "RENEWALS", "PAYMENTS", "MAILS", "ENROLMENTS", "CANCELLATIONS"];

/** Opens `url` as a download: the app's origin answers with the file as an attachment, so the page stays. */
export function startDownload(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = ""; // the server names the file
  document.body.append(link);
  link.click();
  link.remove();
}

export function ExportButtons({ channel, from, to, download = startDownload }: {
  channel: string; from: string; to: string; download?: (url: string) => void;
}) {
  const t = useT();
  const [{ fetching }, create] = useMutation(EXPORT_CREATE);
  const [status, setStatus] = useState("");
  const [refusal, setRefusal] = useState<StaffError | null>(null);
  const exportKind = async (kind: ExportKind) => {
    const name = t(`figures.export.${kind}`);
    setRefusal(null);
    setStatus(t("figures.exporting", { name }));
    const result = await create({ kind, channel, from, to });
    const answer = result.data?.exportCreate;
    const error = answer?.errors[0] ?? (answer?.url ? null : { code: "NETWORK", message: t("refusal.network") });
    if (error || !answer?.url) {
      setStatus("");
      setRefusal(error);
      return;
    }
    download(answer.url);
    setStatus(t("figures.exported", { name }));
  };
  return (
    <Card title={t("figures.exports")}>
      <Text size={2} color="default2">{t("figures.exportsHint")}</Text>
      <Box display="flex" gap={2} flexWrap="wrap">
        {EXPORT_KINDS.map((kind) => (
          <Button key={kind} variant="secondary" disabled={fetching} onClick={() => void exportKind(kind)}>
            {t(`figures.export.${kind}`)}
          </Button>
        ))}
      </Box>
      {status && <Text role="status">{status}</Text>}
      {refusal && <Refusal error={refusal} />}
    </Card>
  );
}
