/** Discounts → Step mails (NAVIGATION_DISCOUNTS): the funnels list and each funnel's editor (MANAGE_DISCOUNTS). */
import { useT } from "../modules/i18n/i18n";
import { FunnelEditor } from "../modules/funnels/ui/FunnelEditor";
import { FunnelsList } from "../modules/funnels/ui/FunnelsList";
import { RequirePermission } from "../modules/refusal/ui/RequirePermission";
import { PageLayout } from "./PageLayout";

export function StepMailsPage() {
  const t = useT();
  return (
    <PageLayout title={t("funnels.title")}>
      <RequirePermission permission="MANAGE_DISCOUNTS">
        <FunnelsList />
      </RequirePermission>
    </PageLayout>
  );
}

export function FunnelPage({ id }: { id: string | null }) {
  const t = useT();
  return (
    <PageLayout title={t("funnels.title")}>
      <RequirePermission permission="MANAGE_DISCOUNTS">
        <FunnelEditor id={id} />
      </RequirePermission>
    </PageLayout>
  );
}
