"""Download links for exports: whoever holds one may download that one file, for a few minutes.

The token is Django-signed and timestamped; it carries the export's kind, filters and headers' language. Its salt
names the installation (row and Saleor app id), and the link's path names the shop: a link shown to one shop
never opens another's rows, and a re-installed app's old links stop working.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..installations.models import Installation

SALT = "saleor-subscriptions.export"
MAX_AGE = datetime.timedelta(minutes=10)


class BadLink(Exception):
    def __init__(self, *, expired: bool = False, language: str | None = None):
        super().__init__("this download link has expired" if expired else "this download link is not valid")
        self.expired, self.language = expired, language


def _salt(installation: Installation) -> str:
    return f"{SALT}:{installation.pk}:{installation.app_id}"


def make(installation: Installation, kind: str, *, language: str, channel: str | None = None,
         since: datetime.date | None = None, until: datetime.date | None = None) -> str:
    payload = {"k": kind, "l": language, "c": channel, "f": since and since.isoformat(), "t": until and until.isoformat()}
    token = signing.dumps(payload, salt=_salt(installation), compress=True)
    return settings.APP_URL.rstrip("/") + reverse("export-download", args=[installation.portal_key, token])


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def read(installation: Installation, token: str) -> dict:
    """The export a link asks for: {kind, language, channel, since, until}; BadLink when forged, altered or old."""
    try:
        payload = signing.loads(token, salt=_salt(installation), max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise BadLink(expired=True, language=signing.loads(token, salt=_salt(installation))["l"]) from None
    except signing.BadSignature:
        raise BadLink() from None
    return {"kind": payload["k"], "language": payload["l"], "channel": payload["c"], "since": _day(payload["f"]),
            "until": _day(payload["t"])}
