"""When deliveries come: skip the next, move it, pause until a date, resume."""

import graphene

from ...core.error_texts import error_text
from ...subscriptions import actions
from ...subscriptions.calendar import next_open_day
from .changes import changed
from .errors import Refused
from .signed_in import LIMITS_TEXT
from .types import MySubscriptionPayload

CUTOFF = "Changes close the shop's cut-off before a delivery (PAST_CUTOFF, naming the last day; see changeDeadline)."


class MySubscriptionSkip(graphene.Mutation):
    __doc__ = f"The next delivery does not happen; the one after keeps the plan's rhythm. {CUTOFF} {LIMITS_TEXT}"

    class Arguments:
        id = graphene.ID(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id):
        return changed(info, id, lambda subscription, customer, **who: actions.skip_next(subscription, **who))


class MySubscriptionReschedule(graphene.Mutation):
    __doc__ = (f"Move only the next delivery: from the cut-off on (TOO_SOON), before the following one (TOO_LATE: "
               f"skip instead), on a day the shop delivers (CLOSED_DAY). {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        date = graphene.Date(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id, date):
        return changed(info, id, lambda subscription, customer, **who: _reschedule(subscription, date, **who))


def _reschedule(subscription, on, **who):
    if next_open_day(subscription.installation, on) != on:
        raise Refused("date", "closed_day", error_text("closed_day", date=on))
    return actions.reschedule_next(subscription, on, **who)


def _pause(subscription, until, **who):
    if until is not None and until <= who["today"]:
        raise Refused("until", "invalid", error_text("pause_until"))
    return actions.pause(subscription, until=until, **who)


class MySubscriptionPause(graphene.Mutation):
    __doc__ = f"No deliveries until `until` (the first delivery from that day on), or until resumed. {CUTOFF} {LIMITS_TEXT}"

    class Arguments:
        id = graphene.ID(required=True)
        until = graphene.Date(description="Deliveries restart on the plan's first date from this day; none: until resumed")

    Output = MySubscriptionPayload

    def mutate(root, info, id, until=None):
        return changed(info, id, lambda subscription, customer, **who: _pause(subscription, until, **who))


class MySubscriptionResume(graphene.Mutation):
    __doc__ = f"Deliveries restart on the plan's first date from today; the ones missed are skipped. {LIMITS_TEXT}"

    class Arguments:
        id = graphene.ID(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id):
        return changed(info, id, lambda subscription, customer, **who: actions.resume(subscription, **who))
