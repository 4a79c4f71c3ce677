"""Pure pricing: what one unit and one line cost on a given delivery of a plan.

No database, no Saleor: the caller passes the channel's list price when the plan refers to it.
"""

import dataclasses
from decimal import Decimal
from enum import StrEnum

from ..core.money import quantize
from .terms import PlanTerms, Price, QuantityTier, TrialKind

HUNDRED = Decimal(100)


class Phase(StrEnum):
    TRIAL = "trial"
    REGULAR = "regular"
    STEP = "step"


class PricingError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclasses.dataclass(frozen=True)
class LinePrice:
    currency: str
    quantity: int
    unit: Decimal
    total: Decimal
    phase: Phase
    tier: QuantityTier | None


def _resolve(price: Price, currency: str, list_price: Decimal | None) -> Decimal:
    if price.percent_off is not None:
        if list_price is None:
            raise PricingError("list_price_missing", f"the variant has no {currency} list price in this channel")
        return list_price * (HUNDRED - price.percent_off) / HUNDRED
    try:
        return price.amounts[currency]
    except KeyError:
        raise PricingError("price_missing", f"the plan has no {currency} price") from None


def _tier(terms: PlanTerms, quantity: int) -> QuantityTier | None:
    applicable = [tier for tier in terms.tiers if tier.min_quantity <= quantity]
    return applicable[-1] if applicable else None


def price_line(terms: PlanTerms, *, currency: str, quantity: int, delivery: int, list_price: Decimal | None = None,
               percent_off: Decimal | None = None) -> LinePrice:
    """Price `quantity` units on the `delivery`-th delivery (1 = the first, bought at checkout).

    `percent_off` is a subscriber's own discount (a step-mail offer), taken off after tiers.
    """
    if quantity < 1 or delivery < 1:
        raise PricingError("invalid", "quantity and delivery number start at 1")
    trial = terms.trial
    if trial and delivery <= trial.deliveries:
        phase = Phase.TRIAL
        base = Decimal(0) if trial.kind == TrialKind.FREE_DAYS else _resolve(trial.price, currency, list_price)
    else:
        steps = [step for step in terms.steps if step.from_delivery <= delivery]
        phase = Phase.STEP if steps else Phase.REGULAR
        base = _resolve(steps[-1].price if steps else terms.regular, currency, list_price)

    tier = _tier(terms, quantity) if phase != Phase.TRIAL or terms.tiers_apply_to_trial else None
    if tier and tier.percent_off is not None:
        base = base * (HUNDRED - tier.percent_off) / HUNDRED
    elif tier:
        # a tier is a discount: its fixed unit price never raises what the delivery costs
        base = min(base, _resolve(Price(amounts=tier.amounts), currency, list_price))
    if percent_off:
        base = base * (HUNDRED - percent_off) / HUNDRED
    unit = quantize(base, currency)
    return LinePrice(currency, quantity, unit, unit * quantity, phase, tier)
