"""Django discovers the app's models here; each lives in the module of its area."""

from .core.models import Event
from .installations.models import Installation
from .payments.models import PaymentMethod, StripeCustomer, StripeEvent
from .plans.models import Plan, PlanVersion, SubscriptionProduct
from .saleor.webhooks.models import WebhookDelivery

__all__ = ["Event", "Installation", "PaymentMethod", "Plan", "PlanVersion", "StripeCustomer", "StripeEvent", "SubscriptionProduct", "WebhookDelivery"]
