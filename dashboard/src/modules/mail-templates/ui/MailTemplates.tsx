/** The Mail templates tab: pick a mail and a language, edit its subject, text and HTML beside the server's live preview,
 * save (refusals beside their field, with the line), reset to default, and see who saved which version when. */
import { Box, Button, Input, Select, Text, Textarea } from "@saleor/macaw-ui";
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { MailTemplateFieldsFragment } from "../../../gql/graphql";
import { Card } from "../../desk/ui/Card";
import { QueryProblem } from "../../desk/ui/QueryProblem";
import { useLanguage } from "../../i18n/i18n";
import type { Language } from "../../i18n/messages";
import { useDebounced } from "../../phone-order/use-debounced";
import type { StaffError } from "../../refusal/refusal";
import { kindName, mailTemplateWords } from "../messages";
import { MAIL_TEMPLATE, MAIL_TEMPLATE_PREVIEW, MAIL_TEMPLATE_RESET, MAIL_TEMPLATE_SAVE, MAIL_TEMPLATES } from "../operations";

type Words = ReturnType<typeof mailTemplateWords>;
type Draft = { subject: string; text: string; html: string };
type Field = keyof Draft;

const LANGUAGES = ["ja", "en", "zh-hans", "zh-hant"] as const;
const FIELDS: readonly Field[] = ["subject", "text", "html"];
export const PREVIEW_DELAY_MS = 400;

const draftOf = ({ subject, text, html }: Draft): Draft => ({ subject, text, html });

/** The kinds and languages to choose from, then the editor of the chosen one. */
export function MailTemplates() {
  const language = useLanguage();
  const t = mailTemplateWords(language);
  const [kind, setKind] = useState("renewal_placed");
  // the staff's own language (the Dashboard may announce it after the first render) until they pick another
  const [picked, setMailLanguage] = useState<string | null>(null);
  const mailLanguage = picked ?? language.toLowerCase();
  const [{ data: listed, fetching, error }, relist] = useQuery({ query: MAIL_TEMPLATES });
  const rows = listed?.mailTemplates.templates;
  const kinds = useMemo(() => [...new Set(rows?.map((row) => row.kind))], [rows]);
  if (!rows) return <QueryProblem fetching={fetching} error={error} refusal={listed?.mailTemplates.errors[0]} />;
  const edited = (name: string, lang?: string) => rows.some((row) => row.kind === name && row.overridden && (!lang || row.language === lang));
  const label = (name: string, text: string, isEdited: boolean) => ({ value: name, label: isEdited ? t("edited", { name: text }) : text });
  return (
    <Box display="flex" flexDirection="column" gap={5}>
      <Text size={3} color="default2">{t("help")}</Text>
      <Box display="grid" __gridTemplateColumns="2fr 1fr" gap={3} __maxWidth="720px">
        <Select label={t("kind")} value={kind} onChange={(value) => setKind(String(value))}
          options={kinds.map((name) => label(name, kindName(t, name), edited(name)))} />
        <Select label={t("language")} value={mailLanguage} onChange={(value) => setMailLanguage(String(value))}
          options={LANGUAGES.map((lang) => label(lang, t(lang), edited(kind, lang)))} />
      </Box>
      <Template key={`${kind}/${mailLanguage}`} kind={kind} language={mailLanguage} t={t} uiLanguage={language}
        onChanged={() => relist({ requestPolicy: "network-only" })} />
    </Box>
  );
}

function Template({ kind, language, t, uiLanguage, onChanged }: {
  kind: string; language: string; t: Words; uiLanguage: Language; onChanged: () => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: MAIL_TEMPLATE, variables: { kind, language }, requestPolicy: "network-only" });
  const template = data?.mailTemplate.template;
  if (!template) return <QueryProblem fetching={fetching} error={error} refusal={data?.mailTemplate.errors[0]} />;
  return <Editor initial={template} t={t} uiLanguage={uiLanguage} onChanged={onChanged} />;
}

