"""`hasActiveSubscription`: is the signed-in shopper a member of a plan or product now (their Saleor access token)."""

import graphene

from ...core.error_texts import error_text
from ...customers.identity import NotSignedIn, bearer_token, customer_from_token
from ...subscriptions.membership import is_member
from ..context import UnknownInstance, installation_for


class MembershipErrorCode(graphene.Enum):
    INVALID = "invalid"
    UNKNOWN_INSTANCE = "unknown_instance"
    TOKEN_MISSING = "token_missing"
    TOKEN_INVALID = "token_invalid"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_NOT_ACCESS = "token_not_access"
    TOKEN_OTHER_INSTANCE = "token_other_instance"


class MembershipError(graphene.ObjectType):
    field = graphene.String(description="The argument at fault, in camelCase; null for the whole request.")
    code = graphene.Field(MembershipErrorCode, required=True)
    message = graphene.String(required=True)


class ActiveSubscription(graphene.ObjectType):
    active = graphene.Boolean(required=True, description="A member now; false with errors too.")
    paid_through = graphene.DateTime(description="When the period paid for ends (the next renewal date's start, in the "
                                                 "shop's time zone); a membership that renews is extended then.")
    renews = graphene.Boolean(description="False when the membership ends at paidThrough (cancelled, completed, paused).")
    errors = graphene.List(graphene.NonNull(MembershipError), required=True)


def _error(field, code, words=None):
    return {"active": False, "errors": [{"field": field, "code": code, "message": error_text(words or code)}]}


def resolve_has_active_subscription(root, info, product_id=None, plan_code=None):
    if (product_id is None) == (plan_code is None):
        return _error("productId", "invalid", "membership_target")
    try:
        installation = installation_for(info.context)
        customer = customer_from_token(installation, bearer_token(info.context))
    except UnknownInstance:
        return _error(None, "unknown_instance")
    except NotSignedIn as exc:
        return _error(None, exc.code)
    member = is_member(installation, customer.user_id, product_id=product_id, plan_code=plan_code)
    if member is None:
        return {"active": False, "errors": []}
    return {"active": True, "paid_through": member.paid_through, "renews": member.renews, "errors": []}


HAS_ACTIVE_SUBSCRIPTION = graphene.Field(
    ActiveSubscription, required=True, product_id=graphene.ID(), plan_code=graphene.String(),
    resolver=resolve_has_active_subscription,
    description="Shoppers (Saleor access token as Bearer): are they a member of this product or plan (give exactly one) "
                "now? A subscription cancelled at its period's end counts until its paid-through date.")
