"""The shop settings page's typed API: every setting as a field, Saleor's channels, public holidays for the calendar.

The same settings as `installationSettingsUpdate` (JSON, kept for existing clients), validated by the same code;
errors name the input's fields in camelCase (`senderEmail`, `retryOffsetsDays.0`, `cancellationMethod.ja`).
A channel Saleor does not have is refused (`paymentMethods.<slug>.channel`), unless saved before.
"""

import graphene
from graphene.utils.str_converters import to_camel_case

from ..config import LANGUAGE_CODES
from ..core.error_texts import current_language, error_text
from ..core.errors import InputError
from ..installations import settings as installation_settings
from ..installations.holidays import public_holidays
from .payment_choices import PaymentMethodChoice, payment_method_choices
from .staff import StaffError, _guarded, _refuse, shop_channels, staff

PERMISSION = "MANAGE_CHANNELS"
# settings the page edits; `cancellation_reasons` (a list of objects with offers) stays with the JSON mutation
SCALARS = ("time_zone", "default_language", "change_cutoff_days", "order_lead_days", "renewal_window_start_hour",
           "renewal_window_hours", "closed_weekdays", "retry_offsets_days", "after_last_retry", "renewal_orders",
           "sender_name", "sender_address", "sender_email", "merchant_email", "merchant_notifications", "reminder_days",
           "offer_cooldown_days", "bank_transfer_via_stripe", "invoice_registration_number")
PER_LANGUAGE = ("cancellation_method", "bank_transfer_details", "invoice_message")


class LocalText(graphene.ObjectType):
    language = graphene.String(required=True, description="en, ja, zh-hans or zh-hant")
    text = graphene.String(required=True)


class LocalTextInput(graphene.InputObjectType):
    language = graphene.String(required=True, description="en, ja, zh-hans or zh-hant")
    text = graphene.String(required=True)


class ChannelPaymentMethods(graphene.ObjectType):
    channel = graphene.String(required=True, description="a Saleor channel slug")
    methods = graphene.List(graphene.NonNull(graphene.String), required=True,
                            description="card, konbini, cod, bank_transfer; a channel not listed offers card")


class ChannelPaymentMethodsInput(graphene.InputObjectType):
    channel = graphene.String(required=True)
    methods = graphene.List(graphene.NonNull(graphene.String), required=True)


class ShopChannel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    currency = graphene.String(required=True)


class CalendarClosedDay(graphene.ObjectType):
    date = graphene.Date(required=True)
    reason = graphene.String(required=True, description="why (a holiday's name); may be empty")


class CalendarClosedDayInput(graphene.InputObjectType):
    date = graphene.Date(required=True)
    reason = graphene.String(default_value="")


def _fields(text, payment, closed, required):
    """The settings' fields, typed for output (`required`) or input (all optional: only those given change)."""
    kind = graphene.NonNull if required else (lambda of: of)
    return {
        "time_zone": graphene.String(required=required, description="IANA, e.g. Asia/Tokyo"),
        "default_language": graphene.String(required=required, description="en, ja, zh-hans or zh-hant"),
        "change_cutoff_days": graphene.Int(required=required, description="changes allowed until this many days before"),
        "order_lead_days": graphene.Int(required=required, description="orders made this many days before delivery"),
        "renewal_window_start_hour": graphene.Int(required=required),
        "renewal_window_hours": graphene.Int(required=required),
        "closed_weekdays": graphene.List(graphene.NonNull(graphene.Int), required=required, description="Monday = 0"),
        "closed_days": graphene.List(graphene.NonNull(closed), required=required,
                                     description="input: replaces the calendar from today on"),
        "retry_offsets_days": graphene.List(graphene.NonNull(graphene.Int), required=required),
        "after_last_retry": graphene.String(required=required, description="cancel or pause"),
        "renewal_orders": graphene.String(required=required, description="draft or bulk"),
        "sender_name": graphene.String(required=required),
        "sender_address": graphene.String(required=required),
        "sender_email": graphene.String(required=required),
        "merchant_email": graphene.String(required=required),
        "merchant_notifications": graphene.String(required=required, description="each, daily or off"),
        "reminder_days": graphene.Int(required=required),
        "offer_cooldown_days": graphene.Int(required=required),
        "cancellation_method": graphene.List(kind(text), required=required),
        "bank_transfer_details": graphene.List(kind(text), required=required),
        "invoice_registration_number": graphene.String(required=required, description="T and 13 digits, or empty"),
        "invoice_message": graphene.List(kind(text), required=required,
                                         description="printed on every invoice, e.g. a coupon for the next order"),
        "payment_methods": graphene.List(kind(payment), required=required),
        "bank_transfer_via_stripe": graphene.List(graphene.NonNull(graphene.String), required=required,
                                                  description="channels (JPY) whose bank transfers go to each customer's "
                                                  "Stripe virtual account, reconciled by Stripe"),
    }


