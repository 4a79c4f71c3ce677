import { Text } from "@saleor/macaw-ui";
import { useT } from "../modules/i18n/i18n";
import { PageLayout } from "./PageLayout";

export function NotFoundPage() {
  const t = useT();
  return (
    <PageLayout title={t("app.title")}>
      <Text>{t("notFound")}</Text>
    </PageLayout>
  );
}
