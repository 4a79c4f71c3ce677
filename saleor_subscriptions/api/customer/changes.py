"""One customer change to one of their own subscriptions: signed in, owned, done by subscriptions/actions.py, shown."""

from ...core.models import Event
from ...renewals.engine import today_in
from .errors import answer
from .queries import mine, shown
from .signed_in import signed_in


def changed(info, subscription_id, act, *, online: bool = False) -> dict:
    """`act(subscription, customer, actor=…, actor_id=…, today=…)` as the customer; the payload shows the result.

    `online`: Saleor confirms the token first (cancelling, cards). A refusal leaves nothing changed.
    """
    def work():
        customer = signed_in(info, online=online)
        subscription = mine(customer, subscription_id)
        act(subscription, customer, actor=Event.Actor.CUSTOMER, actor_id=customer.user_id,
            today=today_in(customer.installation))
        return {"subscription": shown([mine(customer, subscription.pk)])[0]}

    return answer(work, subscription=None)
