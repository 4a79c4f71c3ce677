"""Signed links in mails: whoever holds the link may do that one thing (update the card, cancel, opt out, accept an offer).

The token is a Django-signed, timestamped payload; it names the action and the object, so a link
for one subscription can never act on another.
"""

import datetime
import functools
from collections.abc import Callable, Mapping

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "saleor-subscriptions.mail-link"
MAX_AGE = {"card": datetime.timedelta(days=30), "cancel": datetime.timedelta(days=30),
           "offer": datetime.timedelta(days=60), "unsubscribe": None}  # an opt-out link never expires


class BadLink(Exception):
    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


class Lazy(Mapping):
    """A mail's links by name, each made when a template first reads it: most mails show one or none of them, and
    signing one costs as much as rendering a short template."""

    def __init__(self, **makers: Callable[[], str]):
        self._makers, self._made = makers, {}

    def __getitem__(self, name: str) -> str:
        if name not in self._made:
            self._made[name] = self._makers[name]()
        return self._made[name]

    def __iter__(self):
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def make(action: str, **ids) -> str:
    token = signing.dumps({"a": action, **ids}, salt=SALT, compress=True)
    before, after = _around_token(settings.APP_URL)
    return f"{before}{token}{after}"


@functools.lru_cache(maxsize=8)
def _around_token(app_url: str) -> tuple[str, str]:
    """The link's address before and after its token (its characters need no quoting): `reverse` once, not per link."""
    before, after = reverse("mail-link", args=["TOKEN"]).split("TOKEN")
    return app_url.rstrip("/") + before, after


def read(token: str) -> dict:
    try:
        payload = signing.loads(token, salt=SALT)  # checks the signature
        max_age = MAX_AGE.get(payload.get("a"), datetime.timedelta(0))
        if max_age is not None:
            signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise BadLink("this link has expired", expired=True) from None
    except signing.BadSignature:
        raise BadLink("this link is not valid") from None
    return payload
