"""The plan editor's live preview: a draft's terms priced and stated per channel, nothing saved.

The numbers come from `offers.priced_offer` (what `sellingPlans` answers) and the statements from
`checkout.disclosure.describe` (what the checkout's final screen shows), for the draft as an unsaved version.
"""

import dataclasses
import zoneinfo

from django.utils import timezone

from ..checkout.disclosure import DisclosedLine, describe
from ..payments.gateway import available_methods
from ..saleor.client import SaleorClient
from ..saleor.languages import saleor_language
from ..saleor.payloads import list_price
from .models import Plan, PlanVersion, SubscriptionProduct
from .offers import PlanOffer, priced_offer
from .pricing import PricingError
from .terms import PlanTerms


@dataclasses.dataclass(frozen=True)
class ChannelPreview:
    slug: str
    name: str
    currency: str
    offer: PlanOffer | None  # None: the draft has no price for this channel's currency (or no list price to take % off)
    disclosed: DisclosedLine | None


@dataclasses.dataclass(frozen=True)
class EditorProduct:
    """A Saleor product as the editor shows it: its name, variants and the channels it is listed in."""

    id: str
    name: str
    variants: list[dict]  # {id, name}
    channels: list[dict]  # {slug, name, currency_code}


def _name(node: dict) -> str:
    return (node.get("translation") or {}).get("name") or node["name"]


def editor_product(installation, product_id: str, language: str) -> EditorProduct | None:
    client = SaleorClient.for_installation(installation)
    product = client.execute("PlanEditorProduct", {"productId": product_id, "languageCode": saleor_language(language)})["product"]
    if product is None:
        return None
    return EditorProduct(
        id=product["id"], name=_name(product),
        variants=[{"id": v["id"], "name": _name(v)} for v in product["variants"] or ()],
        channels=[{"slug": listing["channel"]["slug"], "name": listing["channel"]["name"],
                   "currency_code": listing["channel"]["currencyCode"]} for listing in product["channelListings"] or ()],
    )


def find_variants(installation, search: str) -> list[dict]:
    """Variants of the products whose name matches `search` ({id, name: "Product Variant"}), for a free insert."""
    found = SaleorClient.for_installation(installation).execute("VariantSearch", {"search": search})["products"]
    return [{"id": variant["id"], "name": f"{edge['node']['name']} {variant['name']}".strip()}
            for edge in found["edges"] for variant in edge["node"]["variants"] or ()]


def preview(installation, product: EditorProduct, terms: PlanTerms, *, code: str, language: str, today=None) -> list[ChannelPreview]:
    """The draft priced in every channel the product is listed in, for its first subscribable variant."""
    client = SaleorClient.for_installation(installation)
    switch = SubscriptionProduct.objects.filter(installation=installation, product_id=product.id).first()
    today = today or timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()
    version = PlanVersion(plan=Plan(installation=installation, code=code or "draft"), number=0,
                          terms_json=terms.model_dump(mode="json"))
    previews = []
    for channel in product.channels:
        slug, currency = channel["slug"], channel["currency_code"]
        data = client.execute("ProductPricing", {"productId": product.id, "channel": slug,
                                                 "languageCode": saleor_language(language)})
        variants = (data["product"] or {}).get("variants") or []
        covered = [v for v in variants if not switch or not switch.variant_ids or v["id"] in switch.variant_ids]
        variant = (covered or variants or [None])[0]
        price = list_price(variant, currency) if variant else None
        offer = priced_offer(installation, version, currency=currency, language=language, variant_price=price, ordered_on=today)
        disclosed = None
        if offer and variant:
            methods = [m for m in available_methods(installation, {"channel": {"slug": slug, "currencyCode": currency}})
                       if m in terms.payment_methods]
            try:
                disclosed = describe(
                    installation, terms, product=f"{_name(data['product'])} {_name(variant)}".strip(),
                    plan_name=offer.text.name, quantity=terms.min_quantity, currency=currency, language=language,
                    first_on=today, payment_methods=methods, shipping=None, list_price=price)
            except PricingError:
                disclosed = None
        previews.append(ChannelPreview(slug, channel["name"], currency, offer, disclosed))
    return previews
