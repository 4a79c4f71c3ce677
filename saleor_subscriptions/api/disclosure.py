"""`subscriptionDisclosure`: the statements a storefront shows, as is, on its last screen."""

import graphene

from ..checkout.actions import CheckoutError
from ..checkout.disclosure import disclose
from ..core.error_texts import error_language, error_message
from ..core.money import format_money
from .checkout import CheckoutLineError
from .context import UnknownInstance, installation_for
from .types import Money


class DisclosedLine(graphene.ObjectType):
    line_id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    plan_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    first_delivery_total = graphene.Field(Money, required=True)
    later_delivery_total = graphene.Field(Money, required=True, description="Each delivery right after any trial.")
    cycle = graphene.String(required=True)
    upcoming_deliveries = graphene.List(graphene.NonNull(graphene.Date), required=True)
    billing_limit = graphene.Int()
    min_commitment = graphene.Int()
    committed_total = graphene.Field(Money, description="Total payable over the commitment or fixed course, shipping included.")
    first_shipping = graphene.Field(Money, description="Shipping of the first delivery (this order); null when nothing "
                                                       "is shipped or the line ships with another.")
    shipping_per_delivery = graphene.Field(Money, description="Shipping of each later delivery (the chosen method's "
                                                              "price); null when nothing is shipped or the line ships with another.")
    payment_methods = graphene.List(graphene.NonNull(graphene.String), required=True,
                                    description="The payment methods whose timing the statements state.")
    statements = graphene.List(graphene.NonNull(graphene.String), required=True,
                               description="Show these lines, in this order, on the final confirmation screen.")


class SubscriptionDisclosure(graphene.ObjectType):
    language = graphene.String()
    currency = graphene.String()
    lines = graphene.List(graphene.NonNull(DisclosedLine), required=True)
    errors = graphene.List(graphene.NonNull(CheckoutLineError), required=True)


def _carried(shipping, which: str):
    return None if shipping is None or shipping.shared_with else getattr(shipping, which)


def _error(field, code, message):
    return {"lines": [], "errors": [{"field": field, "code": code, "message": message}]}


def resolve_subscription_disclosure(root, info, checkout_id, language_code=None, payment_method=None):
    try:
        disclosure = disclose(installation_for(info.context), checkout_id=checkout_id, language_code=language_code,
                              payment_method=payment_method)
    except UnknownInstance as exc:
        return _error(None, "unknown_instance", str(exc))
    except CheckoutError as exc:
        return _error(exc.field, exc.code, error_message(exc, error_language(language_code)))
    currency, language = disclosure.currency, disclosure.language

    def money(amount):
        return None if amount is None else {
            "amount": amount, "currency": currency, "formatted": format_money(amount, currency, language)}

    return {
        "language": language,
        "currency": currency,
        "lines": [
            {
                "line_id": line.line_id, "product_name": line.product_name, "plan_name": line.plan_name,
                "quantity": line.quantity, "first_delivery_total": money(line.first.total),
                "later_delivery_total": money(line.later[0][1].total), "cycle": line.cycle,
                "upcoming_deliveries": line.upcoming_deliveries, "billing_limit": line.billing_limit,
                "min_commitment": line.min_commitment, "committed_total": money(line.committed_total),
                "first_shipping": money(_carried(line.shipping, "first")),
                "shipping_per_delivery": money(_carried(line.shipping, "later")),
                "payment_methods": line.payment_methods, "statements": line.statements,
            }
            for line in disclosure.lines
        ],
        "errors": [],
    }
