"""Installing and uninstalling: the only code that changes an `Installation`."""

import contextlib
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..config import allow_list_match, normalize_api_url
from ..core.models import Event, record_event
from ..core.rejections import Rejected
from ..saleor import http
from ..saleor.client import SaleorClient, SaleorError
from ..saleor.jwks import JWKSError, fetch_jwks, jwks_url
from .addresses import NonPublicAddress, require_public_host
from .models import Installation

logger = logging.getLogger(__name__)


class Unverified(Exception):
    """The Saleor answered, but not for a token of this app."""


def register(*, api_url: str, domain: str, auth_token: str) -> Installation:
    """Store (or replace) the app token Saleor sent to `tokenTargetUrl`, after proving it works.

    Saleor creates a new App, with a new id and token, on every retried install: the last
    registration for an API URL wins and re-activates the installation.
    """
    try:
        api_url = normalize_api_url(api_url)
    except ValueError:
        raise Rejected(400, "invalid_api_url", "Saleor-Api-Url is not an http(s) URL") from None
    allowed_by = allow_list_match(api_url, settings.SALEOR_ALLOWED_API_URLS)
    if allowed_by is None:
        raise Rejected(
            403, "api_url_not_allowed", f"{api_url} is not in this app's SALEOR_ALLOWED_API_URLS"
        )
    try:
        # a host only a wildcard allows is called at the address found public, not where DNS points next
        with http.pinned(api_url, require_public_host(api_url)[0]) if allowed_by.wildcard else contextlib.nullcontext():
            data = SaleorClient(api_url, auth_token, attempts=1).execute("AppInstallation")
            app = _our_app(data)
            jwks = fetch_jwks(jwks_url(api_url))
    except (NonPublicAddress, SaleorError, Unverified, JWKSError) as exc:
        # One answer for every failure to reach or verify the Saleor, the reason only in our log:
        # otherwise registration tells a caller what answers at an address.
        logger.warning("registration for %s refused: %s", api_url, exc)
        raise Rejected(
            403, "saleor_not_verified", f"the app could not verify this installation with {api_url}; its log says why"
        ) from None

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


def _our_app(data: dict) -> dict:
    """The app the token belongs to, which must be this app (a token of another app is refused)."""
    app = data.get("app")
    if not isinstance(app, dict) or not app.get("id"):
        raise Unverified("Saleor does not know the token as an app token")
    if app.get("identifier") != settings.APP_IDENTIFIER:
        raise Unverified(f"the token belongs to the app {app.get('identifier')!r}, not {settings.APP_IDENTIFIER!r}")
    return app


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
