"""What a shopper is offered for one variant in one channel: every sellable plan, priced."""

import dataclasses
import datetime
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from ..core.errors import InputError
from ..saleor.client import SaleorClient
from ..saleor.languages import language_for, saleor_language
from ..saleor.payloads import list_price, on_sale
from ..subscriptions.calendar import planned_deliveries
from .models import Plan, PlanVersion, SubscriptionProduct
from .pricing import LinePrice, PricingError, price_line
from .terms import Text

EXAMPLE_DELIVERIES = 3


class OfferError(InputError):
    """A storefront request for plans that cannot be answered."""


@dataclasses.dataclass(frozen=True)
class PlanOffer:
    plan: Plan
    version: PlanVersion
    text: Text
    first_delivery: LinePrice
    regular: LinePrice
    steps: list[tuple[int, LinePrice]]
    tiers: list[LinePrice]
    upcoming_deliveries: list[datetime.date]


@dataclasses.dataclass(frozen=True)
class Offers:
    channel: str
    currency: str
    language: str
    product_id: str | None
    variant_id: str | None
    one_time_price: Decimal | None
    plans: list[PlanOffer]


def offers_for(installation, *, channel: str, language_code: str | None = None, product_id=None, variant_id=None, today=None,
               staff: bool = False) -> Offers:
    """Plans priced for the channel; a product shoppers cannot buy there is "not found" except to `staff`.

    We ask Saleor with the app's token, which sees unpublished products and inactive channels too.
    """
    if bool(product_id) == bool(variant_id):
        raise OfferError("productId", "invalid", "give exactly one of productId and variantId")
    language = language_for(language_code, installation.default_language)
    client = SaleorClient.for_installation(installation)
    if variant_id:
        found = client.execute("VariantProduct", {"variantId": variant_id, "channel": channel})
        if found["channel"] is None:
            raise OfferError("channel", "not_found", f"no channel {channel!r}", channel=channel)
        variant = found["productVariant"]
        if variant is None:
            raise OfferError("variantId", "not_found", f"no variant {variant_id} is sold in channel {channel!r}")
        product_id = variant["product"]["id"]

    switch = SubscriptionProduct.objects.filter(installation=installation, product_id=product_id).first()
    data = client.execute(
        "ProductPricing", {"productId": product_id, "channel": channel, "languageCode": saleor_language(language)}
    )
    if data["channel"] is None:
        raise OfferError("channel", "not_found", f"no channel {channel!r}", channel=channel)
    currency = data["channel"]["currencyCode"]
    product = data["product"]
    if product is None or not (staff or (data["channel"]["isActive"] and on_sale(product, channel, timezone.now()))):
        raise OfferError("variantId" if variant_id else "productId", "not_found", f"the product is not sold in channel {channel!r}")
    variants = product["variants"] or []
    if variant_id is None:
        covered = [v for v in variants if switch and switch.covers(v["id"])]
        variant_id = (covered or variants or [{"id": None}])[0]["id"]
    variant = next((v for v in variants if v["id"] == variant_id), None)
    price = list_price(variant, currency) if variant else None

    plans = []
    if switch and variant and switch.covers(variant_id):
        ordered_on = timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date() if today is None else today
        for plan in switch.plans.filter(is_archived=False):
            offer = priced_offer(installation, plan.current_version, currency=currency, language=language,
                                 variant_price=price, ordered_on=ordered_on)
            if offer:
                plans.append(offer)
    return Offers(channel, currency, language, product_id, variant_id, price, plans)


def priced_offer(installation, version: PlanVersion, *, currency, language, variant_price, ordered_on) -> PlanOffer | None:
    """`version` priced for a shopper (None when it cannot be sold in `currency`); the plan editor previews a draft with it."""
    terms = version.terms

    def price(delivery: int, quantity: int = 1) -> LinePrice:
        return price_line(terms, currency=currency, quantity=quantity, delivery=delivery, list_price=variant_price)

    try:
        first = price(1)
        after_trial = (terms.trial.deliveries + 1) if terms.trial else 1
        regular = price(after_trial)
        steps = [(step.from_delivery, price(step.from_delivery)) for step in terms.steps]
        tiers = [price(after_trial, tier.min_quantity) for tier in terms.tiers]
    except PricingError:
        return None  # not sellable in this currency (no price, or no list price to discount)
    return PlanOffer(
        plan=version.plan,
        version=version,
        text=terms.text(language, installation.default_language),
        first_delivery=first,
        regular=regular,
        steps=steps,
        tiers=tiers,
        upcoming_deliveries=planned_deliveries(installation, terms, ordered_on, EXAMPLE_DELIVERIES),
    )
