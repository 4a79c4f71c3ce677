"""Checkout mutations: put a plan on a Saleor checkout line, change it, or take it off."""

import graphene

from ..checkout.actions import add_subscription_line, remove_plan, update_subscription_line
from ..core.error_texts import error_language, error_message
from ..core.errors import InputError
from ..core.money import format_money
from ..saleor.languages import language_for
from .context import UnknownInstance, installation_for
from .types import Error, Money


class CheckoutErrorCode(graphene.Enum):
    NOT_FOUND = "not_found"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    PLAN_NOT_FOR_VARIANT = "plan_not_for_variant"
    PRICE_UNAVAILABLE = "price_unavailable"
    PERMISSION_MISSING = "permission_missing"
    SALEOR_REJECTED = "saleor_rejected"
    SALEOR_UNAVAILABLE = "saleor_unavailable"
    PRICE_MISMATCH = "price_mismatch"
    UNKNOWN_INSTANCE = "unknown_instance"
    SHIPPING_METHOD_REQUIRED = "shipping_method_required"
    INVALID = "invalid"
    INVALID_CHARACTER = "invalid_character"
    CHECKOUT_BUSY = "checkout_busy"
    LINE_EXISTS = "line_exists"


class CheckoutLineError(Error):
    code = graphene.Field(CheckoutErrorCode, required=True)


class SubscriptionLine(graphene.ObjectType):
    line_id = graphene.ID(required=True)
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True)
    plan = graphene.String(description="Plan code; null once the line is a one-time purchase again.")
    plan_version = graphene.Int()


class LinePayload(graphene.ObjectType):
    line = graphene.Field(SubscriptionLine)
    errors = graphene.List(graphene.NonNull(CheckoutLineError), required=True)


def _run(info, language_code, action, **arguments) -> dict:
    try:
        installation = installation_for(info.context)
        line = action(installation, **arguments)
    except UnknownInstance as exc:
        return {"line": None, "errors": [{"field": None, "code": "unknown_instance", "message": str(exc)}]}
    except InputError as exc:  # a CheckoutError, or the checkout busy with another change
        message = error_message(exc, error_language(language_code))
        return {"line": None, "errors": [{"field": exc.field, "code": exc.code, "message": message}]}
    language = language_for(language_code, installation.default_language)
    return {
        "line": {
            "line_id": line.line_id,
            "variant_id": line.variant_id,
            "quantity": line.quantity,
            "unit_price": {"amount": line.unit_price, "currency": line.currency,
                           "formatted": format_money(line.unit_price, line.currency, language)},
            "plan": line.plan_code,
            "plan_version": line.plan_version,
        },
        "errors": [],
    }


LANGUAGE = graphene.String(description="For the formatted price and the errors' messages, e.g. JA; the checkout's "
                                       "language is yours to pass (errors default to Accept-Language).")


class SubscriptionLineAdd(graphene.Mutation):
    """Add `quantity` of a variant on a plan as its own checkout line, at the plan's price."""

    class Arguments:
        checkout_id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)
        plan = graphene.String(required=True)
        language_code = LANGUAGE

    Output = LinePayload

    def mutate(root, info, checkout_id, variant_id, quantity, plan, language_code=None):
        return _run(info, language_code, add_subscription_line, checkout_id=checkout_id,
                    variant_id=variant_id, quantity=quantity, plan_code=plan)


class SubscriptionLineUpdate(graphene.Mutation):
    """Change a subscription line's quantity and/or plan; its price is quoted again."""

    class Arguments:
        checkout_id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        quantity = graphene.Int()
        plan = graphene.String()
        language_code = LANGUAGE

    Output = LinePayload

    def mutate(root, info, checkout_id, line_id, quantity=None, plan=None, language_code=None):
        return _run(info, language_code, update_subscription_line, checkout_id=checkout_id,
                    line_id=line_id, quantity=quantity, plan_code=plan)


class SubscriptionLineRemovePlan(graphene.Mutation):
    """Make the line a one-time purchase again, at the channel's price."""

    class Arguments:
        checkout_id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        language_code = LANGUAGE

    Output = LinePayload

    def mutate(root, info, checkout_id, line_id, language_code=None):
        return _run(info, language_code, remove_plan, checkout_id=checkout_id, line_id=line_id)
