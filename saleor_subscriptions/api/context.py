"""Which installation a storefront request is for."""

from ..config import normalize_api_url
from ..core.error_texts import error_text
from ..installations.models import Installation


class UnknownInstance(Exception):
    pass


def installation_for(request, api_url: str | None = None) -> Installation:
    """By the `Saleor-Api-Url` header (or `api_url`); without it, the only active installation, if there is one."""
    header = api_url or request.headers.get("Saleor-Api-Url")
    active = Installation.objects.active()
    if header:
        try:
            installation = active.filter(saleor_api_url=normalize_api_url(header)).first()
        except ValueError:
            installation = None
        if installation is None:
            raise UnknownInstance(error_text("unknown_instance"))
        return installation
    candidates = list(active[:2])
    if len(candidates) != 1:
        raise UnknownInstance(error_text("which_instance"))
    return candidates[0]
