"""A customer's own subscriptions: by their Saleor user id, or by the e-mail address a sign-in link proved."""

from django.db.models import Q

from ..subscriptions.models import Subscription


class NotOwned(Exception):
    """No such subscription for this customer: answered as "not found", whoever else it belongs to."""


def owned(installation, *, user_id: str = "", email: str = ""):
    """The customer's subscriptions in this installation, newest first; none without an id or address."""
    who = Q(pk__in=[])
    if user_id:
        who |= Q(customer_id=user_id)
    if email:
        who |= Q(email__iexact=email)
    return Subscription.objects.filter(who, installation=installation).order_by("-started_on", "-pk")


def own_subscription(installation, subscription_id, *, user_id: str = "", email: str = "") -> Subscription:
    try:
        pk = int(subscription_id)
    except (TypeError, ValueError):
        raise NotOwned(subscription_id) from None
    found = owned(installation, user_id=user_id, email=email).filter(pk=pk).select_related("plan", "payment_method").first()
    if found is None:
        raise NotOwned(subscription_id)
    return found
