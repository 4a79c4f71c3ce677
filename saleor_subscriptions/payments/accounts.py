"""A shop's own Stripe account: its keys checked against Stripe before they are kept, or a Connect account id.

A restricted key that may not read the account is checked by reading the balance; its account is then
named by the key itself (`restricted:<last 4>`), which is enough to tell its Stripe customers from another's.
"""

import re

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..core.error_texts import error_text
from ..core.errors import InputError
from ..core.models import Event, record_event
from . import stripe_api
from .models import StripeAccount

FORMATS = {  # field: (pattern, what it starts with)
    "secret_key": (re.compile(r"(sk|rk)_(test|live)_[0-9A-Za-z]{8,247}"), "sk_ / rk_"),
    "publishable_key": (re.compile(r"pk_(test|live)_[0-9A-Za-z]{8,247}"), "pk_"),
    "webhook_secret": (re.compile(r"whsec_[0-9A-Za-z+/=]{8,249}"), "whsec_"),
    "connected_account": (re.compile(r"acct_[0-9A-Za-z]{4,250}"), "acct_"),
}


def _mode(key: str) -> str:
    return "live" if "_live_" in key else "test"


def _checked(field: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InputError(field, "required", error_text("required"))
    pattern, prefix = FORMATS[field]
    if not pattern.fullmatch(value):
        raise InputError(field, "invalid", error_text("stripe_key_format", prefix=prefix), prefix=prefix)
    return value


def _name(account) -> str:
    settings_ = account.get("settings") or {}
    return (((settings_.get("dashboard") or {}).get("display_name")) or (account.get("business_profile") or {}).get("name")
            or account.get("email") or "")


def _ask_stripe(client: stripe.StripeClient, field: str, path: str, key: str) -> tuple[str, str]:
    """(account id, its name) as Stripe answers the key; a refusal or silence is an InputError, nothing saved."""
    try:
        try:
            account = client.raw_request("get", path).data
            return account["id"], _name(account)
        except stripe.PermissionError:
            if not key.startswith("rk_"):
                raise
            client.raw_request("get", "/v1/balance")  # a restricted key that may not read the account
            return f"restricted:{key[-4:]}", ""
    except stripe.AuthenticationError:
        raise InputError(field, "stripe_key_refused", error_text("stripe_key_refused")) from None
    except stripe.PermissionError:
        raise InputError(field, "stripe_key_permission", error_text("stripe_key_permission")) from None
    except stripe.InvalidRequestError:  # a Connect account this platform does not have
        raise InputError(field, "not_found", error_text("stripe_account_unknown", account=path[13:]),
                         account=path[13:]) from None
    except stripe.StripeError:
        raise InputError(None, "stripe_unavailable", error_text("stripe_unreachable")) from None


def connect(installation, *, secret_key: str = "", publishable_key: str = "", webhook_secret: str = "",
            connected_account: str = "", actor_id: str = "") -> StripeAccount:
    """Keep the shop's keys (or Connect account) once Stripe accepted them; the previous ones are replaced."""
    if connected_account.strip():
        if secret_key.strip() or publishable_key.strip() or webhook_secret.strip():
            raise InputError("connected_account", "invalid", error_text("stripe_keys_or_account"))
        connected_account = _checked("connected_account", connected_account)
        if not settings.STRIPE_SECRET_KEY:
            raise InputError("connected_account", "not_available", error_text("stripe_connect_unavailable"))
        client = stripe_api.client_for(settings.STRIPE_SECRET_KEY)
        account_id, name = _ask_stripe(client, "connected_account", f"/v1/accounts/{connected_account}", "")
        values = {"connected_account": connected_account, "publishable_key": "", "livemode": _mode(settings.STRIPE_SECRET_KEY) == "live"}
        secret_key = webhook_secret = ""
    else:
        secret_key = _checked("secret_key", secret_key)
        publishable_key = _checked("publishable_key", publishable_key)
        webhook_secret = _checked("webhook_secret", webhook_secret)
        if _mode(publishable_key) != _mode(secret_key):
            mode = _mode(publishable_key)
            raise InputError("publishable_key", "mode_mismatch", error_text("stripe_mode_mismatch", mode=mode), mode=mode)
        client = stripe_api.client_for(secret_key)
        account_id, name = _ask_stripe(client, "secret_key", "/v1/account", secret_key)
        values = {"connected_account": "", "publishable_key": publishable_key, "livemode": _mode(secret_key) == "live"}
    with transaction.atomic():
        account = StripeAccount.objects.filter(installation=installation).first() or StripeAccount(installation=installation)
        for name_, value in {**values, "account_id": account_id, "account_name": name[:255], "checked_at": timezone.now()}.items():
            setattr(account, name_, value)
        account.secret_key, account.webhook_secret = secret_key, webhook_secret
        account.save()
        record_event(installation, "stripe.account_connected", actor=Event.Actor.STAFF, actor_id=actor_id,
                     account=account_id, livemode=account.livemode, connect=bool(account.connected_account))
    installation.stripe_account = account
    return account


def disconnect(installation, *, actor_id: str = "") -> bool:
    """Back to the deployment's account (the environment's keys); True if the shop had its own."""
    with transaction.atomic():
        account = StripeAccount.objects.select_for_update().filter(installation=installation).first()
        if account is None:
            return False
        account.delete()
        record_event(installation, "stripe.account_removed", actor=Event.Actor.STAFF, actor_id=actor_id,
                     account=account.account_id)
    installation.stripe_account = None
    return True
