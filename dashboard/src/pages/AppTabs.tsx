import { Box, Text } from "@saleor/macaw-ui";
import { AppLink } from "../modules/desk/ui/AppLink";
import { useT } from "../modules/i18n/i18n";

/** The app page's tabs: the operators' list and the merchant's settings. */
export function AppTabs({ current }: { current: "subscriptions" | "settings" }) {
  const t = useT();
  const tab = (name: "subscriptions" | "settings", path: string) =>
    name === current ? (
      <Text fontWeight="bold" aria-current="page">{t(`tabs.${name}`)}</Text>
    ) : (
      <AppLink path={path}>{t(`tabs.${name}`)}</AppLink>
    );
  return (
    <Box as="nav" display="flex" gap={5}>
      {tab("subscriptions", "/subscriptions")}
      {tab("settings", "/settings")}
    </Box>
  );
}
