import { Box, Text } from "@saleor/macaw-ui";
import { useLanguage, useT } from "../../../i18n/i18n";
import { BackToPlanPrice, LineAdd, LineRemove, PlanEdit, PriceEdit, QuantityEdit, VariantEdit } from "../../edits/ui/LineEdits";
import { formatMoney } from "../../format";
import { Card } from "../../ui/Card";
import { useOpenSubscription } from "../context";
import type { DetailLine } from "../operations";

function Line({ line, removable }: { line: DetailLine; removable: boolean }) {
  const t = useT();
  const language = useLanguage();
  const price = line.nextUnitPrice;
  return (
    <Box
      display="flex"
      flexDirection="column"
      gap={2}
      paddingY={3}
      borderBottomWidth={1}
      borderBottomStyle="solid"
      borderColor="default1"
    >
      <Box display="flex" justifyContent="space-between" gap={4} flexWrap="wrap">
        <Box display="flex" flexDirection="column">
          <Text fontWeight="medium">{line.productName ?? line.variantId}</Text>
          {line.variantName && (
            <Text size={2} color="default2">
              {line.variantName}
            </Text>
          )}
          <Text size={2} color="default2">
            {t("desk.detail.planVersion", { plan: line.planName ?? "—", version: line.planVersion })}
          </Text>
        </Box>
        <Box display="flex" flexDirection="column" alignItems="flex-end">
          <Text>{t("desk.detail.quantity", { quantity: line.quantity })}</Text>
          <Text fontWeight="medium" data-testid="next-unit-price">
            {price ? formatMoney(price.amount, price.currency, language) : t("desk.detail.listPrice")}
          </Text>
          <Text size={2} color="default2">
            {line.priceOverride !== null ? t("desk.detail.overridden") : t("desk.detail.nextUnitPrice")}
          </Text>
        </Box>
      </Box>
      <Box display="flex" gap={2} flexWrap="wrap">
        <QuantityEdit line={line} />
        <VariantEdit line={line} />
        <PriceEdit line={line} />
        {line.priceOverride !== null && <BackToPlanPrice line={line} />}
        {removable && <LineRemove line={line} />}
      </Box>
    </Box>
  );
}

export function LinesCard() {
  const t = useT();
  const { detail } = useOpenSubscription();
  return (
    <Card
      title={t("desk.detail.lines")}
      actions={
        <>
          <LineAdd />
          <PlanEdit />
        </>
      }
    >
      <Box display="flex" flexDirection="column">
        {detail.lines.map((line) => (
          <Line key={line.id} line={line} removable={detail.lines.length > 1} />
        ))}
      </Box>
    </Card>
  );
}
