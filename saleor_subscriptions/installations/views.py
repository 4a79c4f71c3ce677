"""`tokenTargetUrl`: where Saleor posts the app token during installation (unsigned)."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..core import bounded_json
from ..core.rejections import Rejected
from .actions import register


def _token(request) -> str:
    try:
        token = bounded_json.loads(request.body)["auth_token"]
    except bounded_json.TooDeep as exc:
        raise Rejected(400, "json_too_deep", str(exc)) from None
    except (ValueError, KeyError, TypeError):
        raise Rejected(400, "auth_token_missing", 'the body must be JSON {"auth_token": "…"}') from None
    if not isinstance(token, str) or not token.strip():
        raise Rejected(400, "auth_token_missing", "auth_token must be a non-empty string")
    return token


@csrf_exempt
@require_POST
def register_view(request):
    try:
        api_url = request.headers.get("Saleor-Api-Url")
        if not api_url:
            raise Rejected(400, "api_url_missing", "the Saleor-Api-Url header is required")
        register(api_url=api_url, domain=request.headers.get("Saleor-Domain", ""), auth_token=_token(request))
    except Rejected as rejected:
        return rejected.response()
    return JsonResponse({"success": True})
