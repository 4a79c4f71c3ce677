"""An operator changes what is delivered: lines added or removed, another variant, another plan (interval), one-time items."""

import graphene

from ..plans.models import Plan
from ..subscriptions import actions, addons
from ..subscriptions.actions import LifecycleError
from .operator_changes import OVERRIDE, SubscriptionChangePayload, _change
from .operators import row_id


class StaffSubscriptionLineAdd(graphene.Mutation):
    """Another variant of the subscription's product, from the next delivery on."""

    class Arguments:
        id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, variant_id, quantity, override=False):
        return _change(info, id, lambda subscription, **who: actions.add_line(
            subscription, variant_id, quantity, force=override, **who))


class StaffSubscriptionLineRemove(graphene.Mutation):
    """A line stops from the next delivery on; the last line cannot go (`LAST_LINE`: cancel instead)."""

    class Arguments:
        id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, line_id, override=False):
        line = row_id(line_id)
        return _change(info, id, lambda subscription, **who: actions.remove_line(subscription, line, force=override, **who))


class StaffSubscriptionVariant(graphene.Mutation):
    """Another variant (flavour, size) of the same product on a line, if the channel sells it and it is subscribable."""

    class Arguments:
        id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, line_id, variant_id, override=False):
        line = row_id(line_id)
        return _change(info, id, lambda subscription, **who: actions.change_variant(
            subscription, line, variant_id, force=override, **who))


class StaffSubscriptionPlan(graphene.Mutation):
    """Another plan of the same product (usually another interval); the next delivery keeps its date."""

    class Arguments:
        id = graphene.ID(required=True)
        plan = graphene.String(required=True, description="The plan's code")
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, plan, override=False):
        def change(subscription, **who):
            chosen = Plan.objects.filter(installation=subscription.installation, code=plan).select_related("product").first()
            if chosen is None:
                raise LifecycleError("plan", "not_found", f"there is no plan {plan!r}")
            return actions.change_plan(subscription, chosen, force=override, **who)

        return _change(info, id, change)


class StaffSubscriptionOneTimeItemAdd(graphene.Mutation):
    """A product in the next delivery only, at the channel's price of today; the same product again adds up."""

    class Arguments:
        id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, variant_id, quantity, override=False):
        return _change(info, id, lambda subscription, **who: addons.add_one_time_item(
            subscription, variant_id, quantity, force=override, **who))


class StaffSubscriptionOneTimeItemRemove(graphene.Mutation):
    """A one-time item leaves the next delivery (`IN_ORDER` once its order is being made)."""

    class Arguments:
        id = graphene.ID(required=True)
        item_id = graphene.ID(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, item_id, override=False):
        item = row_id(item_id)
        return _change(info, id, lambda subscription, **who: addons.remove_one_time_item(
            subscription, item, force=override, **who))