ShopSettings = type("ShopSettings", (graphene.ObjectType,), {
    "__doc__": "Everything the shop settings page shows.",
    **_fields(LocalText, ChannelPaymentMethods, CalendarClosedDay, required=True)})
ShopSettingsInput = type("ShopSettingsInput", (graphene.InputObjectType,), {
    "__doc__": "Only the settings to change.",
    **_fields(LocalTextInput, ChannelPaymentMethodsInput, CalendarClosedDayInput, required=False)})


def shop_settings(installation) -> dict:
    values = installation_settings.current(installation)
    return {
        **{name: values[name] for name in SCALARS},
        **{name: [{"language": language, "text": values[name][language]} for language in LANGUAGE_CODES
                  if language in values[name]] for name in PER_LANGUAGE},
        "payment_methods": [{"channel": channel, "methods": methods} for channel, methods in sorted(values["payment_methods"].items())],
        "closed_days": [{"date": day.date, "reason": day.reason} for day in installation_settings.closed_days(installation)],
    }


def changes_of(given: dict) -> dict:
    """The input as the settings' own keys and shapes (per-language texts and channels as objects)."""
    changes = {name: given[name] for name in SCALARS if given.get(name) is not None}
    for name in PER_LANGUAGE:
        if given.get(name) is not None:
            changes[name] = {entry["language"]: entry["text"] for entry in given[name]}
    if given.get("payment_methods") is not None:
        changes["payment_methods"] = {entry["channel"]: list(entry["methods"]) for entry in given["payment_methods"]}
    if given.get("closed_days") is not None:
        changes["closed_days"] = [{"date": entry["date"].isoformat(), "reason": entry.get("reason") or ""}
                                  for entry in given["closed_days"]]
    return changes


def input_field(field: str | None) -> str | None:
    """A settings error's field as the input names it: `retry_offsets_days.0` → `retryOffsetsDays.0`."""
    if not field:
        return field
    name, _, rest = field.partition(".")
    return ".".join(filter(None, (to_camel_case(name), rest)))


class ShopSettingsPayload(graphene.ObjectType):
    shop = graphene.Field(ShopSettings)
    payment_method_choices = graphene.List(graphene.NonNull(PaymentMethodChoice), required=True,
                                           description="every method installed, plug-ins included",
                                           resolver=lambda root, info: payment_method_choices())
    channels = graphene.List(graphene.NonNull(ShopChannel), required=True,
                             description="Saleor's channels (active or not): those payment methods can be set for")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _check_channels(installation, changes: dict, channels: list[dict]) -> None:
    """Refuse a channel Saleor does not have (a typo would be ignored); one saved before may stay."""
    found = installation_settings.unknown_channel(installation, changes, {channel["slug"] for channel in channels})
    if found is not None:
        setting, place, slug = found
        field = f"paymentMethods.{slug}.channel" if setting == "payment_methods" else f"bankTransferViaStripe.{place}"
        raise _refuse(field, "not_found", error_text("channel_unknown", channel=slug))


def resolve_shop_settings(root, info):
    def work():
        installation, _ = staff(info.context, PERMISSION)
        return {"shop": shop_settings(installation), "channels": shop_channels(installation)}

    return {"channels": [], **_guarded(work)}


class ShopSettingsUpdate(graphene.Mutation):
    """The settings page saves: the given settings change together, or none does."""

    class Arguments:
        input = ShopSettingsInput(required=True)

    Output = ShopSettingsPayload

    def mutate(root, info, input):
        def work():
            installation, user = staff(info.context, PERMISSION)
            changes, channels = changes_of(input), shop_channels(installation)
            _check_channels(installation, changes, channels)
            try:
                installation_settings.update(installation, changes, actor_id=user)
            except InputError as exc:
                raise _refuse(input_field(exc.field), exc.code, exc.message) from None
            return {"shop": shop_settings(installation), "channels": channels}

        return {"channels": [], **_guarded(work)}


class PublicHoliday(graphene.ObjectType):
    date = graphene.Date(required=True)
    name = graphene.String(required=True)


class PublicHolidays(graphene.ObjectType):
    holidays = graphene.List(graphene.NonNull(PublicHoliday), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_public_holidays(root, info, year, country="JP", language=None):
    def work():
        staff(info.context, PERMISSION)
        try:
            found = public_holidays(country, year, language or current_language())
        except InputError as exc:
            raise _refuse(exc.field, exc.code, exc.message) from None
        return {"holidays": [{"date": day, "name": name} for day, name in found]}

    return {"holidays": [], **_guarded(work)}
