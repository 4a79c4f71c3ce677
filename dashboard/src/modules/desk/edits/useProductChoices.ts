import { useQuery } from "urql";
import { useLanguage } from "../../i18n/i18n";
import { useOpenSubscription } from "../detail/context";
import type { DetailLine } from "../detail/operations";
import { formatMoney } from "../format";
import { PRODUCT_CHOICES } from "./operations";

export type Choice = { value: string; label: string };

/**
 * The variants and plans of the subscription's product, for the variant, plan and add-a-line dialogs:
 * found by the product's name in the channel, then by the line's variant. Empty until found (the dialogs
 * then take an ID).
 */
export function useProductChoices(line: DetailLine | undefined): { variants: Choice[]; plans: Choice[]; fetching: boolean } {
  const language = useLanguage();
  const { detail } = useOpenSubscription();
  const channel = detail.subscription?.channel ?? "";
  const search = line?.productName ?? "";
  const [{ data, fetching }] = useQuery({ query: PRODUCT_CHOICES, variables: { channel, search }, pause: !channel || !search });
  const product = data?.staffProducts.products.find((candidate) =>
    candidate.variants.some((variant) => variant.id === line?.variantId),
  );
  const variants = (product?.variants ?? []).map((variant) => ({
    value: variant.id,
    label: [variant.name || variant.sku, variant.price && formatMoney(variant.price.amount, variant.price.currency, language)]
      .filter(Boolean)
      .join(" — "),
  }));
  const plans = (product?.plans ?? []).map((plan) => ({ value: plan.code, label: `${plan.name} (${plan.code})` }));
  return { variants, plans, fetching };
}
