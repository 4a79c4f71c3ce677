"""The payment methods by name: the built-in ones and those other packages add through the
`saleor_subscriptions.payment_methods` entry-point group (read once per process, `reload()` to read again).

A package adds a method with, in its pyproject.toml::

    [project.entry-points."saleor_subscriptions.payment_methods"]
    carrier_billing = "carrier_billing.method:CarrierBilling"

The entry point's name is the method's name; it names a `base.PaymentMethod` subclass (or instance).
"""

import functools
import logging
import re
from importlib.metadata import entry_points
from typing import Annotated

from django.utils.module_loading import import_string
from pydantic import AfterValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from ..core.error_texts import current_language
from ..core.errors import InputError
from .base import PaymentMethod

logger = logging.getLogger(__name__)
GROUP = "saleor_subscriptions.payment_methods"
NAME = re.compile(r"[a-z][a-z0-9_]{0,15}")  # stored in 16 characters; no "-", which ends renewal references
BUILT_IN = {
    "card": "saleor_subscriptions.payment_methods.card.Card",
    "konbini": "saleor_subscriptions.payment_methods.konbini.Konbini",
    "cod": "saleor_subscriptions.payment_methods.offline.CashOnDelivery",
    "bank_transfer": "saleor_subscriptions.payment_methods.offline.BankTransfer",
}


class UnknownMethod(KeyError):
    pass


def _instance(loaded) -> PaymentMethod:
    method = loaded() if isinstance(loaded, type) else loaded
    if not isinstance(method, PaymentMethod):
        raise TypeError(f"{loaded!r} is not a PaymentMethod")
    return method


@functools.cache
def methods() -> dict[str, PaymentMethod]:
    """Every method by name, built-in first; a plug-in that fails to load or takes a built-in's name is left out
    (logged), so one broken package cannot stop checkouts."""
    found = {name: _instance(import_string(path)) for name, path in BUILT_IN.items()}
    for entry in entry_points(group=GROUP):
        if entry.name in found or not NAME.fullmatch(entry.name):
            logger.error("payment method %r from %s left out: the name is taken or malformed", entry.name, entry.value)
            continue
        try:
            method = _instance(entry.load())
        except Exception:
            logger.exception("payment method %r (%s) could not be loaded", entry.name, entry.value)
            continue
        if method.name != entry.name:
            logger.error("payment method %r is registered as %r: left out", method.name, entry.name)
            continue
        found[entry.name] = method
    return found


def reload() -> None:
    methods.cache_clear()


def names() -> list[str]:
    return list(methods())


def get(name: str) -> PaymentMethod:
    try:
        return methods()[name]
    except KeyError:
        raise UnknownMethod(name) from None


def find(name: str) -> PaymentMethod | None:
    return methods().get(name)


def known(name: str) -> str:
    """A pydantic validator: the name of an installed method (a coded, translated error otherwise)."""
    if name not in methods():
        raise PydanticCustomError("unknown_payment_method", "{method} is not an installed payment method ({known}).",
                                  {"method": name[:40], "known": ", ".join(methods())})
    return name


def _installed_when_saved(name: str, info: ValidationInfo) -> str:
    """What is saved now names installed methods (validation context `saving`); what was saved still reads once a
    plug-in is gone (the method is then simply not offered)."""
    if (info.context or {}).get("saving"):
        return known(name)
    if not NAME.fullmatch(name):
        raise PydanticCustomError("unknown_payment_method", "{method} is not an installed payment method ({known}).",
                                  {"method": name[:40], "known": ", ".join(methods())})
    return name


MethodName = Annotated[str, AfterValidator(_installed_when_saved)]


def staff_names() -> list[str]:
    return [name for name, method in methods().items() if method.taken_by_staff]


def for_staff(name: str, field: str) -> PaymentMethod:
    """The installed method staff chose for a customer, if staff may take it (`PaymentMethod.taken_by_staff`);
    a coded refusal of `field` in the staff's language otherwise. Whether the plan and channel offer it is the
    caller's to check."""
    method = find(name)
    if method is None:
        raise InputError(field, "unknown_payment_method", f"{name[:40]} is not an installed payment method",
                         words="unknown_payment_method", method=name[:40], known=", ".join(staff_names()))
    if not method.taken_by_staff:
        raise InputError(field, "not_taken_by_staff", f"{name} needs the customer's own consent: staff cannot choose it",
                         words="not_taken_by_staff", method=method.label(current_language()))
    return method


def for_reference(psp_reference: str) -> PaymentMethod | None:
    """The method a Saleor transaction reference belongs to, unless it is a Stripe PaymentIntent's (card, konbini)."""
    return next((method for method in methods().values() if method.owns(psp_reference)), None)


def charged_off_session(name: str) -> bool:
    method = find(name)
    return bool(method and method.charged_off_session)


def label(name: str, language: str) -> str:
    method = find(name)
    return method.label(language) if method else name


def confirmed_by_staff(name: str) -> bool:
    method = find(name)
    return bool(method and method.confirmed_by_staff)


def offered_in(installation, *, channel: str, currency: str, plans) -> list[str]:
    """The channel's methods (the card alone until the shop sets them) that every plan takes (`plans`: each plan's
    `payment_methods`) and that take the currency (`PaymentMethod.offered`: konbini, yen only): what checkout
    offers, what staff may choose, what renewals may move to."""
    methods = [str(name) for name in installation.payment_methods.get(channel) or ["card"]]
    for taken in plans:
        methods = [name for name in methods if name in taken]
    return [name for name in methods
            if (method := find(name)) and method.offered(installation, channel=channel, currency=currency)]
