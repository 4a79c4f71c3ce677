"""Links into the Saleor Dashboard of an installation, for the merchant's mails.

Saleor serves its Dashboard at `/dashboard/` on the API's origin (Saleor Cloud, and the default
self-hosted set-up); an order is `/dashboard/orders/<order id>` and the app's own page is
`/dashboard/extensions/app/<app id>` (see APP_PROTOCOL.md §7.5).
"""

from urllib.parse import quote, urlencode, urlsplit


def dashboard_url(installation) -> str:
    parts = urlsplit(installation.saleor_api_url)
    return f"{parts.scheme}://{parts.netloc}/dashboard"


def order_url(installation, order_id: str) -> str:
    return f"{dashboard_url(installation)}/orders/{quote(order_id, safe='')}"


def subscription_url(installation, subscription_id: int) -> str:
    """The app's page in the Dashboard, opened on one subscription."""
    return f"{dashboard_url(installation)}/extensions/app/{quote(installation.app_id, safe='')}?" + urlencode(
        {"subscription": subscription_id})
