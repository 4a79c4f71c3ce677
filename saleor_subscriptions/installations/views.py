"""`tokenTargetUrl`: where Saleor posts the app token during installation (unsigned)."""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .actions import RegistrationRejected, register


def _error(status, code, message):
    # Saleor shows `error.message` as the reason of a failed installation.
    return JsonResponse({"success": False, "error": {"code": code, "message": message}}, status=status)


@csrf_exempt
@require_POST
def register_view(request):
    api_url = request.headers.get("Saleor-Api-Url")
    if not api_url:
        return _error(400, "api_url_missing", "the Saleor-Api-Url header is required")
    try:
        body = json.loads(request.body)
        token = body["auth_token"]
    except (ValueError, KeyError, TypeError):
        return _error(400, "auth_token_missing", 'the body must be JSON {"auth_token": "…"}')
    if not isinstance(token, str) or not token.strip():
        return _error(400, "auth_token_missing", "auth_token must be a non-empty string")
    try:
        register(api_url=api_url, domain=request.headers.get("Saleor-Domain", ""), auth_token=token)
    except RegistrationRejected as exc:
        return _error(exc.status, exc.code, exc.message)
    return JsonResponse({"success": True})
