/** One step: its day, its subject and body per language, the live preview of the language shown, and a test send of it as typed. */
import { Box, Button, Input, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { get, useFormContext, useWatch } from "react-hook-form";
import { useMutation } from "urql";
import { useT } from "../../i18n/i18n";
import { LANGUAGE_NAMES, STEP_LANGUAGES, type FunnelInputValues, type StepLanguage } from "../funnel-form";
import { FUNNEL_TEST_SEND } from "../operations";
import { FormInput, FormTextarea } from "./fields";
import { StepPreview } from "./StepPreview";

type Props = {
  index: number;
  onRemove?: () => void;
};

/** The step as it stands in the form (saved or not), with the funnel's offer, as the preview renders it. */
type Draft = { language: StepLanguage; subject: string; body: string; offerPercentOff: string; voucherCode: string };

function TestSend({ language, subject, body, offerPercentOff, voucherCode }: Draft) {
  const t = useT();
  const [to, setTo] = useState("");
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);
  const [{ fetching }, send] = useMutation(FUNNEL_TEST_SEND);
  const submit = async () => {
    const draft = { subject, body, offerPercentOff: offerPercentOff.trim() || null, voucherCode: voucherCode.trim() };
    const result = await send({ to: to.trim(), language, draft });
    const payload = result.data?.mailTestSend;
    const error = payload?.errors[0];
    if (payload?.sent) setAnswer({ ok: true, message: t("funnels.testSent", { to }) });
    else setAnswer({ ok: false, message: error?.message ?? t("refusal.network") });
  };
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Box display="flex" gap={2} alignItems="flex-start">
        <Box flexGrow="1">
          <Input label={t("funnels.testTo")} type="email" value={to} onChange={(event) => setTo(event.target.value)}
            error={answer?.ok === false} />
        </Box>
        <Button type="button" variant="secondary" disabled={fetching || !to.trim() || !subject.trim() || !body.trim()}
          onClick={() => void submit()}>
          {t("funnels.testSend")}
        </Button>
      </Box>
      {answer && <Text size={2} color={answer.ok ? "success1" : "critical1"} role="status">{answer.message}</Text>}
    </Box>
  );
}

export function StepEditor({ index, onRemove }: Props) {
  const t = useT();
  const position = index + 1;
  const [language, setLanguage] = useState<StepLanguage>("ja");
  const { control, formState } = useFormContext<FunnelInputValues>();
  const text = useWatch({ control, name: `steps.${index}.texts.${language}` });
  const [offerPercentOff, voucherCode] = useWatch({ control, name: ["offerPercentOff", "voucherCode"] });
  const base = `steps.${index}.texts`;
  const draft: Draft = { language, subject: text?.subject ?? "", body: text?.body ?? "", offerPercentOff: offerPercentOff ?? "",
    voucherCode: voucherCode ?? "" };
  return (
    <Box as="section" aria-label={t("funnels.step", { position })} display="grid" __gridTemplateColumns="minmax(0, 1fr) minmax(0, 1fr)"
      gap={5} padding={4} borderRadius={3} borderWidth={1} borderStyle="solid" borderColor="default1">
      <Box display="flex" flexDirection="column" gap={3}>
        <Box display="flex" justifyContent="space-between" alignItems="center">
          <Text as="h3" size={5} fontWeight="bold">{t("funnels.step", { position })}</Text>
          {onRemove && <Button type="button" variant="tertiary" onClick={onRemove}>{t("funnels.removeStep")}</Button>}
        </Box>
        <FormInput name={`steps.${index}.delayDays`} label={t("funnels.delayDays")} type="number" min={0} max={365} />
        <Box display="flex" gap={2} role="tablist">
          {STEP_LANGUAGES.map((code) => {
            const faulty = Boolean(get(formState.errors, `${base}.${code}`));
            return (
              <Button key={code} type="button" role="tab" aria-selected={code === language} size="small"
                variant={code === language ? "primary" : "secondary"} onClick={() => setLanguage(code)}>
                {faulty ? `${LANGUAGE_NAMES[code]} ⚠` : LANGUAGE_NAMES[code]}
              </Button>
            );
          })}
        </Box>
        <Box key={language} display="flex" flexDirection="column" gap={3}>
          <FormInput name={`${base}.${language}.subject`} label={t("funnels.subject")} />
          <FormTextarea name={`${base}.${language}.body`} label={t("funnels.body")} />
        </Box>
        <Text size={2} color="default2">{t("funnels.placeholders")}</Text>
        <TestSend {...draft} />
      </Box>
      <StepPreview position={position} {...draft} />
    </Box>
  );
}
