/** Picks a Saleor product by name (the staff API asks Saleor); a product already chosen is shown by its name. */
import { Box, Button, Input, Text } from "@saleor/macaw-ui";
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { useT } from "../../i18n/i18n";
import { useDebounced } from "../../phone-order/use-debounced";
import { FUNNEL_PRODUCTS } from "../operations";
import type { FunnelProductsQuery } from "../../../gql/graphql";

export type PickedProduct = FunnelProductsQuery["funnelProducts"]["products"][number];

type Props = {
  label: string;
  productId: string;
  onPick: (product: PickedProduct) => void;
  /** Called with the chosen product's details once known (picked, or loaded for a saved funnel). */
  onLoaded?: (product: PickedProduct) => void;
  error?: string;
};

export function ProductPicker({ label, productId, onPick, onLoaded, error }: Props) {
  const t = useT();
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim(), 300);
  const [found] = useQuery({ query: FUNNEL_PRODUCTS, variables: { search: settled }, pause: settled.length < 2 });
  const [named] = useQuery({ query: FUNNEL_PRODUCTS, variables: { ids: [productId] }, pause: !productId });
  const chosen = named.data?.funnelProducts.products.find((product) => product.id === productId);
  useEffect(() => {
    if (chosen && onLoaded) onLoaded(chosen);
  }, [chosen, onLoaded]);
  const results = settled.length >= 2 ? found.data?.funnelProducts : undefined;
  const refusal = results?.errors[0] ?? named.data?.funnelProducts.errors[0];
  return (
    <Box as="fieldset" aria-label={label} display="flex" flexDirection="column" gap={2} borderWidth={0} padding={0} margin={0}>
      <Box as="legend" marginBottom={2}>
        <Text size={4} fontWeight="medium">{label}</Text>
      </Box>
      {productId && <Text data-testid="chosen-product">{t("funnels.chosen", { name: chosen?.name ?? productId })}</Text>}
      <Input label={`${t("funnels.find")} (${label})`} value={search} onChange={(event) => setSearch(event.target.value)}
        error={Boolean(error)} helperText={error} />
      {settled.length >= 2 && results && !results.errors.length && !results.products.length && (
        <Text color="default2">{t("funnels.noProducts")}</Text>
      )}
      <Box display="flex" gap={2} flexWrap="wrap">
        {results?.products.map((product) => (
          <Button key={product.id} type="button" variant={product.id === productId ? "primary" : "secondary"}
            onClick={() => {
              onPick(product);
              setSearch("");
            }}>
            {product.name}
          </Button>
        ))}
      </Box>
      {refusal && <Text color="critical1" role="alert">{refusal.message}</Text>}
    </Box>
  );
}
