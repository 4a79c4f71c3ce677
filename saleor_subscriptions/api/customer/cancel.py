"""Cancelling: now, or at the end of the paid period; never harder than subscribing (one call, after Saleor's word)."""

import graphene

from ...subscriptions import actions, retention
from .changes import changed
from .schedule import CUTOFF
from .signed_in import LIMITS_TEXT, ONLINE_TEXT
from .types import MySubscriptionPayload

REASON_MAX = 500


def _cancel(subscription, at_period_end: bool, reason: str, attempt_id, **who):
    if attempt_id is None:
        return actions.cancel(subscription, at_period_end=at_period_end, reason=reason[:REASON_MAX], **who)
    attempt = retention.attempt_of(subscription, attempt_id)  # the offer shown is declined: the attempt's reason stands
    return retention.decline(attempt, at_period_end=at_period_end, today=who["today"])


class MySubscriptionCancel(graphene.Mutation):
    __doc__ = (f"Cancel now (no further delivery) or at the end of the paid period (the deliveries already due still "
               f"come); a plan's minimum commitment stands (COMMITMENT). With `attemptId` (mySubscriptionCancelStart) the "
               f"offer shown is declined and the attempt's reason recorded; without one the subscription is cancelled "
               f"all the same. {CUTOFF} {ONLINE_TEXT} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        at_period_end = graphene.Boolean(default_value=False)
        attempt_id = graphene.ID(description="The attempt whose offer the customer turns down")
        reason = graphene.String(default_value="", description=f"Without an attempt: why, in the customer's words "
                                                               f"(kept for the shop, up to {REASON_MAX} characters)")

    Output = MySubscriptionPayload

    def mutate(root, info, id, at_period_end=False, attempt_id=None, reason=""):
        return changed(info, id, lambda subscription, customer, **who: _cancel(
            subscription, bool(at_period_end), reason or "", attempt_id, **who), online=True)
