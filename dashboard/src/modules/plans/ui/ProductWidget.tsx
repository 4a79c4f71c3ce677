/** On the Dashboard's product page (PRODUCT_DETAILS_WIDGETS): the "subscription" switch and the product's plans. */
import { Box, Button, Checkbox, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useAppPageRedirect } from "../../app-bridge/redirect";
import { DashboardLink } from "../../desk/ui/AppLink";
import { QueryProblem } from "../../desk/ui/QueryProblem";
import { WidgetFrame } from "../../desk/widgets/ui/WidgetFrame";
import { useLanguage } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import { productPlansPath } from "../../routing/routes";
import { planWords } from "../messages";
import { PRODUCT_SUBSCRIPTION_SET, STAFF_PLAN_PRODUCT } from "../operations";

type Switch = { productId: string; subscribable: boolean; variantIds: string[]; variants: { id: string; name: string }[] };

/** Whole product or some variants; saved on demand. */
function SubscriptionSwitch({ productId, subscribable, variantIds, variants }: Switch) {
  const t = planWords(useLanguage());
  const [setting, setSwitch] = useMutation(PRODUCT_SUBSCRIPTION_SET);
  const [on, turn] = useState(subscribable);
  const [only, limit] = useState<string[]>(variantIds);
  const [said, say] = useState<string | null>(null);
  const refusal = setting.data?.productSubscriptionSet?.errors[0];
  const save = async () => {
    const saved = await setSwitch({ productId, subscribable: on, variantIds: only });
    say(saved.data?.productSubscriptionSet?.errors.length !== 0 ? null : t("switchSaved"));
  };
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Checkbox checked={on} onCheckedChange={(checked) => { turn(checked === true); say(null); }}>
        <Text size={3} fontWeight="medium">{t("switchOn")}</Text>
      </Checkbox>
      {on && variants.length > 1 && (
        <Box display="flex" flexDirection="column" gap={1} paddingLeft={4}>
          <Text size={2} color="default2">{only.length ? t("someVariants") : t("allVariants")}</Text>
          {variants.map((variant) => (
            <Checkbox key={variant.id} checked={only.includes(variant.id)} onCheckedChange={(checked) => {
              limit(checked === true ? [...only, variant.id] : only.filter((id) => id !== variant.id));
              say(null);
            }}>
              <Text size={2}>{variant.name}</Text>
            </Checkbox>
          ))}
        </Box>
      )}
      <Box display="flex" gap={2} alignItems="center">
        <Button type="button" size="small" variant="secondary" disabled={setting.fetching} onClick={() => void save()}>
          {t("saveSwitch")}</Button>
        {said && <Text size={2} role="status" color="success1">{said}</Text>}
      </Box>
      {refusal && <Refusal error={refusal} />}
    </Box>
  );
}

export function ProductWidget({ productId }: { productId: string | null }) {
  const t = planWords(useLanguage());
  const openAppPage = useAppPageRedirect();
  const [{ data, fetching, error }] = useQuery({ query: STAFF_PLAN_PRODUCT, variables: { productId: productId ?? "" }, pause: !productId });
  const result = data?.staffPlanProduct;
  if (!productId) return <WidgetFrame><Text color="default2">{t("noProduct")}</Text></WidgetFrame>;
  if (!result || result.errors.length)
    return <WidgetFrame><QueryProblem fetching={fetching} error={error} refusal={result?.errors[0]} /></WidgetFrame>;
  return (
    <WidgetFrame>
      <SubscriptionSwitch productId={productId} subscribable={result.subscribable} variantIds={result.variantIds}
        variants={result.variants} />
      <Box as="ul" display="flex" flexDirection="column" gap={1} padding={0} margin={0}>
        {result.plans.length === 0 && <Text size={2} color="default2">{t("noPlans")}</Text>}
        {result.plans.map((plan) => (
          <Box as="li" key={plan.code} display="flex" justifyContent="space-between" gap={2}>
            <DashboardLink onOpen={() => openAppPage(productPlansPath(productId, plan.code))}>{plan.code}</DashboardLink>
            <Text size={2} color="default2">
              {t("planLine", { version: plan.version, subscribers: plan.subscribers })}{plan.isArchived ? ` · ${t("archived")}` : ""}
            </Text>
          </Box>
        ))}
      </Box>
      <Box>
        <Button type="button" size="small" onClick={() => openAppPage(productPlansPath(productId))}>{t("editPlans")}</Button>
      </Box>
    </WidgetFrame>
  );
}
