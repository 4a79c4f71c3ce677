"""Shipping for the operators' desk: the methods Saleor offers a subscription's channel and address, and the choice."""

import graphene

from ..core.error_texts import current_language, error_text
from ..core.money import format_money, from_saleor, quantize
from ..renewals.catalogue import shipping_method_id, shipping_method_pk
from ..renewals.engine import address_input
from ..saleor.client import SaleorClient, SaleorError
from ..subscriptions import actions
from ..subscriptions.actions import LifecycleError
from ..subscriptions.models import Subscription
from .operator_changes import OVERRIDE, SubscriptionChangePayload, _change
from .operators import row_id
from .staff import StaffError, _guarded, _refuse, staff
from .types import Money


class ShippingOption(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    price = graphene.Field(Money, required=True)


class StaffShippingMethods(graphene.ObjectType):
    shipping_methods = graphene.List(graphene.NonNull(ShippingOption), required=True)
    current = graphene.ID(description="The subscription's method, if it is among them")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def offered(subscription: Subscription, address: dict | None) -> list[dict]:
    """What Saleor offers the channel for the address (`shop.availableShippingMethods`: nothing is created)."""
    return SaleorClient.for_installation(subscription.installation).execute("ShippingMethods", {
        "channel": subscription.channel_slug, "address": address_input(address)})["shop"]["availableShippingMethods"] or []


def _pk(global_id: str) -> str | None:
    try:
        return shipping_method_pk(global_id)
    except (ValueError, UnicodeDecodeError):
        return None


def resolve_staff_shipping_methods(root, info, id):
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        subscription = Subscription.objects.filter(installation=installation, pk=row_id(id)).select_related("installation").first()
        if subscription is None:
            raise _refuse("id", "not_found", error_text("subscription_not_found", id=id))
        try:
            methods = offered(subscription, subscription.shipping_address)
        except SaleorError:
            raise _refuse(None, "saleor_unavailable", "Saleor did not answer") from None
        language = current_language()
        options = []
        for method in methods:
            amount = from_saleor(method["price"]["amount"], method["price"]["currency"])
            options.append({"id": shipping_method_id(_pk(method["id"])), "name": method["name"], "price": {
                "amount": quantize(amount, method["price"]["currency"]), "currency": method["price"]["currency"],
                "formatted": format_money(amount, method["price"]["currency"], language)}})
        current = _pk(subscription.shipping_method_id) if subscription.shipping_method_id else None
        return {"shipping_methods": options,
                "current": next((option["id"] for option in options if _pk(option["id"]) == current), None)}

    return {"shipping_methods": [], "current": None, **_guarded(work)}


def check_offered(subscription: Subscription, shipping_method: str, address: dict | None) -> str:
    """The method in the form orders take, if Saleor offers it for the address; else refused."""
    wanted = _pk(shipping_method)
    if wanted is None or all(_pk(method["id"]) != wanted for method in offered(subscription, address)):
        raise LifecycleError("shippingMethodId", "not_available", "Saleor does not offer this shipping method "
                             "for the subscription's channel and address")
    return shipping_method_id(wanted)


class StaffSubscriptionShipping(graphene.Mutation):
    """Another shipping method, one Saleor offers for the channel and the delivery address, from the next delivery on."""

    class Arguments:
        id = graphene.ID(required=True)
        shipping_method_id = graphene.ID(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, shipping_method_id, override=False):
        def change(subscription, **who):
            chosen = check_offered(subscription, shipping_method_id, subscription.shipping_address)
            return actions.change_shipping_method(subscription, chosen, force=override, **who)

        return _change(info, id, change)
