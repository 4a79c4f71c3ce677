"""The app manifest Saleor fetches from /api/manifest during `appInstall`."""

from django.conf import settings

from .. import __version__
from .documents import webhook_specs

# What each permission is for is explained in the README ("Permissions").
PERMISSIONS = (
    "MANAGE_ORDERS",
    "MANAGE_ORDERS_IMPORT",
    "MANAGE_CHECKOUTS",
    "HANDLE_CHECKOUTS",
    "HANDLE_PAYMENTS",
    "MANAGE_USERS",
    "IMPERSONATE_USER",
    "MANAGE_PRODUCTS",
    "MANAGE_CHANNELS",
    "MANAGE_SHIPPING",
    "MANAGE_DISCOUNTS",
)
# Webhook `identifier` needs 3.23.23; extension identifiers and priceOverrideReason 3.23.19.
REQUIRED_SALEOR_VERSION = ">=3.23.23 <4"
WEBHOOK_PATHS = {True: "/api/webhooks/saleor", False: "/api/webhooks/sync/{name}"}
# Where the Dashboard shows our pages (APP_PROTOCOL §7.1: 3.23 mount names; Saleor stores any string, so a
# typo installs and never shows). URLs are relative to appUrl; widgets receive the order/customer id by GET.
_WIDGET = {"widgetTarget": {"method": "GET"}}
EXTENSIONS: tuple[dict, ...] = (
    {"identifier": "subscriptions", "label": "Subscriptions", "mount": "NAVIGATION_ORDERS", "target": "APP_PAGE",
     "url": "/subscriptions", "permissions": ["MANAGE_ORDERS"]},
    {"identifier": "figures", "label": "Subscription figures", "mount": "NAVIGATION_ORDERS", "target": "APP_PAGE",
     "url": "/figures", "permissions": ["MANAGE_ORDERS"]},
    {"identifier": "phone-order", "label": "Phone/FAX subscription order", "mount": "ORDER_OVERVIEW_CREATE",
     "target": "APP_PAGE", "url": "/phone-order", "permissions": ["MANAGE_ORDERS"]},
    {"identifier": "customer-subscriptions", "label": "Subscriptions", "mount": "CUSTOMER_DETAILS_WIDGETS",
     "target": "WIDGET", "url": "/widgets/customer", "permissions": ["MANAGE_ORDERS"], "options": _WIDGET},
    {"identifier": "order-subscription", "label": "Subscription", "mount": "ORDER_DETAILS_WIDGETS",
     "target": "WIDGET", "url": "/widgets/order", "permissions": ["MANAGE_ORDERS"], "options": _WIDGET},
    # the product page: a widget (productId by GET) and a kebab entry opening the editor (productId in the page's query)
    {"identifier": "product-subscription", "label": "Subscription", "mount": "PRODUCT_DETAILS_WIDGETS",
     "target": "WIDGET", "url": "/widgets/product", "permissions": ["MANAGE_PRODUCTS"], "options": _WIDGET},
    {"identifier": "product-plans", "label": "Subscription plans", "mount": "PRODUCT_DETAILS_MORE_ACTIONS",
     "target": "APP_PAGE", "url": "/products/plans", "permissions": ["MANAGE_PRODUCTS"]},
    {"identifier": "step-mails", "label": "Step mails", "mount": "NAVIGATION_DISCOUNTS", "target": "APP_PAGE",
     "url": "/step-mails", "permissions": ["MANAGE_DISCOUNTS"]},
)


def build_manifest() -> dict:
    base = settings.APP_URL
    return {
        "id": settings.APP_IDENTIFIER,
        "version": __version__,
        "name": "Subscriptions",
        "about": "Subscription commerce (定期購入): plans, automatic renewal orders, saved-card "
        "payments, dunning and step mails.",
        "author": "saleor-subscriptions",
        "permissions": list(PERMISSIONS),
        "appUrl": f"{base}/dashboard/",
        "tokenTargetUrl": f"{base}/api/register",
        "requiredSaleorVersion": REQUIRED_SALEOR_VERSION,
        "audience": base,
        "homepageUrl": base,
        "supportUrl": f"{base}/dashboard/",
        "dataPrivacyUrl": f"{base}/dashboard/",
        "brand": {"logo": {"default": f"{base}/static/logo.png"}},
        "webhooks": [
            {
                "name": spec.name,
                "identifier": spec.name,
                "targetUrl": base + WEBHOOK_PATHS[spec.is_async].format(name=spec.name),
                ("asyncEvents" if spec.is_async else "syncEvents"): list(spec.events),
                "query": spec.query,
                "isActive": True,
            }
            for spec in webhook_specs()
        ],
        "extensions": list(EXTENSIONS),
    }
