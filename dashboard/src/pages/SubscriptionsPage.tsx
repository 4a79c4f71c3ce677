import { useT } from "../modules/i18n/i18n";
import { SubscriptionsList } from "../modules/desk/list/ui/SubscriptionsList";
import { PageLayout } from "./PageLayout";

/** Home and "Subscriptions": the operators' list. */
export function SubscriptionsPage() {
  const t = useT();
  return (
    <PageLayout title={t("app.title")}>
      <SubscriptionsList />
    </PageLayout>
  );
}
