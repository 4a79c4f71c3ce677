/** A product's subscription plans (PRODUCT_DETAILS_MORE_ACTIONS, MANAGE_PRODUCTS): the plan editor with its live preview. */
import { Text } from "@saleor/macaw-ui";
import { useLanguage } from "../modules/i18n/i18n";
import { planWords } from "../modules/plans/messages";
import { ProductPlans } from "../modules/plans/ui/ProductPlans";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { PageLayout } from "./PageLayout";

export function ProductPlansPage({ productId, plan }: { productId: string | null; plan: string | null }) {
  const t = planWords(useLanguage());
  return (
    <PageLayout title={t("title")}>
      <RequirePermission permission="MANAGE_PRODUCTS">
        {productId ? <ProductPlans productId={productId} initialPlan={plan ?? undefined} />
          : <Text color="default2">{t("noProduct")}</Text>}
      </RequirePermission>
    </PageLayout>
  );
}
