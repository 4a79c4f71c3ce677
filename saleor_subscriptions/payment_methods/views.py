"""`/api/payment-methods/<method>/<shop portal key>/<path>`: the webhooks (or other views) a method serves, each
called with the shop's installation; the method checks its provider's signature."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import URLResolver, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.views.decorators.csrf import csrf_exempt

from ..installations.models import Installation
from . import registry


def _not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": "not_found", "message": message}}, status=404)


@csrf_exempt
def method_view(request, method: str, shop: str, path: str):
    found = registry.find(method)
    if found is None:
        return _not_found("no payment method of this name is installed")
    installation = Installation.objects.active().filter(portal_key=shop).first()
    if installation is None:
        return _not_found("no shop receives payment events here")
    try:
        match = URLResolver(RegexPattern(r"^"), found.urls()).resolve(path)
    except Resolver404:
        return _not_found(f"{method} serves nothing at {path[:100]}")
    return match.func(request, *match.args, installation=installation, **match.kwargs)


def method_url(installation, method: str, path: str) -> str:
    """The absolute URL a provider is told to call for this shop (e.g. its webhook endpoint)."""
    return settings.APP_URL.rstrip("/") + reverse("payment-method", kwargs={
        "method": method, "shop": installation.portal_key, "path": path})
