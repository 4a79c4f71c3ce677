"""The payment methods this deployment has (built in and plug-ins), for the Dashboard's forms to offer."""

import graphene

from ..core.error_texts import current_language
from ..payment_methods import registry


class PaymentMethodChoice(graphene.ObjectType):
    name = graphene.String(required=True, description="what settings and plan terms store, e.g. konbini")
    label = graphene.String(required=True, description="in the staff's language")


def payment_method_choices(names: list[str] | None = None) -> list[dict]:
    """`names` (default: every installed method), labelled in the staff's language."""
    language = current_language()
    return [{"name": name, "label": registry.label(name, language)} for name in (registry.names() if names is None else names)]
