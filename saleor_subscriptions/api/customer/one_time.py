"""One-time items: another product in the next delivery only, at the channel's price of the day it is added."""

import graphene

from ...subscriptions import addons
from ..operators import row_id
from .changes import changed
from .schedule import CUTOFF
from .signed_in import LIMITS_TEXT
from .types import MySubscriptionPayload


class MySubscriptionAddOneTimeItem(graphene.Mutation):
    __doc__ = (f"Add a product to the next delivery only, at the channel's price today (the same product again adds "
               f"up); NOT_AVAILABLE when the channel does not sell it, OUT_OF_STOCK, TOO_MANY. {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        quantity = graphene.Int(default_value=1)

    Output = MySubscriptionPayload

    def mutate(root, info, id, variant_id, quantity=1):
        return changed(info, id, lambda subscription, customer, **who: addons.add_one_time_item(
            subscription, variant_id, quantity, **who))


class MySubscriptionRemoveOneTimeItem(graphene.Mutation):
    __doc__ = (f"Take a one-time item out of the next delivery (IN_ORDER once its order is made). {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        item_id = graphene.ID(required=True, description="nextDelivery.oneTimeItems' id")

    Output = MySubscriptionPayload

    def mutate(root, info, id, item_id):
        return changed(info, id, lambda subscription, customer, **who: addons.remove_one_time_item(
            subscription, row_id(item_id), **who))
