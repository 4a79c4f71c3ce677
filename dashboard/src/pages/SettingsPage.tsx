import { useT } from "../modules/i18n/i18n";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { ShopSettings } from "../modules/settings/ui/ShopSettings";
import { AppTabs } from "./AppTabs";
import { PageLayout } from "./PageLayout";

/** "Settings" of the app's own page: the merchant's shop settings and delivery calendar (MANAGE_CHANNELS). */
export function SettingsPage() {
  const t = useT();
  return (
    <PageLayout title={t("settings.title")} nav={<AppTabs current="settings" />}>
      <RequirePermission permission="MANAGE_CHANNELS">
        <ShopSettings />
      </RequirePermission>
    </PageLayout>
  );
}
