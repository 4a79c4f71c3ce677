"""The merchant's cancellation reasons and, per reason, the offer shown to a customer about to cancel."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..config import LANGUAGE_CODES
from ..core.errors import one_line

MAX_REASONS = 20
Label = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(one_line)]


class _Offer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Skip(_Offer):
    """The next delivery does not happen."""

    kind: Literal["skip"]


class Delay(_Offer):
    """The next delivery moves `days` later (before the one after it)."""

    kind: Literal["delay"]
    days: Annotated[int, Field(ge=1, le=180)]


class LongerInterval(_Offer):
    """Another plan of the product with a longer interval: `plan` by code, or the next longer one."""

    kind: Literal["longer_interval"]
    plan: Annotated[str, StringConstraints(max_length=64, pattern=r"^[-a-zA-Z0-9_]+$")] | None = None


class PercentOff(_Offer):
    """`percent` % off the next `deliveries` deliveries (skipped ones do not count)."""

    kind: Literal["percent_off"]
    percent: Annotated[Decimal, Field(gt=0, lt=100, decimal_places=2, allow_inf_nan=False)]
    deliveries: Annotated[int, Field(ge=1, le=24)]


Offer = Annotated[Skip | Delay | LongerInterval | PercentOff, Field(discriminator="kind")]
OFFER_KINDS = ("skip", "delay", "longer_interval", "percent_off")


class Reason(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,32}$")]
    labels: Annotated[dict[str, Label], Field(min_length=1)]
    offer: Offer | None = None

    @field_validator("labels")
    @classmethod
    def _languages(cls, value):
        unknown = set(value) - set(LANGUAGE_CODES)
        if unknown:
            raise ValueError(f"unknown languages: {', '.join(sorted(unknown))}")
        return value

    def label(self, language: str, default_language: str = "en") -> str:
        for candidate in (language, default_language, "en"):
            if candidate in self.labels:
                return self.labels[candidate]
        return next(iter(self.labels.values()))


def unique_codes(reasons: list[Reason]) -> list[Reason]:
    codes = [reason.code for reason in reasons]
    duplicated = sorted({code for code in codes if codes.count(code) > 1})
    if duplicated:
        raise ValueError(f"each reason needs its own code: {', '.join(duplicated)} appears twice")
    return reasons


Reasons = Annotated[list[Reason], Field(min_length=1, max_length=MAX_REASONS), AfterValidator(unique_codes)]


def default_reasons() -> list[dict]:
    """What a new installation offers: a skip for too much product, a delay for moving; no discount unasked."""
    return [
        {"code": "too_much", "offer": {"kind": "skip"},
         "labels": {"en": "I have too much product left", "ja": "商品が余っている",
                    "zh-hans": "商品还有剩余", "zh-hant": "商品還有剩餘"}},
        {"code": "too_expensive", "offer": None,
         "labels": {"en": "It is too expensive", "ja": "価格が高い", "zh-hans": "价格太高", "zh-hant": "價格太高"}},
        {"code": "moving", "offer": {"kind": "delay", "days": 14},
         "labels": {"en": "I am moving, or deliveries are a problem", "ja": "引っ越し・受け取りの都合",
                    "zh-hans": "搬家或收货不便", "zh-hant": "搬家或收貨不便"}},
        {"code": "quality", "offer": None,
         "labels": {"en": "I am not satisfied with the quality", "ja": "品質に満足できない",
                    "zh-hans": "对品质不满意", "zh-hant": "對品質不滿意"}},
        {"code": "other", "offer": None,
         "labels": {"en": "Other", "ja": "その他", "zh-hans": "其他", "zh-hant": "其他"}},
    ]
