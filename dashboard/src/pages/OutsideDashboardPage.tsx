import { Text } from "@saleor/macaw-ui";
import { useT } from "../modules/i18n/i18n";
import { PageLayout } from "./PageLayout";

/** Shown when the page is opened directly, without the Dashboard around it. */
export function OutsideDashboardPage() {
  const t = useT();
  return (
    <PageLayout title={t("app.title")}>
      <Text>{t("app.outside")}</Text>
    </PageLayout>
  );
}
