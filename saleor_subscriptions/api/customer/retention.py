"""Cancelling with the shop's offers: the reasons, the reason's offer (`start`), then accept it or cancel anyway.

Never harder than subscribing: mySubscriptionCancel(attemptId) cancels right after the offer is shown, and
cancelling without an attempt stays possible.
"""

import graphene

from ...core.error_texts import current_language
from ...core.models import Event
from ...renewals.engine import today_in
from ...subscriptions import retention
from .changes import changed
from .errors import CustomerError, answer
from .queries import mine
from .signed_in import LIMITS_TEXT, signed_in
from .types import MySubscriptionPayload


class MyCancellationReason(graphene.ObjectType):
    code = graphene.String(required=True, description="Pass it to mySubscriptionCancelStart")
    label = graphene.String(required=True, description="In the request's language")


class MyCancellationReasons(graphene.ObjectType):
    reasons = graphene.List(graphene.NonNull(MyCancellationReason), required=True, description="In the shop's order")
    errors = graphene.List(graphene.NonNull(CustomerError), required=True)


class MyCancellationOfferKind(graphene.Enum):
    SKIP = "skip"
    DELAY = "delay"
    LONGER_INTERVAL = "longer_interval"
    PERCENT_OFF = "percent_off"


class MyCancellationOffer(graphene.ObjectType):
    kind = graphene.Field(MyCancellationOfferKind, required=True)
    text = graphene.String(required=True, description="The offer in the customer's words, in the request's language")


class MyCancellationAttempt(graphene.ObjectType):
    id = graphene.ID(required=True, description="mySubscriptionOfferAccept(attemptId) or mySubscriptionCancel(attemptId)")
    reason = graphene.String(required=True)
    offer = graphene.Field(MyCancellationOffer, description="Null: no offer for this reason now; cancel right away")


class MyCancelStartPayload(graphene.ObjectType):
    attempt = graphene.Field(MyCancellationAttempt)
    errors = graphene.List(graphene.NonNull(CustomerError), required=True)


def resolve_my_cancellation_reasons(root, info):
    def work():
        return {"reasons": retention.reasons(signed_in(info).installation, current_language())}

    return answer(work, reasons=[])


class MySubscriptionCancelStart(graphene.Mutation):
    __doc__ = (f"The customer sets out to cancel, giving one of myCancellationReasons: the reason's offer, if the shop "
               f"has one that can be kept now (each kind at most once per cooldown). Refused as cancelling would be "
               f"now (COMMITMENT, PAST_CUTOFF: each naming the day it becomes possible). {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True, description="A reason's code")
        text = graphene.String(default_value="", description="The customer's own words, if any (up to 1000 characters)")

    Output = MyCancelStartPayload

    def mutate(root, info, id, reason, text=""):
        def work():
            customer = signed_in(info)
            attempt = retention.start(mine(customer, id), reason, text=text or "", actor=Event.Actor.CUSTOMER,
                                      actor_id=customer.user_id, today=today_in(customer.installation))
            offer = {"kind": attempt.offer_kind, "text": retention.offer_text(attempt, current_language())} \
                if attempt.offer_kind else None
            return {"attempt": {"id": attempt.pk, "reason": attempt.reason, "offer": offer}}

        return answer(work, attempt=None)


class MySubscriptionOfferAccept(graphene.Mutation):
    __doc__ = (f"The customer takes the offer shown and keeps the subscription with the offered change (NOT_AVAILABLE "
               f"once it no longer can be: shown more than a day ago, or the delivery moved). {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        attempt_id = graphene.ID(required=True, description="mySubscriptionCancelStart's attempt")

    Output = MySubscriptionPayload

    def mutate(root, info, id, attempt_id):
        return changed(info, id, lambda subscription, customer, today, **who: retention.accept(
            retention.attempt_of(subscription, attempt_id), today=today))
