"""Django settings: every value comes from the environment through `config.load_config`."""

import os
from pathlib import Path

from .config import LANGUAGES, load_config

CONFIG = load_config(os.environ)

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
APP_URL = CONFIG.app_url
DATA_DIR = CONFIG.data_dir
# Behind the TLS proxy, links back to us (Stripe's return_url) use the scheme and host the visitor
# used; the host must still be in ALLOWED_HOSTS. Off, a client cannot claim https by a header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CONFIG.trust_proxy_headers else None
USE_X_FORWARDED_HOST = CONFIG.trust_proxy_headers

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "corsheaders",
    "graphene_django",
    "saleor_subscriptions.apps.SaleorSubscriptionsConfig",
]
MIGRATION_MODULES = {"saleor_subscriptions": "saleor_subscriptions.migrations"}

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Storefronts on any origin call /graphql/ from the browser. It authenticates by headers (bearer
# tokens), never cookies, so any origin may call it and no credentials are allowed.
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "POST", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "authorization", "authorization-bearer", "content-type", "saleor-api-url")
# Only the customer portal has forms posted with cookies: Django's CSRF check guards them (csrf_protect on its
# views), its refusal is a page in the customer's language, and the CSRF cookie goes nowhere else.
CSRF_FAILURE_VIEW = "saleor_subscriptions.portal.views.csrf_failure"
CSRF_COOKIE_PATH = "/portal/"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = APP_URL.startswith("https://")
# Nothing is framed but the Dashboard extension pages, which send CSP frame-ancestors instead (extensions/framing.py).
X_FRAME_OPTIONS = "DENY"
DASHBOARD_ORIGINS = CONFIG.dashboard_origins
# The built extension pages: inside an installed copy, or `npm run build`'s output in a checkout.
_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT_DIST = _PACKAGE.parent / "dashboard" / "dist"
DASHBOARD_DIST = next((p for p in (_PACKAGE / "resources" / "dashboard", _CHECKOUT_DIST) if p.is_dir()), _CHECKOUT_DIST)
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
INVOICE_FONT = CONFIG.invoice_font  # a TTF/OTF/TTC with Japanese and Chinese glyphs, embedded in invoice PDFs
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
# The task modules, imported by workers and by the embedded scheduler alike (autodiscovery runs
# only when a worker starts, so a served process would not know the beat's tasks).
CELERY_IMPORTS = (
    "saleor_subscriptions.renewals.tasks",
    "saleor_subscriptions.mail.tasks",
    "saleor_subscriptions.funnels.tasks",
    "saleor_subscriptions.plans.tasks",
    "saleor_subscriptions.saleor.webhooks.tasks",
    "saleor_subscriptions.subscriptions.tasks",
    "saleor_subscriptions.figures.tasks",
)
BEAT_PERIODS = {
    "renew-due-subscriptions": ("saleor_subscriptions.renewals.tasks.renew_due", 300.0),
    "retry-failed-mails": ("saleor_subscriptions.mail.tasks.retry_failed_mails", 300.0),
    "send-funnel-steps": ("saleor_subscriptions.funnels.tasks.send_funnel_steps", 3600.0),
    "send-scheduled-mails": ("saleor_subscriptions.mail.tasks.send_scheduled_mails", 3600.0),
    "publish-product-metadata": ("saleor_subscriptions.plans.tasks.publish_pending_product_metadata", 300.0),
    "apply-plan-moves": ("saleor_subscriptions.plans.tasks.apply_due_plan_moves", 3600.0),
    "requeue-stalled-webhook-deliveries": ("saleor_subscriptions.saleor.webhooks.tasks.requeue_stalled_deliveries", 300.0),
    "sweep-member-metadata": ("saleor_subscriptions.subscriptions.tasks.sweep_member_metadata", 3600.0),
    "payment-deadlines": ("saleor_subscriptions.renewals.tasks.payment_deadlines", 3600.0),
    "orders-awaiting-cards": ("saleor_subscriptions.subscriptions.tasks.settle_orders_awaiting_cards", 3600.0),
    "refresh-figures": ("saleor_subscriptions.figures.tasks.refresh_figures", 900.0),
}
# BEAT_INTERVAL_SECONDS caps every period (e.g. 5 to watch renewals happen while trying the app out).
CELERY_BEAT_SCHEDULE = {
    name: {"task": task, "schedule": min(period, CONFIG.beat_interval_seconds or period)}
    for name, (task, period) in BEAT_PERIODS.items()
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_link_tokens": {"()": "saleor_subscriptions.core.log_redaction.RedactLinkTokens"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_link_tokens"]}
    },
    "root": {"handlers": ["console"], "level": CONFIG.log_level},
    # Django's own handlers would print request paths (with link tokens) unfiltered: everything
    # goes through the root's console handler instead.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        "waitress": {"handlers": [], "propagate": True},
        "waitress.queue": {"level": "ERROR"},
    },
}
# Celery workers log through the same handler (and its redaction) instead of their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The figures' covering indexes (INCLUDE columns) serve PostgreSQL; SQLite (`make run`) builds them without the extra columns.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
