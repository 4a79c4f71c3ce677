"""Installing and uninstalling: the only code that changes an `Installation`."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..config import api_url_allowed, normalize_api_url
from ..core.models import Event, record_event
from ..core.rejections import Rejected
from ..saleor.client import SaleorClient, SaleorGraphQLError, SaleorTransportError
from ..saleor.jwks import JWKSError, fetch_jwks, jwks_url
from .models import Installation

logger = logging.getLogger(__name__)


def register(*, api_url: str, domain: str, auth_token: str) -> Installation:
    """Store (or replace) the app token Saleor sent to `tokenTargetUrl`, after proving it works.

    Saleor creates a new App, with a new id and token, on every retried install: the last
    registration for an API URL wins and re-activates the installation.
    """
    try:
        api_url = normalize_api_url(api_url)
    except ValueError:
        raise Rejected(400, "invalid_api_url", "Saleor-Api-Url is not an http(s) URL") from None
    if not api_url_allowed(api_url, settings.SALEOR_ALLOWED_API_URLS):
        raise Rejected(
            403, "api_url_not_allowed", f"{api_url} is not in this app's SALEOR_ALLOWED_API_URLS"
        )
    try:
        data = SaleorClient(api_url, auth_token, attempts=1).execute("AppInstallation")
    except SaleorGraphQLError as exc:
        raise Rejected(401, "token_rejected", f"{api_url} did not accept the token: {exc}") from None
    except SaleorTransportError as exc:
        raise Rejected(502, "saleor_unreachable", f"cannot confirm the token with {api_url}: {exc}") from None
    app = data.get("app") or {}
    if not app.get("id"):
        raise Rejected(401, "token_rejected", f"{api_url} does not know this token as an app token")
    try:
        jwks = fetch_jwks(jwks_url(api_url))
    except JWKSError as exc:
        raise Rejected(502, "jwks_unavailable", str(exc)) from None

    permissions = sorted(p["code"] for p in app.get("permissions") or ())
    with transaction.atomic():
        installation, created = Installation.objects.select_for_update().get_or_create(
            saleor_api_url=api_url, defaults={"app_id": app["id"]}
        )
        changed = created or not installation.is_active or installation.app_id != app["id"]
        installation.app_id = app["id"]
        installation.app_token = auth_token
        installation.saleor_domain = domain[:255]
        installation.permissions = permissions
        installation.saleor_version = str((data.get("shop") or {}).get("version") or "")[:32]
        installation.jwks = jwks
        installation.jwks_fetched_at = timezone.now()
        installation.is_active = True
        installation.uninstalled_at = None
        installation.save()
        if changed:
            record_event(
                installation,
                "app.installed" if created else "app.reinstalled",
                actor=Event.Actor.SALEOR,
                actor_id=app["id"],
                permissions=permissions,
                saleor_version=installation.saleor_version,
            )
    logger.info("registered %s as app %s (%s)", api_url, app["id"], "new" if created else "updated")
    return installation


def uninstall(installation: Installation, app_id: str) -> bool:
    """Deactivate after Saleor deleted our app; a deletion of an older, replaced app is ignored."""
    with transaction.atomic():
        installation = Installation.objects.select_for_update().get(pk=installation.pk)
        if not installation.is_active or installation.app_id != app_id:
            return False
        installation.is_active = False
        installation.app_token = ""
        installation.uninstalled_at = timezone.now()
        installation.save()
        record_event(installation, "app.deleted", actor=Event.Actor.SALEOR, actor_id=app_id)
    logger.info("uninstalled from %s (app %s deleted)", installation.saleor_api_url, app_id)
    return True
