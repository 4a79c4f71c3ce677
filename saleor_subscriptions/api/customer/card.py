"""A new card for renewals: a Stripe SetupIntent the storefront confirms with Stripe Elements, then the card is used.

Both steps confirm the shopper's token with Saleor first (a stolen token must not swap the card).
"""

import graphene
import stripe

from ...core.error_texts import error_text
from ...payments import operator_cards, stripe_api
from ...payments.methods import finish_card_replacement
from ...plans.terms import PaymentMethodKind
from ...subscriptions import actions
from ...subscriptions.models import Subscription
from .changes import changed
from .errors import CustomerError, Refused, answer
from .queries import mine
from .signed_in import CARD_SETUPS, LIMITS_TEXT, ONLINE_TEXT, hit, signed_in
from .types import MySubscriptionPayload

ENDED = (Subscription.Status.CANCELLED, Subscription.Status.COMPLETED)


def _card_customer(subscription):
    """The subscription's Stripe customer (made now for one paid so far by cash or transfer), if cards can be taken."""
    if subscription.status in ENDED:
        raise Refused(None, "invalid_status", error_text("invalid_status"))
    if PaymentMethodKind.CARD not in subscription.lines.select_related("plan_version").first().plan_version.terms.payment_methods:
        raise Refused(None, "payment_method", error_text("payment_method.card"))
    account = stripe_api.access(subscription.installation)
    if not account.secret_key or not account.publishable_key:
        raise Refused(None, "not_available", error_text("cards_unavailable"))
    return operator_cards.card_customer(subscription.installation, email=subscription.email,
                                        saleor_user_id=subscription.customer_id)


class MyCardSetupPayload(graphene.ObjectType):
    setup_intent_id = graphene.String(description="Pass it to mySubscriptionCard once Stripe confirmed the card")
    client_secret = graphene.String(description="For Stripe Elements: stripe.confirmSetup({elements, clientSecret, …})")
    publishable_key = graphene.String(description="The shop's Stripe publishable key, to load Stripe.js with")
    stripe_account = graphene.String(description="A Connect account id for Stripe.js's `stripeAccount` option, if the shop has one")
    errors = graphene.List(graphene.NonNull(CustomerError), required=True)


class MySubscriptionCardSetup(graphene.Mutation):
    __doc__ = (f"Start replacing the card renewals are charged on: a SetupIntent for off-session use on the customer's "
               f"Stripe customer (at most 10 an hour per customer). {ONLINE_TEXT} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)

    Output = MyCardSetupPayload

    def mutate(root, info, id):
        def work():
            customer = signed_in(info, online=True)
            subscription = mine(customer, id)
            stripe_customer = _card_customer(subscription)
            hit(info.context, CARD_SETUPS, f"{customer.installation.pk}:{customer.user_id}")
            intent_id, secret = operator_cards.setup_card(stripe_customer)
            account = stripe_api.access(subscription.installation)
            return {"setup_intent_id": intent_id, "client_secret": secret, "publishable_key": account.publishable_key,
                    "stripe_account": account.connected_account or None}

        return answer(work, setup_intent_id=None, client_secret=None, publishable_key=None, stripe_account=None)


def _use_card(subscription, setup_intent_id, **who):
    stripe_customer = _card_customer(subscription)
    try:
        method = finish_card_replacement(stripe_customer, setup_intent_id)
    except (ValueError, stripe.InvalidRequestError):
        raise Refused("setupIntentId", "card_not_saved", error_text("card_not_saved")) from None
    return actions.use_card(subscription, method, **who)


class MySubscriptionCard(graphene.Mutation):
    __doc__ = (f"Renewals charge the card just confirmed (the SetupIntent of mySubscriptionCardSetup succeeded) from "
               f"now on; a payment that failed is tried again today with it. {ONLINE_TEXT} {LIMITS_TEXT}")

    class Arguments:
        id = graphene.ID(required=True)
        setup_intent_id = graphene.String(required=True)

    Output = MySubscriptionPayload

    def mutate(root, info, id, setup_intent_id):
        return changed(info, id, lambda subscription, customer, **who: _use_card(subscription, setup_intent_id, **who),
                       online=True)
