"""Cancelling: now, or at the end of the paid period; never harder than subscribing (one call, after Saleor's word)."""

import graphene

from ...subscriptions import actions
from .changes import changed
from .schedule import CUTOFF
from .signed_in import LIMITS_TEXT, ONLINE_TEXT
from .types import MySubscriptionPayload

REASON_MAX = 500


class MySubscriptionCancel(graphene.Mutation):
    __doc__ = (f"Cancel now (no further delivery) or at the end of the paid period (the deliveries already due still "
               f"come); a plan's minimum commitment stands (COMMITMENT). {CUTOFF} {ONLINE_TEXT} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        at_period_end = graphene.Boolean(default_value=False)
        reason = graphene.String(default_value="", description=f"Why, in the customer's words (kept for the shop, up "
                                                               f"to {REASON_MAX} characters)")

    Output = MySubscriptionPayload

    def mutate(root, info, id, at_period_end=False, reason=""):
        return changed(info, id, lambda subscription, customer, **who: actions.cancel(
            subscription, at_period_end=bool(at_period_end), reason=(reason or "")[:REASON_MAX], **who), online=True)
