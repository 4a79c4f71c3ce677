"""Service-level pages: manifest, health, logo and the Dashboard app page."""

from functools import cache
from pathlib import Path

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from . import __version__
from .saleor.manifest import build_manifest

LOGO = Path(__file__).resolve().parent / "static" / "logo.png"


@require_GET
def manifest_view(request):
    return JsonResponse(build_manifest(), json_dumps_params={"ensure_ascii": False})


@require_GET
def health_view(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "version": __version__})


@cache
def _logo() -> bytes:
    return LOGO.read_bytes()


@require_GET
def logo_view(request):
    response = HttpResponse(_logo(), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def dashboard_view(request):
    """The app page inside the Dashboard; the subscription screens arrive with their issues."""
    return HttpResponse(
        "<!doctype html><meta charset=utf-8><title>Subscriptions</title>"
        f"<h1>Subscriptions {__version__}</h1><p>The app is installed and receiving events.</p>"
    )
