"""The merchant's settings of an installation, validated whole before anything is saved."""

import zoneinfo
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..config import LANGUAGE_CODES
from ..core.errors import InputError
from ..core.models import Event, record_event
from ..plans.terms import PaymentMethodKind


class InstallationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    time_zone: str
    default_language: str
    change_cutoff_days: Annotated[int, Field(ge=0, le=60)]
    cancellation_method: dict[str, Annotated[str, Field(min_length=1, max_length=200)]]
    payment_methods: dict[str, Annotated[list[PaymentMethodKind], Field(min_length=1)]]

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value):
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _language(cls, value):
        if value not in LANGUAGE_CODES:
            raise ValueError(f"must be one of {', '.join(LANGUAGE_CODES)}")
        return value

    @field_validator("cancellation_method")
    @classmethod
    def _languages(cls, value):
        unknown = set(value) - set(LANGUAGE_CODES)
        if unknown:
            raise ValueError(f"unknown languages: {', '.join(sorted(unknown))}")
        return value


FIELDS = tuple(InstallationSettings.model_fields)


def current(installation) -> dict:
    return {name: getattr(installation, name) for name in FIELDS}


def update(installation, changes: dict, *, actor_id: str = "") -> dict:
    try:
        validated = InstallationSettings.model_validate({**current(installation), **changes})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise InputError(field, "invalid", error["msg"].removeprefix("Value error, ")) from None
    values = validated.model_dump(mode="json")
    for name, value in values.items():
        setattr(installation, name, value)
    installation.save(update_fields=[*FIELDS, "updated_at"])
    record_event(installation, "settings.updated", actor=Event.Actor.STAFF, actor_id=actor_id, changed=sorted(changes))
    return values
