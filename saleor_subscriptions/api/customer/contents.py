"""What each delivery holds: another quantity, another variant, another plan (interval) of the same product.

`mySubscriptionChangeQuote` shows the next delivery re-priced by any of these before the customer confirms.
"""

import graphene

from ...core.error_texts import error_text
from ...plans.models import Plan
from ...subscriptions import actions
from ..operators import row_id
from .changes import changed
from .errors import Refused
from .schedule import CUTOFF
from .signed_in import LIMITS_TEXT
from .types import MySubscriptionPayload


def offered_plan(subscription, code: str) -> Plan:
    """A plan of the shop by its code (whether it suits this subscription is the change's own check)."""
    plan = Plan.objects.filter(installation=subscription.installation, code=code).select_related("product").first()
    if plan is None:
        raise Refused("planCode", "not_found", error_text("plan_not_found", code=code))
    return plan


class MySubscriptionQuantity(graphene.Mutation):
    __doc__ = (f"Another quantity for a line from the next delivery on, priced by the plan's quantity tiers "
               f"(QUANTITY_OUT_OF_RANGE outside the plan's limits). {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id, line_id, quantity):
        return changed(info, id, lambda subscription, customer, **who: actions.change_quantity(
            subscription, row_id(line_id), quantity, **who))


class MySubscriptionVariant(graphene.Mutation):
    __doc__ = (f"Another variant (flavour, size) of the same product on a line, if the channel sells it and it is "
               f"subscribable (NOT_AVAILABLE otherwise). {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id, line_id, variant_id):
        return changed(info, id, lambda subscription, customer, **who: actions.change_variant(
            subscription, row_id(line_id), variant_id, **who))


class MySubscriptionPlan(graphene.Mutation):
    __doc__ = (f"Another plan of the same product, usually another interval: the next delivery keeps its date, the "
               f"ones after follow the new plan. {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        plan_code = graphene.String(required=True, description="As sellingPlans lists the product's plans")

    Output = MySubscriptionPayload

    def mutate(root, info, id, plan_code):
        return changed(info, id, lambda subscription, customer, **who: actions.change_plan(
            subscription, offered_plan(subscription, plan_code), **who))
