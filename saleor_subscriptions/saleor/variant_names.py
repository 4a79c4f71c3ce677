"""What Saleor calls a subscription's variants and their products, in a reader's language where translated."""

from .client import SaleorClient, SaleorError
from .languages import saleor_language


def variant_names(installation, channel: str, variant_ids, language: str) -> dict[str, dict]:
    """{variant id: {"product", "variant"}} from one Saleor request; empty when Saleor cannot say."""
    if not variant_ids:
        return {}
    try:
        edges = SaleorClient.for_installation(installation).execute("VariantNames", {
            "ids": sorted(set(variant_ids)), "channel": channel,
            "languageCode": saleor_language(language)})["productVariants"]["edges"]
    except SaleorError:
        return {}
    names = {}
    for edge in edges:
        node = edge["node"]
        product = node.get("product") or {}
        names[node["id"]] = {"variant": (node.get("translation") or {}).get("name") or node["name"],
                             "product": (product.get("translation") or {}).get("name") or product.get("name")}
    return names
