"""The offer page's final-screen statements (特定商取引法), built as the checkout's are, for the offered subscription."""

import datetime

from ..checkout.disclosure import DisclosedLine, Shipping, describe, product_name
from ..core.money import from_saleor
from ..payments.models import PaymentMethod
from ..plans.pricing import PricingError
from ..renewals.catalogue import shipping_method_pk
from ..saleor.client import SaleorClient, SaleorError
from ..saleor.payloads import list_price
from .actions import OfferError, first_delivery_on
from .models import Enrolment


class OfferUnavailable(Exception):
    """Saleor could not tell what the offer contains right now: no statements, so no confirm button."""


def _shipping(data: dict, enrolment: Enrolment) -> Shipping | None:
    """The buyer's shipping method's price in the channel, which each renewal order pays."""
    if not enrolment.shipping_method_id:
        return None
    wanted = shipping_method_pk(enrolment.shipping_method_id)
    for zone in data["shippingZones"]["edges"]:
        for method in zone["node"]["shippingMethods"] or ():
            listing = next((item for item in method["channelListings"] or () if item["channel"]["slug"] == enrolment.channel_slug), None)
            if listing and shipping_method_pk(method["id"]) == wanted:
                price = from_saleor(listing["price"]["amount"], enrolment.currency)
                return Shipping(first=price, later=price)
    raise OfferError("offer", "not_available", "the shipping method of the purchase is no longer offered in its channel")


def disclose_offer(enrolment: Enrolment, today: datetime.date, kind: str, card: PaymentMethod | None) -> DisclosedLine:
    """What subscribing by this offer means, delivery by delivery; raises `OfferError` when it cannot be delivered."""
    funnel, installation, language = enrolment.funnel, enrolment.funnel.installation, enrolment.language
    terms = funnel.target_plan.current_version.terms
    try:
        data = SaleorClient.for_installation(installation).execute(
            "OfferDisclosure", {"variantId": funnel.target_variant_id, "channel": enrolment.channel_slug})
    except SaleorError as exc:
        raise OfferUnavailable(str(exc)) from None
    variant = data["productVariant"]
    if variant is None:
        raise OfferError("offer", "not_available", "the offered variant is not sold in the buyer's channel")
    try:
        return describe(
            installation, terms, product=product_name(variant, language),
            plan_name=terms.text(language, installation.default_language).name, quantity=terms.min_quantity,
            currency=enrolment.currency, language=language, first_on=first_delivery_on(installation, today),
            payment_methods=[kind], shipping=_shipping(data, enrolment), list_price=list_price(variant, enrolment.currency),
            percent_off=funnel.offer_percent_off, card=str(card) if card else "")
    except PricingError:
        raise OfferError("offer", "not_available", "the offered plan has no price in the buyer's currency") from None
