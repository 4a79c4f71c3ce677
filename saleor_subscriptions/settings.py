"""Django settings: every value comes from the environment through `config.load_config`."""

import os

from .config import LANGUAGES, load_config

CONFIG = load_config(os.environ)

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
APP_URL = CONFIG.app_url
DATA_DIR = CONFIG.data_dir

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "graphene_django",
    "saleor_subscriptions.apps.SaleorSubscriptionsConfig",
]
MIGRATION_MODULES = {"saleor_subscriptions": "saleor_subscriptions.migrations"}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Dashboard extension pages are shown inside the Saleor Dashboard's iframe.
X_FRAME_OPTIONS = "SAMEORIGIN"
# Saleor does not follow redirects: never turn /api/manifest into /api/manifest/.
APPEND_SLASH = False
ROOT_URLCONF = "saleor_subscriptions.urls"
WSGI_APPLICATION = "saleor_subscriptions.wsgi.application"
STATIC_URL = "/static/"

DATABASES = {"default": CONFIG.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = CONFIG.time_zone
USE_I18N = True
LANGUAGE_CODE = CONFIG.language_code
LANGUAGES = list(LANGUAGES)

globals().update(CONFIG.email)
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
MAIL_TEMPLATES_DIR = CONFIG.mail_templates_dir  # merchant overrides of emails/<event>/<language>.*

FIELD_ENCRYPTION_KEYS = CONFIG.field_encryption_keys

STRIPE_SECRET_KEY = CONFIG.stripe_secret_key
STRIPE_PUBLISHABLE_KEY = CONFIG.stripe_publishable_key
STRIPE_WEBHOOK_SECRET = CONFIG.stripe_webhook_secret
STRIPE_API_BASE = CONFIG.stripe_api_base

SALEOR_ALLOWED_API_URLS = CONFIG.saleor_allowed_api_urls
APP_IDENTIFIER = CONFIG.app_identifier

CELERY_BROKER_URL = CONFIG.celery_broker_url or "memory://"
# Without a broker (embedded `make run`), tasks run in-process once the request has committed.
CELERY_TASK_ALWAYS_EAGER = CONFIG.celery_broker_url is None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Renewal workers started per installation on every beat tick (each takes subscriptions with SKIP LOCKED).
RENEWAL_WORKERS_PER_INSTALLATION = 2
CELERY_BEAT_SCHEDULE = {
    "renew-due-subscriptions": {
        "task": "saleor_subscriptions.renewals.tasks.renew_due",
        "schedule": 300.0,
    },
    "retry-failed-mails": {"task": "saleor_subscriptions.mail.tasks.retry_failed_mails", "schedule": 300.0},
    "send-funnel-steps": {"task": "saleor_subscriptions.funnels.tasks.send_funnel_steps", "schedule": 3600.0},
    "send-scheduled-mails": {"task": "saleor_subscriptions.mail.tasks.send_scheduled_mails", "schedule": 3600.0},
    "publish-product-metadata": {"task": "saleor_subscriptions.plans.tasks.publish_pending_product_metadata", "schedule": 300.0},
    "requeue-stalled-webhook-deliveries": {
        "task": "saleor_subscriptions.saleor.webhooks.tasks.requeue_stalled_deliveries",
        "schedule": 300.0,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": CONFIG.log_level},
    "loggers": {"waitress.queue": {"level": "ERROR"}},
}
