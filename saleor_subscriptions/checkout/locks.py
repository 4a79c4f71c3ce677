"""One change at a time per Saleor checkout: a lease row taken and released in short transactions.

A change reads the checkout, prices it and writes it in Saleor over several calls; two at once
would both miss the other's line. No transaction is held across those calls (Saleor may call our
webhooks meanwhile); a lease left by a killed request expires and is taken over.
"""

import contextlib
import datetime
import time
import uuid

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from ..core.error_texts import error_text
from ..core.errors import InputError
from .models import CheckoutLock

LEASE = datetime.timedelta(seconds=90)  # longer than a change's Saleor calls with their retries
WAIT = 15.0  # seconds a second change waits before it is told to try again
POLL = 0.05


@contextlib.contextmanager
def checkout_lock(installation, checkout_id: str):
    if not checkout_id or len(checkout_id) > CheckoutLock._meta.get_field("checkout_id").max_length:
        raise InputError("checkoutId", "not_found", "no such checkout in this Saleor")  # no Saleor id is that long
    holder = uuid.uuid4().hex
    deadline = time.monotonic() + WAIT
    while not _acquire(installation, checkout_id, holder):
        if time.monotonic() > deadline:
            raise InputError("checkoutId", "checkout_busy", error_text("checkout_busy"))
        time.sleep(POLL)
    try:
        yield
    finally:
        _release(installation, checkout_id, holder, deadline=time.monotonic() + WAIT)


def _acquire(installation, checkout_id: str, holder: str) -> bool:
    now = timezone.now()
    mine = {"holder": holder, "expires_at": now + LEASE}
    try:
        with transaction.atomic():
            expired = CheckoutLock.objects.filter(installation=installation, checkout_id=checkout_id, expires_at__lt=now)
            if expired.update(**mine):
                return True
            with transaction.atomic():
                CheckoutLock.objects.create(installation=installation, checkout_id=checkout_id, **mine)
    except IntegrityError:  # held by another request
        return False
    except OperationalError:  # SQLite: another connection is writing ("database is locked"); ask again
        return False
    return True


def _release(installation, checkout_id: str, holder: str, *, deadline: float) -> None:
    while True:
        try:
            CheckoutLock.objects.filter(installation=installation, checkout_id=checkout_id, holder=holder).delete()
            return
        except OperationalError:  # SQLite busy, as above; left in place, the lease would block for its length
            if time.monotonic() > deadline:
                raise
            time.sleep(POLL)
