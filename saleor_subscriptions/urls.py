from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from . import views
from .access.views import access_view
from .api.schema import schema
from .api.view import ApiView
from .exports.views import download_view
from .extensions.views import asset_view, page_view
from .installations.views import register_view
from .invoices.views import invoice_view
from .mail.views import link_view
from .payment_methods.views import method_view
from .payments.views import stripe_webhook_view
from .saleor.webhooks.views import async_webhook_view, sync_webhook_view

urlpatterns = [
    path("api/manifest", views.manifest_view, name="manifest"),
    path("api/register", register_view, name="register"),
    path("api/access", access_view, name="access"),
    path("api/exports/<str:shop>/<str:token>", download_view, name="export-download"),
    path("api/webhooks/saleor", async_webhook_view, name="saleor-webhook"),
    path("api/webhooks/stripe", stripe_webhook_view, name="stripe-webhook"),
    path("api/webhooks/stripe/<str:shop>", stripe_webhook_view, name="stripe-shop-webhook"),
    path("api/webhooks/sync/<slug:name>", sync_webhook_view, name="saleor-sync-webhook"),
    path("api/payment-methods/<slug:method>/<str:shop>/<path:path>", method_view, name="payment-method"),
    # The Dashboard asks for appUrl without its trailing slash; every path below it is a page.
    path("dashboard/assets/<path:name>", asset_view, name="dashboard-asset"),
    path("dashboard", page_view, name="dashboard"),
    path("dashboard/", page_view),
    path("dashboard/<path:path>", page_view, name="dashboard-page"),
    path("m/<str:token>", link_view, name="mail-link"),
    path("invoices/<str:token>", invoice_view, name="invoice"),
    path("portal/<str:key>/", include("saleor_subscriptions.portal.urls")),
    path("static/logo.png", views.logo_view, name="logo"),
    path("healthz", views.health_view, name="health"),
    # Storefronts call it cross-site with no cookies: CSRF protects nothing here.
    path("graphql/", csrf_exempt(ApiView.as_view(schema=schema)), name="graphql"),
]
