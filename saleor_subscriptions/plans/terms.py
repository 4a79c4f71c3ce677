"""What a plan promises a subscriber: schedule, trial, prices, tiers, limits, texts.

A `PlanTerms` is immutable and stored as JSON in a `PlanVersion`; every renewal is priced from the
version its subscription was sold under, so editing a plan never silently changes a promise.
"""

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..config import LANGUAGE_CODES
from ..core.money import UnknownCurrency, precision
from ..payment_methods import registry

MAX_AMOUNT = Decimal(10) ** 9  # major units: beyond any real price, and far inside Decimal's precision
MAX_COUNT = 1000  # deliveries
MAX_QUANTITY = 10_000
Percent = Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False)]
Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=1, le=MAX_COUNT)]
Quantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY)]


class Terms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_amounts(amounts: Mapping[str, Decimal]) -> Mapping[str, Decimal]:
    for currency, amount in amounts.items():
        try:
            places = precision(currency)
        except UnknownCurrency:
            raise PydanticCustomError("unknown_currency", "unknown currency {currency}", {"currency": currency}) from None
        if amount.as_tuple().exponent < -places:
            raise PydanticCustomError("decimal_places", "{currency} amounts have at most {places} decimal places",
                                      {"currency": currency, "places": places})
    return amounts


class AmountsOrPercent(Terms):
    """Either a fixed amount per currency or a percentage; exactly one of them."""

    amounts: dict[str, Amount] = {}
    percent_off: Percent | None = None

    _amounts = field_validator("amounts")(_check_amounts)

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if bool(self.amounts) == (self.percent_off is not None):
            raise ValueError("give either amounts per currency or percent_off")
        return self


class Price(AmountsOrPercent):
    """A fixed amount per currency, or a percentage off the channel's list price in Saleor."""


