"""What a customer sees of a subscription (customers/overview.py), as GraphQL types."""

import graphene

from ..operators import PaymentMethodNode, PaymentStatus, SubscriptionStatus
from ..types import Money
from .errors import CustomerError


class MySubscriptionLine(graphene.ObjectType):
    id = graphene.ID(required=True, description="Pass it as lineId to change its quantity or variant")
    variant_id = graphene.ID(required=True)
    product_name = graphene.String(description="As Saleor names it in the request's language; null when Saleor could "
                                               "not say")
    variant_name = graphene.String()
    quantity = graphene.Int(required=True)


class MyDeliveryLine(graphene.ObjectType):
    variant_id = graphene.ID(required=True)
    product_name = graphene.String()
    variant_name = graphene.String()
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True, description="Trial, price steps, quantity tiers and any own "
                                                                  "price applied")
    amount = graphene.Field(Money, required=True)


class MyOneTimeItem(MyDeliveryLine):
    id = graphene.ID(required=True, description="Pass it as itemId to mySubscriptionRemoveOneTimeItem")


class MyNextDelivery(graphene.ObjectType):
    date = graphene.Date(required=True)
    cycle = graphene.Int(required=True, description="Which delivery it is (1: the order that started the subscription)")
    lines = graphene.List(graphene.NonNull(MyDeliveryLine), required=True,
                          description="What it ships, free inserts included; empty when it cannot be priced now")
    one_time_items = graphene.List(graphene.NonNull(MyOneTimeItem), required=True,
                                   description="Products added to this delivery only (mySubscriptionAddOneTimeItem)")
    items_total = graphene.Field(Money)
    shipping = graphene.Field(Money)
    total = graphene.Field(Money, description="What will be charged, as the renewal prices it; null when Saleor "
                                              "cannot price it now")


class MyOrder(graphene.ObjectType):
    cycle = graphene.Int(required=True)
    number = graphene.String(description="The Saleor order number")
    date = graphene.Date(required=True)
    amount = graphene.Field(Money)
    payment_status = graphene.Field(PaymentStatus, required=True)


class MySubscription(graphene.ObjectType):
    id = graphene.ID(required=True)
    status = graphene.Field(SubscriptionStatus, required=True)
    plan_code = graphene.String(required=True, description="Another plan of the product: mySubscriptionPlan(planCode)")
    plan_name = graphene.String(required=True, description="In the request's language")
    started_on = graphene.Date()
    lines = graphene.List(graphene.NonNull(MySubscriptionLine), required=True)
    next_delivery = graphene.Field(MyNextDelivery, description="Null when none is scheduled (paused, cancelled, ended)")
    upcoming_deliveries = graphene.List(graphene.NonNull(graphene.Date), required=True,
                                        description="The next delivery and the following ones, the shop's calendar applied")
    movable_days = graphene.List(graphene.NonNull(graphene.Date), required=True,
                                 description="The days mySubscriptionReschedule may move the next delivery to (from the "
                                             "cut-off on, before the following delivery, on days the shop delivers)")
    change_deadline = graphene.Date(description="The last day to change or cancel the next delivery (the shop's "
                                                "cut-off); later changes apply to the one after it")
    paused_until = graphene.Date()
    cancel_at_period_end = graphene.Boolean(required=True)
    payment_method = graphene.Field(PaymentMethodNode, required=True)
    shipping_address = graphene.JSONString(description="As Saleor writes addresses")
    orders = graphene.List(graphene.NonNull(MyOrder), required=True, description="Renewal orders, newest first")


class MySubscriptions(graphene.ObjectType):
    subscriptions = graphene.List(graphene.NonNull(MySubscription), required=True, description="Newest first")
    errors = graphene.List(graphene.NonNull(CustomerError), required=True)


class MySubscriptionPayload(graphene.ObjectType):
    subscription = graphene.Field(MySubscription, description="As it is now; null with errors (nothing changed)")
    errors = graphene.List(graphene.NonNull(CustomerError), required=True)
