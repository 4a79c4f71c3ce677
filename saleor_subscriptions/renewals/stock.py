"""Stock and list prices of the variants a cycle ships, read from Saleor once per claim and counted down as it orders."""

import dataclasses
from decimal import Decimal

from ..saleor.payloads import list_price
from ..subscriptions.models import Subscription
from .lines import lines_of


@dataclasses.dataclass(frozen=True)
class Variant:
    available: int
    list_price: Decimal | None


def cycle_variant_ids(subscription: Subscription, cycle: int) -> set[str]:
    """Every variant the cycle ships, free inserts included."""
    ids = set()
    for line in lines_of(subscription):
        ids.add(line.variant_id)
        ids |= {insert.variant_id for insert in line.plan_version.terms.free_inserts if cycle in insert.deliveries}
    return ids


def stock_and_prices(client, channel: str, currency: str, ids) -> dict[str, Variant]:
    """{variant id: Variant}: how many the channel can sell and its list price there (one Saleor request)."""
    edges = client.execute("VariantStock", {"ids": sorted(ids), "channel": channel})["productVariants"]["edges"]
    return {edge["node"]["id"]: Variant(edge["node"]["quantityAvailable"] or 0, list_price(edge["node"], currency))
            for edge in edges}


class ChannelStock:
    """A channel's variants as read for a claim (`asked`: the ids asked about, sold or not); orders count it down."""

    def __init__(self, client, channel: str, currency: str, ids: set[str]):
        self.asked, self.variants = set(ids), stock_and_prices(client, channel, currency, ids)

    def take(self, lines: list[dict]) -> None:
        for line in lines:
            variant = self.variants.get(line["variantId"])
            if variant is not None:
                self.variants[line["variantId"]] = dataclasses.replace(variant, available=variant.available - line["quantity"])
