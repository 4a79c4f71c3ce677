"""Where deliveries go: another shipping address, if the shop ships there by the subscription's shipping method."""

import graphene

from ...core.error_texts import error_text
from ...subscriptions import actions
from ..operator_changes import AddressInput, stored_address
from ..operator_shipping import check_offered
from .changes import changed
from .errors import Refused
from .schedule import CUTOFF
from .signed_in import LIMITS_TEXT
from .types import MySubscriptionPayload


def _change_address(subscription, address, **who):
    stored = stored_address(address)
    if subscription.shipping_method_id and stored["country"]["code"] and stored["postalCode"]:
        try:
            check_offered(subscription, subscription.shipping_method_id, stored)
        except actions.LifecycleError:
            raise Refused("address", "not_available", error_text("no_shipping")) from None
    return actions.change_address(subscription, stored, **who)


class MySubscriptionAddress(graphene.Mutation):
    __doc__ = (f"Deliver to another address from the next delivery on; NOT_AVAILABLE when the subscription's shipping "
               f"method does not ship there. {CUTOFF} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        address = AddressInput(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id, address):
        return changed(info, id, lambda subscription, customer, **who: _change_address(subscription, address, **who))
