"""The Dashboard extension pages: the built front-end (`dashboard/dist`), for any path under `/dashboard`.

The Dashboard requests `appUrl` without its trailing slash (`/dashboard?domain=…`, APP_PROTOCOL
§7.5), and every page is the same `index.html` (the front-end routes by path). Hashed assets are
cached for a year; `index.html` never, so a new build is seen at once.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .. import __version__
from .framing import frame_ancestors

PLACEHOLDER = (
    "<!doctype html><meta charset=utf-8><title>Subscriptions</title>"
    "<h1>Subscriptions {version}</h1><p>The app is installed and receiving events. Its Dashboard pages are not "
    "built on this server (run <code>make run</code>, which builds them).</p>"
)


def _dist() -> Path:
    return Path(settings.DASHBOARD_DIST)


@require_safe
def asset_view(request, name: str):
    """A hashed, immutable file of the build (`/dashboard/assets/…`)."""
    assets = (_dist() / "assets").resolve()
    path = (assets / name).resolve()
    if assets not in path.parents or not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
@xframe_options_exempt
def page_view(request, path: str = ""):
    """Every extension page: `index.html` of the build, framable by the installation's Dashboard."""
    index = _dist() / "index.html"
    body = index.read_bytes() if index.is_file() else PLACEHOLDER.format(version=__version__).encode()
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Content-Security-Policy"] = frame_ancestors(request.GET.get("saleorApiUrl"))
    return response
