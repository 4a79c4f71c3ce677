"""The Celery application: `celery -A saleor_subscriptions worker` / `beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_subscriptions.settings")

app = Celery("saleor_subscriptions")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["saleor_subscriptions.saleor.webhooks", "saleor_subscriptions.renewals", "saleor_subscriptions.mail",
                        "saleor_subscriptions.funnels", "saleor_subscriptions.plans"])
