"""Leases: a worker holds a due subscription for a while, and no database transaction spans its calls.

A claim is a short transaction (`SKIP LOCKED` among due rows) that records who holds the rows and
until when, then commits. Each step of the renewal then commits in a short transaction of its
own that first checks and extends the lease (`held`), so a worker whose lease was taken over after
it expired writes nothing more. Saleor calls the app's webhooks inside its own mutations: with no
transaction open meanwhile, those deliveries never wait on a lock of ours.
"""

import contextlib
import datetime
import os
import socket
import threading
import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..subscriptions.models import Subscription

LEASE = datetime.timedelta(minutes=15)  # longer than any one step (a bulk call may take 3 minutes)
RENEWING = ("installation", "plan__product", "payment_method__customer")  # what a renewal reads of a claimed row
# what a customer or staff may change between two steps (the installation never changes, and stays cached)
CHANGEABLE = [field.name for field in Subscription._meta.concrete_fields if field.name not in ("id", "installation")]


class LeaseLost(Exception):
    """Another worker took the subscription over after this worker's lease expired."""


def worker_id() -> str:
    """Who holds a lease: host, process and thread, unique per call site run."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{threading.get_ident() % 10**6}:{uuid.uuid4().hex[:8]}"


def unleased(rows, now: datetime.datetime | None = None):
    """Rows no worker holds: never leased, released, or whose lease expired."""
    return rows.filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now or timezone.now()))


def claim(rows, worker: str, limit: int = 1) -> list[Subscription]:
    """Lease up to `limit` of `rows` (ordered, due) to `worker`, commit, then load them for renewing.

    The locking statement reads ids only, with no join: an index walk that stops after `limit` rows
    (SQLite, which has no SKIP LOCKED, runs one writer at a time). The rows and what a renewal reads
    of their relations are loaded after the commit, in one statement.
    """
    with transaction.atomic():
        now = timezone.now()
        ids = list(unleased(rows, now).select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
        Subscription.objects.filter(pk__in=ids).update(lease_owner=worker, lease_until=now + LEASE)
    loaded = Subscription.objects.select_related(*RENEWING).in_bulk(ids)
    return [loaded[pk] for pk in ids if pk in loaded]


@contextlib.contextmanager
def held(subscription: Subscription, *, fresh: bool = True):
    """A short transaction in which the caller still holds the lease (extended by LEASE), else LeaseLost.

    With `fresh`, the subscription is read again inside it, for a step that changes it: a customer
    may have changed it since the previous step.
    """
    with transaction.atomic():
        if not Subscription.objects.filter(pk=subscription.pk, lease_owner=subscription.lease_owner).update(
                lease_until=timezone.now() + LEASE):
            raise LeaseLost(f"subscription #{subscription.pk} was taken over by another worker")
        if fresh:
            subscription.refresh_from_db(fields=CHANGEABLE)
        yield


def release(subscription: Subscription) -> None:
    """Give the subscription back (a crashed worker's lease simply expires)."""
    Subscription.objects.filter(pk=subscription.pk, lease_owner=subscription.lease_owner).update(lease_owner="", lease_until=None)
