"""What `orderBulkCreate` renewals must tell Saleor themselves, read once per channel and batch.

Saleor stores bulk orders verbatim: it neither picks a warehouse nor computes taxes or shipping.
So the app does what Saleor's flat-rate calculation does (`saleor/tax/calculations`): the rate of
the line's tax class in the delivery country, else the country's default rate; net from gross
when the channel's prices include tax, gross from net otherwise, each line total rounded to the
currency. Whatever this cannot reproduce raises `NeedsDraft`, and the draft-order path, where
Saleor prices the order itself, renews that subscription instead.
"""

import base64
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..core.money import quantize
from ..saleor.client import SaleorClient
from ..saleor.payloads import list_price
from .stock import Variant

HUNDRED = Decimal(100)
PAGE = 100  # Saleor's most per page


class NeedsDraft(Exception):
    """A bulk order could not be right (a tax app, no tax class, no warehouse holding the line, …)."""


def shipping_method_pk(global_id: str) -> str:
    """The database id inside either id form Saleor hands out for a shipping method.

    Order payloads say `ShippingMethod:<pk>`, shipping zones `ShippingMethodType:<pk>`; bulk
    orders accept only the first, draft orders either.
    """
    type_name, _, pk = base64.b64decode(global_id).decode().partition(":")
    if type_name not in ("ShippingMethod", "ShippingMethodType"):
        raise ValueError(f"not a shipping method id: {global_id!r}")
    return pk


def shipping_method_id(pk: str) -> str:
    return base64.b64encode(f"ShippingMethod:{pk}".encode()).decode()


@dataclass(frozen=True)
class StockedVariant(Variant):
    name: str = ""
    product_name: str = ""
    sku: str | None = None
    tax_class: str | None = None
    shipping_required: bool = True


@dataclass(frozen=True)
class Shipping:
    pk: str
    name: str
    price: Decimal
    tax_class: str | None


@dataclass
class Catalogue:
    """One channel's variants, warehouses, shipping prices and tax rules, as a batch sees them.

    Stock taken by earlier orders of the batch is subtracted as they are built, as Saleor's stock
    check at creation would.
    """

    currency: str
    variants: dict[str, StockedVariant]
    free: dict[str, dict[str, int]]  # variant → warehouse of the channel → quantity not allocated
    shipping: dict[str, Shipping]  # by shipping method pk
    taxes: dict  # the channel's TaxConfiguration
    rates: dict[tuple[str, str | None], Decimal] = field(default_factory=dict)  # (country, tax class) → percent

    def warehouse(self, variant_id: str, quantity: int) -> str:
        """The channel's warehouse with the most free stock, if it holds the whole line."""
        free = self.free.get(variant_id) or {}
        best = max(free, key=free.get, default=None)
        if best is None or free[best] < quantity:
            raise NeedsDraft(f"no single warehouse holds {quantity} of {variant_id}")
        return best

    def take(self, variant_id: str, warehouse: str, quantity: int) -> None:
        self.free[variant_id][warehouse] -= quantity
        variant = self.variants[variant_id]
        self.variants[variant_id] = replace(variant, available=variant.available - quantity)

    def _country_setting(self, country: str, name: str):
        override = next((c for c in self.taxes.get("countries") or () if c["country"]["code"] == country), None)
        if override is not None and (name == "chargeTaxes" or override.get(name) is not None):
            return override[name]
        return self.taxes.get(name)

    def rate(self, country: str, tax_class: str | None) -> Decimal:
        """The flat tax rate (percent) of a tax class in the delivery country."""
        if not self._country_setting(country, "chargeTaxes"):
            return Decimal(0)
        strategy = self._country_setting(country, "taxCalculationStrategy")
        if strategy == "TAX_APP":
            raise NeedsDraft("a tax app calculates this channel's taxes")
        if strategy is None:
            return Decimal(0)
        return self.rates.get((country, tax_class), self.rates.get((country, None), Decimal(0)))

    def weighted_shipping(self, country: str) -> bool:
        return bool(self._country_setting(country, "useWeightedTaxForShipping"))

    def taxed(self, amount: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
        """(net, gross) of an amount entered as the channel enters prices."""
        factor = 1 + rate / HUNDRED
        if self.taxes.get("pricesEnteredWithTax", True):
            return quantize(amount / factor, self.currency), quantize(amount, self.currency)
        return quantize(amount, self.currency), quantize(amount * factor, self.currency)


def _variant(node: dict, currency: str) -> StockedVariant:
    product = node["product"]
    tax_class = product["taxClass"] or product["productType"]["taxClass"]
    return StockedVariant(
        available=node["quantityAvailable"] or 0, list_price=list_price(node, currency), name=node["name"],
        product_name=product["name"], sku=node["sku"], tax_class=tax_class["id"] if tax_class else None,
        shipping_required=product["productType"]["isShippingRequired"],
    )


def fetch(client: SaleorClient, channel: str, currency: str, variant_ids: set[str]) -> Catalogue:
    """One query: the batch's variants in a channel, its warehouses, shipping prices and tax rules."""
    ids = sorted(variant_ids)
    data = client.execute("BulkCatalogue", {"ids": ids[:PAGE], "channel": channel})
    nodes = [edge["node"] for edge in data["productVariants"]["edges"]]
    for start in range(PAGE, len(ids), PAGE):  # a page holds 100 variants; the rest of the answer repeats
        more = client.execute("BulkCatalogue", {"ids": ids[start:start + PAGE], "channel": channel})
        nodes += [edge["node"] for edge in more["productVariants"]["edges"]]
    warehouses = {warehouse["id"] for warehouse in (data["channel"] or {}).get("warehouses") or ()}
    free = {node["id"]: {stock["warehouse"]["id"]: stock["quantity"] - stock["quantityAllocated"]
                         for stock in node["stocks"] or () if stock["warehouse"]["id"] in warehouses}
            for node in nodes}
    shipping = {}
    for zone in data["shippingZones"]["edges"]:
        for method in zone["node"]["shippingMethods"] or ():
            listing = next((item for item in method["channelListings"] or () if item["channel"]["slug"] == channel), None)
            if listing and listing["price"]:
                pk = shipping_method_pk(method["id"])
                shipping[pk] = Shipping(pk, method["name"], quantize(Decimal(str(listing["price"]["amount"])), currency),
                                        (method["taxClass"] or {}).get("id"))
    taxes = next((edge["node"] for edge in data["taxConfigurations"]["edges"] if edge["node"]["channel"]["slug"] == channel),
                 {"chargeTaxes": False})
    rates = {(country["country"]["code"], (rate["taxClass"] or {}).get("id")): Decimal(str(rate["rate"]))
             for country in data["taxCountryConfigurations"] or () for rate in country["taxClassCountryRates"]}
    return Catalogue(currency, {node["id"]: _variant(node, currency) for node in nodes}, free, shipping, taxes, rates)