function Editor({ initial, t, uiLanguage, onChanged }: {
  initial: MailTemplateFieldsFragment; t: Words; uiLanguage: Language; onChanged: () => void;
}) {
  const { kind, language } = initial;
  const [template, setTemplate] = useState(initial);
  const [draft, setDraft] = useState<Draft>(draftOf(initial.current));
  const [refusal, setRefusal] = useState<StaffError | null>(null);
  const [notice, setNotice] = useState("");
  const settled = useDebounced(draft, PREVIEW_DELAY_MS);
  const [{ data: previewed, fetching: previewing }] = useQuery({
    query: MAIL_TEMPLATE_PREVIEW, variables: { kind, language, input: settled }, requestPolicy: "network-only",
  });
  const preview = previewed?.mailTemplatePreview;
  const [{ fetching: saving }, save] = useMutation(MAIL_TEMPLATE_SAVE);
  const [{ fetching: resetting }, reset] = useMutation(MAIL_TEMPLATE_RESET);

  const fieldError = (field: Field) =>
    (refusal?.field === field ? refusal.message : undefined) ?? preview?.errors.find((error) => error.field === field)?.message;
  const edit = (field: Field, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setRefusal(null);
    setNotice("");
  };
  const answered = (payload: { template?: MailTemplateFieldsFragment | null; errors: StaffError[] } | null | undefined, done: string) => {
    if (!payload?.template) {
      setRefusal(payload?.errors[0] ?? { code: "NETWORK", message: "" });
      return;
    }
    setTemplate(payload.template);
    setDraft(draftOf(payload.template.current));
    setNotice(done.replace("{number}", String(payload.template.versions[0]?.number ?? "")));
    onChanged();
  };
  const when = new Intl.DateTimeFormat(uiLanguage, { dateStyle: "medium", timeStyle: "short" });

  return (
    <Box display="grid" __gridTemplateColumns="minmax(0, 1fr) minmax(0, 1fr)" gap={5}>
      <Box display="flex" flexDirection="column" gap={4}>
        <Card title={`${kindName(t, kind)} · ${t(language as "ja")}`}>
          <Input id="template-subject" label={t("subject")} value={draft.subject} onChange={(event) => edit("subject", event.target.value)}
            error={Boolean(fieldError("subject"))} helperText={fieldError("subject")} />
          {(["text", "html"] as const).map((field) => (
            <Box key={field} data-testid={`field-${field}`}>
              <Textarea id={`template-${field}`} label={t(field)} rows={14} value={draft[field]}
                onChange={(event) => edit(field, event.target.value)} error={Boolean(fieldError(field))} helperText={fieldError(field)}
                __fontFamily="monospace" />
            </Box>
          ))}
          <Box display="flex" gap={3} alignItems="center" flexWrap="wrap">
            <Button type="button" disabled={saving}
              onClick={() => void save({ kind, language, input: draft }).then((answer) => answered(answer.data?.mailTemplateSave, t("saved")))}>
              {saving ? t("saving") : t("save")}
            </Button>
            <Button type="button" variant="secondary" disabled={resetting || !template.overridden}
              onClick={() => void reset({ kind, language }).then((answer) => answered(answer.data?.mailTemplateReset, t("resetDone")))}>
              {t("reset")}
            </Button>
            {notice && <Text size={3} role="status">{notice}</Text>}
            {refusal && (
              <Text size={3} color="critical1" role="alert">
                {refusal.field && FIELDS.includes(refusal.field as Field) ? t("refused") : refusal.message || t("refused")}
              </Text>
            )}
          </Box>
        </Card>
        <Card title={t("versions")}>
          {template.versions.length === 0 ? <Text size={3}>{t("noVersions")}</Text> : (
            <Box as="ol" display="flex" flexDirection="column" gap={2} margin={0} padding={0} data-testid="versions">
              {template.versions.map((version, index) => (
                <Box as="li" key={version.number} display="flex" gap={3} alignItems="center" flexWrap="wrap">
                  <Text size={3} fontWeight="medium">
                    {t(version.isDefault ? "resetVersion" : "version", { number: version.number })}
                    {index === 0 && template.overridden ? ` (${t("inUse")})` : ""}
                  </Text>
                  <Text size={2} color="default2">{t("savedBy", { who: version.savedBy || "—", when: when.format(new Date(version.savedAt)) })}</Text>
                  {!version.isDefault && (
                    <Button type="button" variant="tertiary" size="small" onClick={() => setDraft(draftOf(version))}>{t("load")}</Button>
                  )}
                </Box>
              ))}
            </Box>
          )}
        </Card>
      </Box>
      <Card title={previewing ? `${t("preview")} · ${t("previewing")}` : t("preview")}>
        {preview?.errors[0] ? <Text size={3} color="critical1" data-testid="preview-refused">{preview.errors[0].message}</Text> : (
        <Box display="flex" flexDirection="column" gap={3} data-testid="preview">
          <Text size={2} color="default2">{t("previewSubject")}</Text>
          <Text size={4} fontWeight="bold" data-testid="preview-subject">{preview?.subject ?? ""}</Text>
          <Text size={2} color="default2">{t("previewHtml")}</Text>
          <Box as="iframe" title={t("previewHtml")} sandbox="" srcDoc={preview?.html ?? ""} __height="360px" width="100%"
            borderWidth={1} borderStyle="solid" borderColor="default1" borderRadius={3} backgroundColor="default1" />
          <Text size={2} color="default2">{t("previewText")}</Text>
          <Box as="pre" data-testid="preview-text" margin={0} __whiteSpace="pre-wrap" __fontFamily="monospace" __fontSize="12px">
            {preview?.text ?? ""}
          </Box>
        </Box>
        )}
      </Card>
    </Box>
  );
}
