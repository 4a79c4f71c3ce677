import { useT } from "../modules/i18n/i18n";
import { SubscriptionsList } from "../modules/desk/list/ui/SubscriptionsList";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { AppTabs } from "./AppTabs";
import { PageLayout } from "./PageLayout";

/** Home and "Subscriptions": the operators' list (MANAGE_ORDERS). */
export function SubscriptionsPage() {
  const t = useT();
  return (
    <PageLayout title={t("app.title")} nav={<AppTabs current="subscriptions" />}>
      <RequirePermission permission="MANAGE_ORDERS">
        <SubscriptionsList />
      </RequirePermission>
    </PageLayout>
  );
}
