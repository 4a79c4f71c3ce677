/** Orders → Subscription figures (NAVIGATION_ORDERS), also a tab of the app's page: figures, charts and CSV exports (MANAGE_ORDERS). */
import { FiguresView } from "../modules/figures/ui/FiguresView";
import { useT } from "../modules/i18n/i18n";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { AppTabs } from "./AppTabs";
import { PageLayout } from "./PageLayout";

export function FiguresPage() {
  const t = useT();
  return (
    <PageLayout title={t("figures.title")} nav={<AppTabs current="figures" />}>
      <RequirePermission permission="MANAGE_ORDERS">
        <FiguresView />
      </RequirePermission>
    </PageLayout>
  );
}
