"""The merchant's settings of an installation, validated whole before anything is saved."""

import datetime
import re
import zoneinfo
from typing import Annotated, Literal

from django.core import exceptions
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..config import LANGUAGE_CODES
from ..core.errors import InputError, one_line, pydantic_errors
from ..core.error_texts import error_text
from ..core.models import Event, record_event
from ..funnels.models import Funnel
from ..payment_methods.registry import MethodName
from ..subscriptions.calendar import HORIZON, move_off_closed_days
from .cancellation import Reasons
from .models import ClosedDay, Installation

EMAIL_LENGTH = Installation._meta.get_field("sender_email").max_length
REASON_LENGTH = ClosedDay._meta.get_field("reason").max_length


class ClosedDayEntry(BaseModel):
    """A closed day: a date ("2027-01-01"), or {date, reason} to say why (a holiday's name)."""

    model_config = ConfigDict(extra="forbid")

    date: datetime.date
    reason: Annotated[str, Field(max_length=REASON_LENGTH), AfterValidator(one_line)] = ""

    @model_validator(mode="before")
    @classmethod
    def _bare_date(cls, value):
        return {"date": value} if isinstance(value, (str, datetime.date)) else value


REGISTRATION_NUMBER = re.compile(r"T[0-9]{13}")  # as the National Tax Agency issues it


class InstallationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    time_zone: str
    default_language: str
    change_cutoff_days: Annotated[int, Field(ge=0, le=60)]
    cancellation_method: dict[str, Annotated[str, Field(min_length=1, max_length=200)]]
    payment_methods: dict[str, Annotated[list[MethodName], Field(min_length=1)]]
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
    invoice_message: dict[str, Annotated[str, Field(min_length=1, max_length=1000)]]  # printed on invoices
    invoice_registration_number: str  # 適格請求書発行事業者登録番号, printed on invoices ("" when the shop has none)
    bank_transfer_via_stripe: Annotated[list[Annotated[str, Field(min_length=1, max_length=255)]], Field(max_length=100)]
    cancellation_reasons: Reasons
    offer_cooldown_days: Annotated[int, Field(ge=0, le=3650)]
    closed_days: Annotated[list[ClosedDayEntry], Field(max_length=1000)] = []

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value):
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError("time_zone_unknown", "unknown time zone {value}", {"value": value}) from None
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


    @field_validator("invoice_registration_number")
    @classmethod
    def _registration_number(cls, value):
        if value and not REGISTRATION_NUMBER.fullmatch(value):
            raise PydanticCustomError("registration_number_invalid", "T and 13 digits")
        return value

    @field_validator("closed_weekdays")
    @classmethod
    def _open_weekday(cls, value):
        if len(set(value)) == 7:
            raise PydanticCustomError("no_open_day", "no open delivery day within {days} days", {"days": HORIZON})
        return value

    @field_validator("default_language")
    @classmethod
    def _language(cls, value):
        if value not in LANGUAGE_CODES:
            raise PydanticCustomError("language_unknown", "must be one of {choices}", {"choices": ", ".join(LANGUAGE_CODES)})
        return value

    @field_validator("cancellation_method", "bank_transfer_details", "invoice_message")
    @classmethod
    def _languages(cls, value):
        unknown = set(value) - set(LANGUAGE_CODES)
        if unknown:
            raise PydanticCustomError("language_unknown", "must be one of {choices}", {"choices": ", ".join(LANGUAGE_CODES)})
        return value


FIELDS = tuple(name for name in InstallationSettings.model_fields if name != "closed_days")


def _today(installation) -> datetime.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()


def closed_days(installation) -> list[ClosedDay]:
    """The calendar's closed days from a month ago on (older ones no longer matter to anyone)."""
    since = _today(installation) - datetime.timedelta(days=31)
    return list(installation.closed_days.filter(date__gte=since).order_by("date"))


def current(installation) -> dict:
    return {**{name: getattr(installation, name) for name in FIELDS},
            "closed_days": [day.date.isoformat() for day in closed_days(installation)]}


def _check_sender(installation, validated) -> None:
    """Marketing mail must name its sender (特定電子メール法): running funnels keep the name and address."""
    for field in ("sender_name", "sender_address"):
        if not getattr(validated, field) and getattr(installation, field) \
                and Funnel.objects.filter(installation=installation, is_active=True).exists():
            raise InputError(field, "required", error_text("sender_in_use"), words="sender_in_use")


CHANNEL_SETTINGS = ("payment_methods", "bank_transfer_via_stripe")  # settings that name Saleor channels


def unknown_channel(installation, changes: dict, slugs: set[str]) -> tuple[str, str | int, str] | None:
    """The first channel `changes` name that is neither among `slugs` (Saleor's) nor saved before (a typo would
    be ignored), as (setting, its place: the slug's key or the list's index, slug); None if every one is known.
    Values of other shapes are left to `update`, which refuses them."""
    saved = current(installation)
    known = slugs | set(saved["payment_methods"]) | set(saved["bank_transfer_via_stripe"])
    methods, transfers = changes.get("payment_methods"), changes.get("bank_transfer_via_stripe")
    named = [("payment_methods", slug, slug) for slug in (methods if isinstance(methods, dict) else {})]
    named += [("bank_transfer_via_stripe", index, slug) for index, slug in enumerate(transfers if isinstance(transfers, list) else [])]
    return next((found for found in named if isinstance(found[2], str) and found[2] not in known), None)


def update(installation, changes: dict, *, actor_id: str = "") -> dict:
    try:
        validated = InstallationSettings.model_validate({**current(installation), **changes},
                                                        context={"saving": "payment_methods" in changes})
    except ValidationError as exc:
        error = pydantic_errors(exc)[0]
        raise InputError(error["field"], error["code"], error["message"]) from None
    if validated.renewal_orders == "bulk" and "MANAGE_ORDERS_IMPORT" not in installation.permissions:
        raise InputError("renewal_orders", "permission_missing",
                         "bulk renewal orders need the MANAGE_ORDERS_IMPORT permission, which this installation lacks")
    _check_sender(installation, validated)
    values = validated.model_dump(mode="json")
    for name in FIELDS:
        setattr(installation, name, values[name])
    today = _today(installation)
    with transaction.atomic():
        installation.save(update_fields=[*FIELDS, "updated_at"])
        if "closed_days" in changes:  # the listed days replace the calendar from today on
            installation.closed_days.filter(date__gte=today).delete()
            chosen = {entry.date: entry.reason for entry in validated.closed_days if entry.date >= today}
            ClosedDay.objects.bulk_create(ClosedDay(installation=installation, date=day, reason=reason)
                                          for day, reason in chosen.items())
        if {"closed_days", "closed_weekdays"} & set(changes):
            try:
                move_off_closed_days(installation, today)
            except ValueError:  # nothing open for weeks: a mistake, not a holiday (rolls the whole change back)
                raise InputError("closed_days", "invalid", error_text("no_open_day", days=HORIZON),
                                 words="no_open_day", days=HORIZON) from None
        record_event(installation, "settings.updated", actor=Event.Actor.STAFF, actor_id=actor_id, changed=sorted(changes))
    return current(installation)
