import { Box, Text } from "@saleor/macaw-ui";
import { useT } from "../../../i18n/i18n";
import { AddressEdit, ShippingMethodEdit } from "../../edits/ui/ShippingEdits";
import { Card } from "../../ui/Card";
import { addressLines, parseAddress } from "../address";
import { useOpenSubscription } from "../context";

export function ShippingCard() {
  const t = useT();
  const { detail } = useOpenSubscription();
  const address = parseAddress(detail.shippingAddress);
  return (
    <Card title={t("desk.detail.shipping")}>
      {address ? (
        <Box display="flex" flexDirection="column">
          {addressLines(address).map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </Box>
      ) : (
        <Text color="default2">{t("desk.detail.noAddress")}</Text>
      )}
      <Box display="flex" gap={2} flexWrap="wrap">
        <AddressEdit />
        <ShippingMethodEdit />
      </Box>
    </Card>
  );
}
