"""The merchant's settings of an installation, validated whole before anything is saved."""

import datetime
import zoneinfo
from typing import Annotated, Literal

from django.core import exceptions
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..config import LANGUAGE_CODES
from ..core.errors import InputError, one_line, pydantic_errors
from ..core.models import Event, record_event
from ..plans.terms import PaymentMethodKind
from .cancellation import Reasons
from .models import ClosedDay, Installation

EMAIL_LENGTH = Installation._meta.get_field("sender_email").max_length


class InstallationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    time_zone: str
    default_language: str
    change_cutoff_days: Annotated[int, Field(ge=0, le=60)]
    cancellation_method: dict[str, Annotated[str, Field(min_length=1, max_length=200)]]
    payment_methods: dict[str, Annotated[list[PaymentMethodKind], Field(min_length=1)]]
    order_lead_days: Annotated[int, Field(ge=0, le=30)]
    renewal_window_start_hour: Annotated[int, Field(ge=0, le=23)]
    renewal_window_hours: Annotated[int, Field(ge=0, le=24)]
    closed_weekdays: list[Annotated[int, Field(ge=0, le=6)]]
    retry_offsets_days: Annotated[list[Annotated[int, Field(ge=1, le=60)]], Field(max_length=5)]
    after_last_retry: Literal["cancel", "pause"]
    renewal_orders: Literal["draft", "bulk"]
    sender_name: Annotated[str, Field(max_length=200), AfterValidator(one_line)]  # in every mail's From:
    sender_address: Annotated[str, Field(max_length=500)]
    sender_email: str
    merchant_email: str
    merchant_notifications: Literal["each", "daily", "off"]
    reminder_days: Annotated[int, Field(ge=0, le=30)]
    bank_transfer_details: dict[str, Annotated[str, Field(min_length=1, max_length=1000)]]
    cancellation_reasons: Reasons
    offer_cooldown_days: Annotated[int, Field(ge=0, le=3650)]
    closed_days: Annotated[list[datetime.date], Field(max_length=1000)] = []

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value):
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("sender_email", "merchant_email")
    @classmethod
    def _email(cls, value):
        if value:
            if len(value) > EMAIL_LENGTH:
                raise PydanticCustomError("too_long", "at most {limit} characters", {"limit": EMAIL_LENGTH})
            try:
                validate_email(value)  # also refuses CR/LF, which would inject mail headers
            except exceptions.ValidationError:
                raise PydanticCustomError("email_invalid", "not an e-mail address") from None
        return value


    @field_validator("default_language")
    @classmethod
    def _language(cls, value):
        if value not in LANGUAGE_CODES:
            raise ValueError(f"must be one of {', '.join(LANGUAGE_CODES)}")
        return value

    @field_validator("cancellation_method", "bank_transfer_details")
    @classmethod
    def _languages(cls, value):
        unknown = set(value) - set(LANGUAGE_CODES)
        if unknown:
            raise ValueError(f"unknown languages: {', '.join(sorted(unknown))}")
        return value


FIELDS = tuple(name for name in InstallationSettings.model_fields if name != "closed_days")


def _today(installation) -> datetime.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()


def current(installation) -> dict:
    closed = installation.closed_days.filter(date__gte=_today(installation) - datetime.timedelta(days=31))
    return {**{name: getattr(installation, name) for name in FIELDS},
            "closed_days": [day.isoformat() for day in closed.order_by("date").values_list("date", flat=True)]}


def update(installation, changes: dict, *, actor_id: str = "") -> dict:
    try:
        validated = InstallationSettings.model_validate({**current(installation), **changes})
    except ValidationError as exc:
        error = pydantic_errors(exc)[0]
        raise InputError(error["field"], error["code"], error["message"]) from None
    if validated.renewal_orders == "bulk" and "MANAGE_ORDERS_IMPORT" not in installation.permissions:
        raise InputError("renewal_orders", "permission_missing",
                         "bulk renewal orders need the MANAGE_ORDERS_IMPORT permission, which this installation lacks")
    values = validated.model_dump(mode="json")
    for name in FIELDS:
        setattr(installation, name, values[name])
    today = _today(installation)
    with transaction.atomic():
        installation.save(update_fields=[*FIELDS, "updated_at"])
        if "closed_days" in changes:  # the listed days replace the calendar from today on
            installation.closed_days.filter(date__gte=today).delete()
            ClosedDay.objects.bulk_create(ClosedDay(installation=installation, date=day)
                                          for day in set(validated.closed_days) if day >= today)
        record_event(installation, "settings.updated", actor=Event.Actor.STAFF, actor_id=actor_id, changed=sorted(changes))
    return current(installation)
