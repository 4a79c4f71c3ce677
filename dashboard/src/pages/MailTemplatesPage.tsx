import { useT } from "../modules/i18n/i18n";
import { MailTemplates } from "../modules/mail-templates/ui/MailTemplates";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { AppTabs } from "./AppTabs";
import { PageLayout } from "./PageLayout";

/** "Mail templates" of the app's own page: the shop's own text for every mail (MANAGE_CHANNELS, as the settings). */
export function MailTemplatesPage() {
  const t = useT();
  return (
    <PageLayout title={t("settings.title")} nav={<AppTabs current="mail-templates" />}>
      <RequirePermission permission="MANAGE_CHANNELS">
        <MailTemplates />
      </RequirePermission>
    </PageLayout>
  );
}
