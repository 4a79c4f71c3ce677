import { Text } from "@saleor/macaw-ui";
import { useT } from "../modules/i18n/i18n";
import { PlansList } from "../modules/plans/ui/PlansList";
import { PageLayout } from "./PageLayout";

/** Home and "Subscriptions": for now, what comes next and the shop's plans. */
export function SubscriptionsPage() {
  const t = useT();
  return (
    <PageLayout title={t("app.title")}>
      <Text color="default2">{t("home.next")}</Text>
      <PlansList />
    </PageLayout>
  );
}
