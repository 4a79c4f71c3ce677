"""`mySubscriptions` and `mySubscription(id)`: the signed-in customer's own subscriptions, as they see them."""

from ...core.error_texts import current_language, error_text
from ...customers.identity import Customer
from ...customers.ownership import NotOwned, own_subscription, owned
from ...customers.overview import overviews
from ...renewals.engine import today_in
from ...subscriptions.actions import CHANGEABLE, change_deadline
from ...subscriptions.calendar import movable_days
from ...subscriptions.models import Subscription
from .errors import Refused, answer
from .signed_in import signed_in

MAX_SUBSCRIPTIONS = 100


def shown(subscriptions: list[Subscription]) -> list[dict]:
    """Each as the customer sees it, in the request's language."""
    language = current_language()
    return [seen | {"plan_code": subscription.plan.code, "change_deadline": change_deadline(subscription),
                    "upcoming_deliveries": seen["upcoming"], "movable_days": _movable(subscription)}
            for subscription, seen in zip(subscriptions, overviews(subscriptions, language))]


def _movable(subscription: Subscription) -> list:
    if subscription.next_renewal_on is None or subscription.status not in CHANGEABLE:
        return []
    return movable_days(subscription, today_in(subscription.installation))


def mine(customer: Customer, subscription_id) -> Subscription:
    """The customer's own subscription; any other id, whoever's it is, is not found."""
    try:
        return own_subscription(customer.installation, subscription_id, user_id=customer.user_id)
    except NotOwned:
        raise Refused("id", "not_found", error_text("subscription_not_found", id=subscription_id)) from None


def resolve_my_subscriptions(root, info):
    def work():
        customer = signed_in(info)
        rows = owned(customer.installation, user_id=customer.user_id).select_related("plan", "payment_method", "installation")
        return {"subscriptions": shown(list(rows[:MAX_SUBSCRIPTIONS]))}

    return answer(work, subscriptions=[])


def resolve_my_subscription(root, info, id):
    def work():
        return {"subscription": shown([mine(signed_in(info), id)])[0]}

    return answer(work, subscription=None)