class IntervalUnit(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Schedule(Terms):
    """Every `interval_count` `interval_unit`s, optionally on a fixed day or weekday of the month."""

    interval_unit: IntervalUnit
    interval_count: Annotated[int, Field(ge=1, le=365)] = 1
    anchor_day: Annotated[int, Field(ge=1, le=31)] | None = None
    anchor_last_day: bool = False
    anchor_weekday: Annotated[int, Field(ge=0, le=6)] | None = None  # Monday = 0
    anchor_week: Annotated[int, Field(ge=1, le=5)] | None = None  # 第N曜日

    @model_validator(mode="after")
    def _one_anchor(self) -> Self:
        anchors = sum((self.anchor_day is not None, self.anchor_last_day, self.anchor_week is not None))
        if anchors > 1:
            raise ValueError("choose one anchor: a day of the month, the last day, or the Nth weekday")
        if (self.anchor_week is not None) and self.anchor_weekday is None:
            raise ValueError("anchor_week needs anchor_weekday")
        if anchors and self.interval_unit != IntervalUnit.MONTH:
            raise ValueError("a day-of-month anchor needs a monthly interval")
        if self.anchor_weekday is not None and self.anchor_week is None and self.interval_unit == IntervalUnit.DAY:
            raise ValueError("a weekday anchor needs a weekly or monthly interval")
        return self


class TrialKind(StrEnum):
    PRICE = "price"  # a price per currency, or % off, for the first `deliveries`
    FREE_DAYS = "free_days"  # the first delivery is free and the next comes `days` later


class Trial(Terms):
    kind: TrialKind
    deliveries: Count = 1
    price: Price | None = None
    days: Annotated[int, Field(ge=1, le=365)] | None = None

    @model_validator(mode="after")
    def _fits_kind(self) -> Self:
        if self.kind == TrialKind.PRICE and self.price is None:
            raise ValueError("a priced trial needs price")
        if self.kind == TrialKind.FREE_DAYS and (self.days is None or self.price is not None or self.deliveries != 1):
            raise ValueError("a free-days trial needs days, one delivery and no price")
        return self


class PriceStep(Terms):
    """From delivery `from_delivery` on, this price replaces the regular one (継続特典)."""

    from_delivery: Annotated[int, Field(ge=2, le=MAX_COUNT)]
    price: Price


class QuantityTier(AmountsOrPercent):
    """From `min_quantity` items on a line: a fixed unit price, or a percentage off the delivery's price."""

    min_quantity: Annotated[int, Field(ge=2, le=MAX_QUANTITY)]


class FreeInsert(Terms):
    """A variant added at no charge to the given deliveries (同梱物)."""

    variant_id: Annotated[str, Field(min_length=1)]
    deliveries: Annotated[tuple[Count, ...], Field(min_length=1)]


class PaymentMethodKind(StrEnum):
    """The built-in payment methods (plug-ins add others: payment_methods/registry.py)."""


    CARD = "card"
    KONBINI = "konbini"
    COD = "cod"  # cash on delivery (代引き)
    BANK_TRANSFER = "bank_transfer"


class StaffOverride(StrEnum):
    """What an operator may override on purpose (`override: true`), the event naming it."""

    CUTOFF = "cutoff"  # change, skip, pause or cancel the next delivery inside the customers' change cut-off
    COMMITMENT = "commitment"  # cancel before the minimum commitment is met


class Text(Terms):
    name: Annotated[str, Field(min_length=1, max_length=250)]
    description: Annotated[str, Field(max_length=5000)] = ""


class PlanTerms(Terms):
    schedule: Schedule
    regular: Price
    trial: Trial | None = None
    steps: tuple[PriceStep, ...] = ()
    tiers: tuple[QuantityTier, ...] = ()
    tiers_apply_to_trial: bool = False
    free_inserts: tuple[FreeInsert, ...] = ()
    billing_limit: Count | None = None  # stop after this many charged deliveries
    min_commitment: Count | None = None  # 回数縛り: no cancelling before this many deliveries
    min_quantity: Quantity = 1
    max_quantity: Quantity | None = None
    payment_methods: Annotated[tuple[registry.MethodName, ...], Field(min_length=1)] = (PaymentMethodKind.CARD.value,)
    # when a renewal finds too little stock: wait (retry daily up to stock_wait_days, then skip),
    # skip this delivery, or ship what is available
    stock_policy: Literal["wait", "skip", "partial"] = "wait"
    stock_wait_days: Annotated[int, Field(ge=1, le=30)] = 7
    # what staff may override when asked to; [] holds staff to the customers' rules
    staff_overrides: tuple[StaffOverride, ...] = (StaffOverride.CUTOFF, StaffOverride.COMMITMENT)
    texts: dict[str, Text]

    @field_validator("texts")
    @classmethod
    def _languages(cls, texts: dict[str, Text]) -> dict[str, Text]:
        unknown = set(texts) - set(LANGUAGE_CODES)
        if unknown:
            raise ValueError(f"languages must be among {', '.join(LANGUAGE_CODES)}; got {', '.join(sorted(unknown))}")
        if not texts:
            raise ValueError("give the plan a name in at least one language")
        return texts

    @field_validator("steps")
    @classmethod
    def _steps_ascend(cls, steps):
        starts = [step.from_delivery for step in steps]
        if starts != sorted(set(starts)):
            raise ValueError("steps must start at distinct, ascending deliveries")
        return steps

    @field_validator("tiers")
    @classmethod
    def _tiers_ascend(cls, tiers):
        minimums = [tier.min_quantity for tier in tiers]
        if minimums != sorted(set(minimums)):
            raise ValueError("tiers must have distinct, ascending min_quantity")
        if len({tier.percent_off is None for tier in tiers}) > 1:
            raise ValueError("tiers must all be percent_off or all fixed amounts")
        percents = [tier.percent_off for tier in tiers if tier.percent_off is not None]
        if percents != sorted(percents):
            raise ValueError("a larger tier cannot give a smaller discount")
        for smaller, larger in zip(tiers, tiers[1:]):
            if any(larger.amounts.get(currency, amount) > amount for currency, amount in smaller.amounts.items()):
                raise ValueError("a larger tier cannot cost more per unit")
        return tiers

    # Checks across fields sit on the later field (validated after the earlier one), so a refusal names
    # the field to correct (`terms.max_quantity`), which the plan editor shows it beside.
    @field_validator("max_quantity")
    @classmethod
    def _max_quantity(cls, value, info: ValidationInfo):
        if value is not None and value < info.data.get("min_quantity", 1):
            raise ValueError("max_quantity is below min_quantity")
        return value

    @field_validator("steps")
    @classmethod
    def _steps_after_trial(cls, steps, info: ValidationInfo):
        trial = info.data.get("trial")
        if trial and steps and steps[0].from_delivery <= trial.deliveries:
            raise ValueError("price steps must start after the trial deliveries")
        return steps

    @field_validator("min_commitment")
    @classmethod
    def _commitment_within_limit(cls, value, info: ValidationInfo):
        limit = info.data.get("billing_limit")
        if limit and value and value > limit:
            raise ValueError("min_commitment exceeds billing_limit")
        return value

    @property
    def free_trial_days(self) -> int | None:
        """Days between the free first delivery and the next, for a free-days trial."""
        return self.trial.days if self.trial and self.trial.kind == TrialKind.FREE_DAYS else None

    def text(self, language: str, fallback: str) -> Text:
        """The plan's name and description in `language`, else the shop's default, else any."""
        return self.texts.get(language) or self.texts.get(fallback) or next(iter(self.texts.values()))
