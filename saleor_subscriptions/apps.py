from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class SaleorSubscriptionsConfig(AppConfig):
    name = "saleor_subscriptions"
    verbose_name = "Saleor subscriptions"

    def ready(self):
        from .mail import notifications  # noqa: F401  (connects the outcome hooks)
        from .subscriptions import membership  # noqa: F401  (keeps memberships with every subscription save)

        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
