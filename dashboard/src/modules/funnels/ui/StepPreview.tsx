/** The step as the server would mail it to a sample buyer, re-rendered once the marketer pauses typing. */
import { Box, Text } from "@saleor/macaw-ui";
import { useMemo } from "react";
import { useQuery } from "urql";
import { useT } from "../../i18n/i18n";
import { useDebounced } from "../../phone-order/use-debounced";
import { LANGUAGE_NAMES, type StepLanguage } from "../funnel-form";
import { FUNNEL_STEP_PREVIEW } from "../operations";

export const PREVIEW_DELAY_MS = 400;

type Props = {
  position: number;
  language: StepLanguage;
  subject: string;
  body: string;
  offerPercentOff: string;
  voucherCode: string;
};

export function StepPreview({ position, language, subject, body, offerPercentOff, voucherCode }: Props) {
  const t = useT();
  const draft = useMemo(
    () => ({ language, subject, body, offerPercentOff: offerPercentOff.trim() || null, voucherCode: voucherCode.trim() }),
    [language, subject, body, offerPercentOff, voucherCode],
  );
  const variables = useDebounced(draft, PREVIEW_DELAY_MS);
  const empty = !variables.subject.trim() || !variables.body.trim();
  const [{ data, fetching }] = useQuery({ query: FUNNEL_STEP_PREVIEW, variables, pause: empty });
  const preview = empty ? undefined : data?.funnelStepPreview;
  const error = preview?.errors[0];
  return (
    <Box as="section" aria-label={t("funnels.preview", { position, language: LANGUAGE_NAMES[language] })} display="flex"
      flexDirection="column" gap={2} padding={4} borderRadius={3} borderWidth={1} borderStyle="solid" borderColor="default1"
      backgroundColor="default2">
      <Text size={3} fontWeight="medium" color="default2">{t("funnels.preview", { position, language: LANGUAGE_NAMES[language] })}</Text>
      {empty && <Text color="default2">{t("funnels.previewEmpty")}</Text>}
      {!empty && fetching && !preview && <Text color="default2">{t("funnels.previewLoading")}</Text>}
      {error && <Text color="critical1" role="alert" data-testid="preview-error">{error.message}</Text>}
      {preview && !error && (
        <>
          <Text size={5} fontWeight="bold" data-testid="preview-subject">{preview.subject}</Text>
          {/* the HTML part as mail clients show it: its own document, no scripts */}
          <Box as="iframe" title="HTML" sandbox="" srcDoc={preview.html ?? ""} width="100%" __height="320px" borderWidth={1}
            borderStyle="solid" borderColor="default1" borderRadius={2} backgroundColor="default1" />
          <Box as="details">
            <Box as="summary" cursor="pointer">
              <Text size={2} color="default2">{t("funnels.textPart")}</Text>
            </Box>
            <Box as="pre" margin={0} __whiteSpace="pre-wrap" __fontFamily="inherit" data-testid="preview-text">
              <Text>{preview.text}</Text>
            </Box>
          </Box>
        </>
      )}
    </Box>
  );
}
