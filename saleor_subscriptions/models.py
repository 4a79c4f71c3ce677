"""Django discovers the app's models here; each lives in the module of its area."""

from .core.models import Event
from .installations.models import Installation
from .saleor.webhooks.models import WebhookDelivery

__all__ = ["Event", "Installation", "WebhookDelivery"]
