"""`sellingPlans`: the plans a storefront can offer for a product or variant in a channel."""

import logging

from ..core.error_texts import error_language, error_message, error_text
from ..core.money import format_money
from ..plans.offers import OfferError, Offers, offers_for
from ..saleor.client import SaleorError
from .context import UnknownInstance, installation_for
from .staff import Refused, staff

logger = logging.getLogger(__name__)


def _money(amount, currency, language):
    return {"amount": amount, "currency": currency, "formatted": format_money(amount, currency, language)}


def plan_payload(offer, currency, language) -> dict:
    """One offer as `sellingPlans` answers it (the plan editor's preview shows the same)."""
    terms = offer.version.terms

    def money(amount):
        return _money(amount, currency, language)

    trial = terms.trial
    return {
        "code": offer.plan.code,
        "version": offer.version.number,
        "name": offer.text.name,
        "description": offer.text.description,
        "interval": {"unit": terms.schedule.interval_unit.value, "count": terms.schedule.interval_count},
        "trial": None if trial is None else {
            "deliveries": trial.deliveries, "free_days": trial.days, "price": money(offer.first_delivery.unit)
        },
        "first_delivery_price": money(offer.first_delivery.unit),
        "price": money(offer.regular.unit),
        "price_steps": [{"from_delivery": n, "price": money(price.unit)} for n, price in offer.steps],
        "tiers": [
            {"min_quantity": price.tier.min_quantity, "percent_off": price.tier.percent_off, "unit_price": money(price.unit)}
            for price in offer.tiers
        ],
        "billing_limit": terms.billing_limit,
        "min_commitment": terms.min_commitment,
        "min_quantity": terms.min_quantity,
        "max_quantity": terms.max_quantity,
        "upcoming_deliveries": offer.upcoming_deliveries,
    }


def _payload(offers: Offers) -> dict:
    currency, language = offers.currency, offers.language
    return {
        "channel": offers.channel,
        "currency": currency,
        "language": language,
        "product_id": offers.product_id,
        "variant_id": offers.variant_id,
        "one_time_price": None if offers.one_time_price is None else _money(offers.one_time_price, currency, language),
        "plans": [plan_payload(offer, currency, language) for offer in offers.plans],
        "errors": [],
    }


def _error(field, code, message) -> dict:
    return {"plans": [], "errors": [{"field": field, "code": code, "message": message}]}


def _is_staff(request) -> bool:
    """A valid Dashboard token (MANAGE_PRODUCTS) also sees products not on sale; any other caller is a shopper."""
    if not request.headers.get("Authorization-Bearer"):
        return False
    try:
        staff(request, "MANAGE_PRODUCTS")
    except Refused:
        return False
    return True


def resolve_selling_plans(root, info, channel, product_id=None, variant_id=None, language_code=None):
    try:
        installation = installation_for(info.context)
        return _payload(offers_for(installation, channel=channel, language_code=language_code, product_id=product_id,
                                   variant_id=variant_id, staff=_is_staff(info.context)))
    except UnknownInstance as exc:
        return _error(None, "unknown_instance", str(exc))
    except OfferError as exc:
        return _error(exc.field, exc.code, error_message(exc, error_language(language_code)))
    except SaleorError as exc:
        logger.warning("sellingPlans: %s", exc)  # Saleor's and the HTTP library's words are for the operator
        return _error(None, "saleor_unavailable", error_text("saleor_unavailable", error_language(language_code)))
