/** The shop settings as saved, then the form to change them; the shop's Stripe account, saved on its own. */
import { Box } from "@saleor/macaw-ui";
import { useQuery } from "urql";
import { QueryProblem } from "../../desk/ui/QueryProblem";
import { SHOP_SETTINGS } from "../operations";
import { todayIn } from "../settings-form";
import { ShopSettingsForm } from "./ShopSettingsForm";
import { StripeAccountCard } from "./StripeAccountCard";

export function ShopSettings() {
  const [{ data, fetching, error }] = useQuery({ query: SHOP_SETTINGS });
  const shop = data?.shopSettings.shop;
  if (!shop) return <QueryProblem fetching={fetching} error={error} refusal={data?.shopSettings.errors[0]} />;
  return (
    <Box display="flex" flexDirection="column" gap={5} __maxWidth="960px">
      <ShopSettingsForm shop={shop} today={todayIn(shop.timeZone)} paymentChoices={data.shopSettings.paymentMethodChoices}
        channels={data.shopSettings.channels} />
      <StripeAccountCard />
    </Box>
  );
}
