import { Box, Text } from "@saleor/macaw-ui";
import { useT } from "../../i18n/i18n";
import { refusalTitle, type StaffError } from "../refusal";

/** A refusal shown where the refused content would be. */
export function Refusal({ error }: { error: StaffError }) {
  const t = useT();
  return (
    <Box role="alert" display="flex" flexDirection="column" gap={1} padding={4} borderRadius={4}
      borderWidth={1} borderStyle="solid" borderColor="critical1" backgroundColor="default1">
      <Text size={4} fontWeight="bold" color="critical1">
        {t(refusalTitle(error.code))}
      </Text>
      <Text color="default2">{error.message}</Text>
    </Box>
  );
}
