"""Which installation a Stripe object belongs to.

Installations without an account of their own share the deployment's Stripe account, so a signed
request can name another shop's PaymentIntent. An object is an installation's only when every sign of ownership we have (the
`saleor_api_url` in its metadata, our rows that know its id or its customer) names that
installation, and at least one does.
"""

from ..config import normalize_api_url
from ..installations.models import Installation
from ..subscriptions.models import Renewal
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
    rows = []
    if obj.get("object") == "payment_intent":
        rows += [Renewal.objects.filter(payment_intent_id=obj["id"]).values_list("subscription__installation"),
                 PaymentInstructions.objects.filter(payment_intent_id=obj["id"]).values_list("installation")]
    customer = _id(obj.get("customer"))
    if customer:
        rows.append(StripeCustomer.objects.filter(stripe_customer_id=customer).values_list("installation"))
    if rows:
        found |= {pk for (pk,) in rows[0].union(*rows[1:])}
    return found


def belongs_to(installation, obj) -> bool:
    return owners(obj, installation) == {installation.pk}


def owner(obj) -> Installation | None:
    """The one active installation the object belongs to, or None (unknown, or claimed by several)."""
    found = owners(obj)
    if len(found) != 1 or not isinstance(pk := next(iter(found)), int):
        return None
    return Installation.objects.active().filter(pk=pk).first()
