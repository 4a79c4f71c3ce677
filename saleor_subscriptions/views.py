"""Service-level pages: manifest, health and logo."""

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
