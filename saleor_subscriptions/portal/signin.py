"""One-time sign-in links by mail: signed, valid for `MAX_AGE`, used once (the used nonces are kept in the database).

The link's page only shows a button (mail scanners follow links); the POST behind it uses the link.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..customers.ownership import owned
from ..mail import sending
from ..mail.templates import render
from .models import UsedSignInLink

SALT = "saleor-subscriptions.portal-sign-in"
MAX_AGE = datetime.timedelta(minutes=15)


class BadLink(Exception):
    """`code`: invalid (tampered, or another shop's), expired, or used."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def make_link(installation, email: str, next_path: str = "") -> tuple[str, str]:
    """The sign-in URL for `email` and its nonce."""
    nonce = secrets.token_hex(16)
    token = signing.dumps({"i": installation.pk, "e": email, "n": nonce, "p": next_path}, salt=SALT, compress=True)
    return settings.APP_URL.rstrip("/") + reverse("portal-link", args=[installation.portal_key, token]), nonce


def read(installation, token: str) -> dict:
    """The link's payload, or BadLink: tampered, for another installation, expired or used."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise BadLink("expired") from None
    except signing.BadSignature:
        raise BadLink("invalid") from None
    if payload.get("i") != installation.pk or not payload.get("n") or not payload.get("e"):
        raise BadLink("invalid")
    if UsedSignInLink.objects.filter(nonce=payload["n"]).exists():
        raise BadLink("used")
    return payload


def use(installation, token: str) -> dict:
    """Read the link and mark it used, once: two concurrent uses cannot both pass."""
    payload = read(installation, token)
    try:
        with transaction.atomic():
            UsedSignInLink.objects.create(nonce=payload["n"])
    except IntegrityError:
        raise BadLink("used") from None
    UsedSignInLink.objects.filter(used_at__lt=timezone.now() - 2 * MAX_AGE).delete()  # expired links need no record
    return payload


def send_link(installation, email: str, next_path: str = "") -> bool:
    """Mail a sign-in link to `email` if it has subscriptions in this shop (in their language); whether one went."""
    subscription = owned(installation, email=email).order_by("-created_at").first()
    if subscription is None:
        return False
    link, nonce = make_link(installation, subscription.email, next_path)
    minutes = int(MAX_AGE.total_seconds() // 60)
    rendered = render("portal_sign_in", subscription.language, {
        "link": link, "minutes": minutes, "sender": sending.sender(installation),
        "customer": {"email": subscription.email}}, installation=installation)
    sending.queue(installation, key=f"portal-sign-in-{nonce}", kind="portal_sign_in", to=subscription.email, rendered=rendered)
    return True
