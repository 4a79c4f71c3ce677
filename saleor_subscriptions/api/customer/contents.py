"""What each delivery holds: another quantity, another variant, another plan (interval) of the same product.

`mySubscriptionChangeQuote` shows the next delivery re-priced by any of these before the customer confirms.
"""

import graphene

from ...core.error_texts import current_language, error_text
from ...core.models import Event
from ...customers.quote import quote
from ...plans.models import Plan
from ...renewals.engine import today_in
from ...subscriptions import actions
from ..operators import row_id
from .changes import changed
from .errors import CustomerError, Refused, answer
from .queries import mine
from .schedule import CUTOFF
from .signed_in import LIMITS_TEXT, signed_in
from .types import MySubscriptionPayload, MyNextDelivery


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


class MyChangeQuote(graphene.ObjectType):
    current = graphene.Field(MyNextDelivery, description="The next delivery as it is now")
    changed = graphene.Field(MyNextDelivery, description="The next delivery after the change (nothing is changed yet)")
    errors = graphene.List(graphene.NonNull(CustomerError), required=True,
                           description="What the change itself would answer (QUANTITY_OUT_OF_RANGE, PAST_CUTOFF, …)")


QUOTE_TEXT = (f"The next delivery re-priced by one change, before the customer confirms it: lineId with quantity "
              f"(mySubscriptionQuantity) or variantId (mySubscriptionVariant), or planCode (mySubscriptionPlan). "
              f"Nothing is changed; the change's own refusals come back as they would. {LIMITS_TEXT}")


def _tried_change(subscription, line_id, quantity, variant_id, plan_code, who: dict):
    """(the change to try, variants it brings in) for exactly one of quantity, variant or plan."""
    given = [name for name, value in (("quantity", quantity), ("variantId", variant_id), ("planCode", plan_code))
             if value is not None]
    if len(given) != 1:
        raise Refused(given[1] if given else None, "invalid", error_text("one_change"))
    if plan_code is not None:
        plan = offered_plan(subscription, plan_code)
        inserts = {insert.variant_id for insert in plan.current_version.terms.free_inserts}
        return lambda tried: actions.change_plan(tried, plan, **who), inserts
    if line_id is None:
        raise Refused("lineId", "invalid", error_text("required"))
    line = row_id(line_id)
    if quantity is not None:
        return lambda tried: actions.change_quantity(tried, line, quantity, **who), set()
    sold = actions.sold_variant(subscription, variant_id)
    return lambda tried: actions.swap_variant(tried, line, variant_id, sold, **who), {variant_id}


def resolve_my_subscription_change_quote(root, info, id, line_id=None, quantity=None, variant_id=None, plan_code=None):
    def work():
        customer = signed_in(info)
        subscription = mine(customer, id)
        who = {"actor": Event.Actor.CUSTOMER, "actor_id": customer.user_id, "today": today_in(customer.installation)}
        change, variant_ids = _tried_change(subscription, line_id, quantity, variant_id, plan_code, who)
        return quote(subscription, current_language(), change, variant_ids=variant_ids)

    return answer(work, current=None, changed=None)
