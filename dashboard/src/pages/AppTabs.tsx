import { Box, Text } from "@saleor/macaw-ui";
import { AppLink } from "../modules/desk/ui/AppLink";
import { useT } from "../modules/i18n/i18n";

type Tab = "subscriptions" | "figures" | "settings" | "mail-templates";

/** The app page's tabs: the operators' list, the figures, the merchant's settings and mail templates. */
export function AppTabs({ current }: { current: Tab }) {
  const t = useT();
  const tab = (name: Tab, path: string) =>
    name === current ? (
      <Text fontWeight="bold" aria-current="page">{t(`tabs.${name}`)}</Text>
    ) : (
      <AppLink path={path}>{t(`tabs.${name}`)}</AppLink>
    );
  return (
    <Box as="nav" display="flex" gap={5}>
      {tab("subscriptions", "/subscriptions")}
      {tab("figures", "/figures")}
      {tab("settings", "/settings")}
      {tab("mail-templates", "/mail-templates")}
    </Box>
  );
}
