"""The shop settings page's "Stripe account" section: which account the shop is paid into, its keys replaced or removed.

Secrets go in and never come out: the page sees the account Stripe named, live or test, and the last four characters.
"""

import graphene
from django.urls import reverse

from ..core.errors import InputError
from ..payments import accounts, stripe_api
from .shop_settings import PERMISSION, input_field
from .staff import StaffError, _guarded, _refuse, staff


class StripeAccountSource(graphene.Enum):
    OWN = "own"
    CONNECT = "connect"
    ENVIRONMENT = "environment"


class StripeAccountStatus(graphene.ObjectType):
    source = graphene.Field(StripeAccountSource, required=True,
                            description="own keys, a Connect account of the platform, or the deployment's (environment)")
    configured = graphene.Boolean(required=True, description="false: cards cannot be charged (no key anywhere)")
    livemode = graphene.Boolean(required=True)
    account_id = graphene.String(description="acct_… as Stripe answered when the keys were checked")
    account_name = graphene.String()
    connected_account = graphene.String()
    publishable_key = graphene.String()
    secret_key_last4 = graphene.String()
    webhook_secret_last4 = graphene.String()
    checked_at = graphene.DateTime()
    webhook_url = graphene.String(required=True, description="where this shop's Stripe events are to be sent")


class StripeAccountInput(graphene.InputObjectType):
    secret_key = graphene.String(description="sk_… or a restricted rk_…")
    publishable_key = graphene.String(description="pk_…")
    webhook_secret = graphene.String(description="whsec_…: the signing secret of the endpoint at webhookUrl")
    connected_account = graphene.String(description="acct_…: instead of keys, a Connect account of this platform")


class StripeAccountPayload(graphene.ObjectType):
    account = graphene.Field(StripeAccountStatus)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def status(request, installation) -> dict:
    account = getattr(installation, "stripe_account", None)  # None: the deployment's account
    connect = bool(account and account.connected_account)
    shop_url = request.build_absolute_uri(reverse("stripe-shop-webhook", args=[installation.portal_key]))
    answer = {"webhook_url": request.build_absolute_uri(reverse("stripe-webhook")) if connect or not account else shop_url,
              "livemode": stripe_api.is_live(installation),
              "configured": bool(stripe_api.access(installation).secret_key)}
    if account is None:
        return {**answer, "source": StripeAccountSource.ENVIRONMENT}
    return {**answer, "source": StripeAccountSource.CONNECT if connect else StripeAccountSource.OWN,
            "livemode": account.livemode, "account_id": account.account_id, "account_name": account.account_name,
            "connected_account": account.connected_account or None, "publishable_key": account.publishable_key or None,
            "secret_key_last4": account.secret_key_last4 or None, "webhook_secret_last4": account.webhook_secret_last4 or None,
            "checked_at": account.checked_at}


def resolve_stripe_account(root, info):
    def work():
        installation, _ = staff(info.context, PERMISSION)
        return {"account": status(info.context, installation)}

    return _guarded(work)


class StripeAccountConnect(graphene.Mutation):
    """Use the shop's own Stripe keys (or a Connect account) from now on, once Stripe accepted them; nothing is
    kept when it did not."""

    class Arguments:
        input = StripeAccountInput(required=True)

    Output = StripeAccountPayload

    def mutate(root, info, input):
        def work():
            installation, user = staff(info.context, PERMISSION)
            try:
                accounts.connect(installation, actor_id=user, **{name: input.get(name) or "" for name in (
                    "secret_key", "publishable_key", "webhook_secret", "connected_account")})
            except InputError as exc:
                raise _refuse(input_field(exc.field), exc.code, exc.message) from None
            return {"account": status(info.context, installation)}

        return _guarded(work)


class StripeAccountRemove(graphene.Mutation):
    """Forget the shop's own keys: it is paid into the deployment's account (the environment's keys) again."""

    Output = StripeAccountPayload

    def mutate(root, info):
        def work():
            installation, user = staff(info.context, PERMISSION)
            accounts.disconnect(installation, actor_id=user)
            return {"account": status(info.context, installation)}

        return _guarded(work)
