"""Which installation a Stripe object belongs to.

Installations without an account of their own share the deployment's Stripe account, so a signed
request can name another shop's PaymentIntent. An object is an installation's only when every sign of ownership we have (the
`saleor_api_url` in its metadata, our rows that know its id or its customer) names that
installation, and at least one does.
"""

import functools

from django.db import connection

from ..config import normalize_api_url
from ..core import rows
from ..installations.models import Installation
from ..subscriptions.models import Renewal, Subscription
from .models import PaymentInstructions, StripeCustomer

OWNER_KEY = "saleor_api_url"  # in the metadata of every PaymentIntent, SetupIntent and Customer we create


def owner_metadata(installation) -> dict[str, str]:
    return {OWNER_KEY: installation.saleor_api_url}


def _id(field) -> str | None:
    """An expandable field's id (Stripe sends an id or the whole object)."""
    return field if isinstance(field, str) or field is None else field["id"]


def _named_by_url(url: str, asking=None) -> set:
    try:
        url = normalize_api_url(url)
    except ValueError:
        return {url}
    if asking is not None and url == asking.saleor_api_url:
        return {asking.pk}  # the URL is unique: no other installation has it
    return set(Installation.objects.filter(saleor_api_url=url).values_list("pk", flat=True)) or {url}


def owners(obj, asking=None) -> set:
    """Every installation (pk) our signs point at; a Saleor URL no installation has stands for itself.

    `asking`: the installation that wants to know, whose own URL needs no query. Our rows are read in one statement.
    """
    obj = obj.to_dict() if hasattr(obj, "to_dict") else obj  # a StripeObject, or an event's plain JSON
    found = set()
    url = (obj.get("metadata") or {}).get(OWNER_KEY)
    if url:
        found |= _named_by_url(url, asking)
    intent = obj["id"] if obj.get("object") == "payment_intent" else None
    customer = _id(obj.get("customer"))
    if intent or customer:
        params = ([intent, intent] if intent else []) + ([customer] if customer else [])
        run = rows.cursor()
        run.execute(_rows_naming(bool(intent), bool(customer)), params)
        found |= {pk for (pk,) in run.fetchall()}
    return found


@functools.lru_cache(maxsize=4)
def _rows_naming(intent: bool, customer: bool) -> str:
    """One statement for the installations of our rows that know the intent (renewals, payment instructions) or the
    customer, written once (the ORM compiled its union on every payment webhook)."""
    quote = connection.ops.quote_name

    def column(model, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    parts = [f"SELECT s.{column(Subscription, 'installation')} FROM {quote(Renewal._meta.db_table)} r "
             f"JOIN {quote(Subscription._meta.db_table)} s "
             f"ON s.{column(Subscription, 'id')} = r.{column(Renewal, 'subscription')} WHERE r.{column(Renewal, 'payment_intent_id')} = %s",
             f"SELECT {column(PaymentInstructions, 'installation')} FROM {quote(PaymentInstructions._meta.db_table)} "
             f"WHERE {column(PaymentInstructions, 'payment_intent_id')} = %s"] if intent else []
    if customer:
        parts.append(f"SELECT {column(StripeCustomer, 'installation')} FROM {quote(StripeCustomer._meta.db_table)} "
                     f"WHERE {column(StripeCustomer, 'stripe_customer_id')} = %s")
    return " UNION ".join(parts)


def belongs_to(installation, obj) -> bool:
    return owners(obj, installation) == {installation.pk}


def owner(obj) -> Installation | None:
    """The one active installation the object belongs to, or None (unknown, or claimed by several)."""
    found = owners(obj)
    if len(found) != 1 or not isinstance(pk := next(iter(found)), int):
        return None
    return Installation.objects.active().filter(pk=pk).first()
