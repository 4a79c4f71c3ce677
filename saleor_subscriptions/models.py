"""Django discovers the app's models here; each lives in the module of its area."""

from .checkout.models import CheckoutLock
from .core.models import Event
from .customers.models import ThrottleCount
from .figures.models import FigureCursor, FigureDay, FigureForecast, SubscriptionFigure, VariantPrice
from .funnels.models import Enrolment, Funnel, FunnelSend, FunnelStep
from .installations.models import ClosedDay, Installation
from .mail.models import MailLog, MailOptOut, MailTemplateVersion
from .phone_orders.models import PhoneOrder
from .payments.models import PaymentInstructions, PaymentMethod, StripeAccount, StripeCustomer, StripeEvent
from .portal.models import UsedSignInLink
from .plans.models import Plan, PlanMove, PlanVersion, SubscriptionProduct
from .saleor.webhooks.models import WebhookDelivery
from .subscriptions.models import (CancellationAttempt, Membership, MemberSync, OneTimeItem, OrderAwaitingCard, Renewal,
                                   Subscription, SubscriptionLine, SubscriptionSearchTerm)

__all__ = [
    "CancellationAttempt", "CheckoutLock", "ClosedDay", "Enrolment", "Event", "Funnel", "FunnelSend", "FunnelStep", "Installation",
    "MailLog", "MailOptOut", "MailTemplateVersion", "Membership", "MemberSync", "OneTimeItem", "OrderAwaitingCard",
    "PaymentInstructions", "PaymentMethod", "PhoneOrder", "Plan", "PlanMove", "PlanVersion", "Renewal", "StripeAccount",
    "StripeCustomer", "StripeEvent", "Subscription", "SubscriptionLine", "SubscriptionProduct", "SubscriptionSearchTerm",
    "ThrottleCount", "UsedSignInLink", "WebhookDelivery",
    "FigureCursor", "FigureDay", "FigureForecast", "SubscriptionFigure", "VariantPrice",
]
