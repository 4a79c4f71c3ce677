"""The customer API's root fields; api/schema.py's Query and Mutation take them in."""

import graphene

from .address import MySubscriptionAddress
from .cancel import MySubscriptionCancel
from .card import MySubscriptionCard, MySubscriptionCardSetup
from .contents import (
    QUOTE_TEXT,
    MyChangeQuote,
    MySubscriptionPlan,
    MySubscriptionQuantity,
    MySubscriptionVariant,
    resolve_my_subscription_change_quote,
)
from .one_time import MySubscriptionAddOneTimeItem, MySubscriptionRemoveOneTimeItem
from .queries import resolve_my_subscription, resolve_my_subscriptions
from .retention import (
    MyCancellationReasons,
    MySubscriptionCancelStart,
    MySubscriptionOfferAccept,
    resolve_my_cancellation_reasons,
)
from .schedule import MySubscriptionPause, MySubscriptionReschedule, MySubscriptionResume, MySubscriptionSkip
from .signed_in import LIMITS_TEXT
from .types import MySubscriptionPayload, MySubscriptions

SIGNED_IN = "The signed-in shopper (Authorization: Bearer <Saleor access token>)"


class CustomerQuery(graphene.ObjectType):
    my_subscriptions = graphene.Field(
        MySubscriptions, required=True, resolver=resolve_my_subscriptions,
        description=f"{SIGNED_IN}: their subscriptions in this shop, newest first, as they see them. {LIMITS_TEXT}")
    my_subscription = graphene.Field(
        MySubscriptionPayload, required=True, id=graphene.ID(required=True), resolver=resolve_my_subscription,
        description=f"{SIGNED_IN}: one of their subscriptions; any other id is NOT_FOUND. {LIMITS_TEXT}")
    my_subscription_change_quote = graphene.Field(
        MyChangeQuote, required=True, id=graphene.ID(required=True), line_id=graphene.ID(), quantity=graphene.Int(),
        variant_id=graphene.ID(), plan_code=graphene.String(), resolver=resolve_my_subscription_change_quote,
        description=f"{SIGNED_IN}: {QUOTE_TEXT}")


    my_cancellation_reasons = graphene.Field(
        MyCancellationReasons, required=True, resolver=resolve_my_cancellation_reasons,
        description=f"{SIGNED_IN}: the reasons the shop asks a customer who cancels to choose from. {LIMITS_TEXT}")


class CustomerMutation(graphene.ObjectType):
    my_subscription_skip = MySubscriptionSkip.Field()
    my_subscription_reschedule = MySubscriptionReschedule.Field()
    my_subscription_pause = MySubscriptionPause.Field()
    my_subscription_resume = MySubscriptionResume.Field()
    my_subscription_quantity = MySubscriptionQuantity.Field()
    my_subscription_variant = MySubscriptionVariant.Field()
    my_subscription_plan = MySubscriptionPlan.Field()
    my_subscription_address = MySubscriptionAddress.Field()
    my_subscription_add_one_time_item = MySubscriptionAddOneTimeItem.Field()
    my_subscription_remove_one_time_item = MySubscriptionRemoveOneTimeItem.Field()
    my_subscription_card_setup = MySubscriptionCardSetup.Field()
    my_subscription_card = MySubscriptionCard.Field()
    my_subscription_cancel_start = MySubscriptionCancelStart.Field()
    my_subscription_offer_accept = MySubscriptionOfferAccept.Field()
    my_subscription_cancel = MySubscriptionCancel.Field()
