"""Who may show the app's pages in an iframe: the Dashboards of its installations, and nobody else.

The Dashboard is another origin than the app, so `X-Frame-Options` (which knows only SAMEORIGIN
and DENY) would blank the iframe (APP_PROTOCOL §7.5). Extension pages send a CSP
`frame-ancestors` instead, naming the configured Dashboard origins (`DASHBOARD_ORIGINS`) and the
origin of the Saleor the request says it comes from, when that Saleor has installed the app (Saleor
serves its Dashboard there by default). Every other page keeps `X-Frame-Options: DENY`.
"""

from urllib.parse import urlsplit

from django.conf import settings

from ..config import normalize_api_url
from ..installations.models import Installation


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def frame_ancestors(saleor_api_url: str | None) -> str:
    """The CSP directive for a page the Dashboard of `saleor_api_url` (the iframe's query) will frame."""
    origins = list(settings.DASHBOARD_ORIGINS)
    if saleor_api_url:
        try:
            url = normalize_api_url(saleor_api_url)
        except ValueError:
            url = None
        if url and Installation.objects.active().filter(saleor_api_url=url).exists():
            origins.append(_origin(url))
    return "frame-ancestors " + " ".join(dict.fromkeys(origins))
