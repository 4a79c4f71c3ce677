"""The portal's session: a signed cookie naming the customer, scoped to one installation's portal path.

HttpOnly, SameSite=Lax, Secure when the app is served over https, and expiring (`LIFETIME`). It holds the
customer's Saleor id and e-mail, and, when a storefront handed the shopper over, their Saleor access token
(for the online check before cancelling or changing the card). Signed per installation: a cookie of one shop's
portal is no key to another's. The flash message of the next page is a second, short-lived cookie.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core import signing

COOKIE = "portal_session"
FLASH_COOKIE = "portal_flash"
LANGUAGE_COOKIE = "portal_language"
LIFETIME = datetime.timedelta(hours=8)
FLASH_LIFETIME = datetime.timedelta(minutes=5)


@dataclasses.dataclass(frozen=True)
class Session:
    user_id: str
    email: str
    token: str = ""  # the storefront's Saleor access token, if it handed the shopper over


def path(installation) -> str:
    return f"/portal/{installation.portal_key}/"


def _salt(installation, kind: str) -> str:
    return f"saleor-subscriptions.portal-{kind}:{installation.pk}"


def _set(response, installation, name: str, value: str, max_age: datetime.timedelta, *, httponly: bool = True) -> None:
    response.set_cookie(name, value, max_age=int(max_age.total_seconds()), path=path(installation),
                        secure=settings.APP_URL.startswith("https://"), httponly=httponly, samesite="Lax")


def start(response, installation, *, user_id: str, email: str, token: str = "") -> None:
    value = signing.dumps({"u": user_id, "e": email, "t": token}, salt=_salt(installation, "session"), compress=True)
    _set(response, installation, COOKIE, value, LIFETIME)


def current(request, installation) -> Session | None:
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=_salt(installation, "session"), max_age=LIFETIME)
    except signing.BadSignature:  # tampered, expired, or another installation's
        return None
    return Session(user_id=data.get("u") or "", email=data.get("e") or "", token=data.get("t") or "")


def end(response, installation) -> None:
    for name in (COOKIE, FLASH_COOKIE):
        response.delete_cookie(name, path=path(installation), samesite="Lax")


def flash(response, installation, message: str) -> None:
    """A message for the next page (what the change did), shown once."""
    _set(response, installation, FLASH_COOKIE, signing.dumps(message, salt=_salt(installation, "flash")), FLASH_LIFETIME)


def take_flash(request, response, installation) -> str:
    value = request.COOKIES.get(FLASH_COOKIE)
    if not value:
        return ""
    response.delete_cookie(FLASH_COOKIE, path=path(installation), samesite="Lax")
    try:
        return signing.loads(value, salt=_salt(installation, "flash"), max_age=FLASH_LIFETIME)
    except signing.BadSignature:
        return ""


def remember_language(response, installation, language: str) -> None:
    _set(response, installation, LANGUAGE_COOKIE, language, datetime.timedelta(days=365))
