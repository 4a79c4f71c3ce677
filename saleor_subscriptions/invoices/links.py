"""Signed links to a renewal's invoice: the customer's (in the payment mail and the portal) and the staff's.

The token names the installation and the renewal, so it opens that one invoice of that one shop; a customer's
link lasts as long as anyone pays or keeps an invoice, a staff link (made as the Dashboard shows it) a day.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "saleor-subscriptions.invoice"
MAX_AGE = {"customer": datetime.timedelta(days=400), "staff": datetime.timedelta(days=1)}


class BadLink(Exception):
    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def make(renewal, *, reader: str = "customer") -> str:
    token = signing.dumps({"i": renewal.subscription.installation_id, "r": renewal.pk, "for": reader}, salt=SALT)
    return settings.APP_URL.rstrip("/") + reverse("invoice", args=[token])


def read(token: str) -> dict:
    """The payload {i: installation, r: renewal} of a valid, unexpired token (raises BadLink)."""
    try:
        payload = signing.loads(token, salt=SALT)
        signing.loads(token, salt=SALT, max_age=MAX_AGE.get(payload.get("for"), datetime.timedelta(0)))
    except signing.SignatureExpired:
        raise BadLink("this link has expired", expired=True) from None
    except signing.BadSignature:
        raise BadLink("this link is not valid") from None
    return payload
