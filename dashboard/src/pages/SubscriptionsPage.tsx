import { Text } from "@saleor/macaw-ui";
import { useT } from "../modules/i18n/i18n";
import { PlansList } from "../modules/plans/ui/PlansList";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { PageLayout } from "./PageLayout";

/** Home and "Subscriptions" (operators, MANAGE_ORDERS): for now, what comes next and the shop's plans. */
export function SubscriptionsPage() {
  const t = useT();
  return (
    <PageLayout title={t("app.title")}>
      <RequirePermission permission="MANAGE_ORDERS">
        <Text color="default2">{t("home.next")}</Text>
        <PlansList />
      </RequirePermission>
    </PageLayout>
  );
}
