"""Leases: a worker holds a due subscription for a while, and no database transaction spans its calls.

A claim is one statement (`SKIP LOCKED` among due rows) that records who holds the rows and until
when. A claimed subscription's turn extends its lease and reads it again in one
statement (`turn`); each step of its renewal then writes in one statement that also checks the
lease (`write`), or in a short transaction that checks and extends it (`held`), so a worker whose
lease was taken over after it expired writes nothing more. A lease is extended again before a step
once a third of it has passed. Saleor calls the app's webhooks inside its own mutations: with no
transaction open meanwhile, those deliveries never wait on a lock of ours.
"""

import contextlib
import datetime
import os
import socket
import threading
import time
import uuid

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ..core import rows as core_rows
from ..subscriptions.models import SPREAD, Subscription

LEASE = datetime.timedelta(minutes=15)  # longer than any one step (a bulk call may take 3 minutes)
REFRESH = LEASE.total_seconds() / 3  # a step after this long extends the lease first
RENEWING = ("plan__product", "payment_method__customer")  # what a renewal reads of a claimed row, and its installation
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


def claim(rows, worker: str, limit: int = 1, installation=None) -> list[Subscription]:
    """Lease up to `limit` of `rows` (due) to `worker`, then load them for renewing, earliest delivery first.

    One statement leases them: an update of the ids that an index walk finds first among the rows no other
    worker is locking (`SKIP LOCKED`; SQLite runs one writer at a time), with no join. The rows and what a
    renewal reads of their relations are loaded after it, in one statement written once (`rows.select`); rows of
    the given `installation` share that object rather than each reading their own copy.
    """
    now = timezone.now()
    picked, params = unleased(rows, now).values("pk")[:limit].query.sql_with_params()
    if connection.features.has_select_for_update_skip_locked:
        picked += " FOR UPDATE SKIP LOCKED"
    cursor = core_rows.cursor()
    cursor.execute(f"UPDATE {connection.ops.quote_name(Subscription._meta.db_table)} SET lease_owner = %s, "
                   f"lease_until = %s WHERE id IN ({picked}) RETURNING id",
                   [worker, connection.ops.adapt_datetimefield_value(now + LEASE), *params])
    ids = [row[0] for row in cursor.fetchall()]
    loaded = core_rows.select(Subscription, f"t0.id IN ({core_rows.places(ids)})", ids,
                              joined=RENEWING + (() if installation else ("installation",))) if ids else []
    for subscription in loaded:
        subscription.leased_at = time.monotonic()
        if installation is not None and subscription.installation_id == installation.pk:
            subscription.installation = installation
    return sorted(loaded, key=lambda s: (s.next_renewal_on or datetime.date.max, s.pk % SPREAD, s.pk))


def turn(subscription: Subscription) -> bool:
    """Extend the lease of a claimed subscription at its turn; False when the lease was lost.

    The same statement says whether the subscription changed since the claim read it (every change writes
    `updated_at`); only then is it read again.
    """
    cursor, ops = core_rows.cursor(), connection.ops
    cursor.execute(f"UPDATE {ops.quote_name(Subscription._meta.db_table)} SET lease_until = %s WHERE id = %s AND lease_owner = %s "
                   "RETURNING updated_at = %s", [ops.adapt_datetimefield_value(timezone.now() + LEASE), subscription.pk,
                                                  subscription.lease_owner, ops.adapt_datetimefield_value(subscription.updated_at)])
    turned = cursor.fetchone()
    if turned is None:
        return False
    subscription.leased_at = time.monotonic()
    if not turned[0]:
        _read_again(subscription)
    return True


def _read_again(subscription: Subscription) -> None:
    """What a customer or staff may have changed; relations whose id changed are read again on use."""
    fresh = Subscription.objects.get(pk=subscription.pk)
    for field in (Subscription._meta.get_field(name) for name in CHANGEABLE):
        value = getattr(fresh, field.attname)
        if field.is_relation and field.is_cached(subscription) and getattr(subscription, field.attname) != value:
            field.delete_cached_value(subscription)
        setattr(subscription, field.attname, value)


def write(subscription: Subscription, renewal, **fields) -> None:
    """Update the subscription's `renewal` (its cycle's row) in one statement that finds it only while this worker
    holds the lease; LeaseLost otherwise. A lease held for a third of its length is extended first."""
    if time.monotonic() - getattr(subscription, "leased_at", 0) > REFRESH:
        with held(subscription, fresh=False):
            pass
    table = connection.ops.quote_name(Subscription._meta.db_table)
    if not core_rows.update(type(renewal), fields, f"id = %s AND subscription_id = %s AND EXISTS "
                       f"(SELECT 1 FROM {table} WHERE id = %s AND lease_owner = %s)",
                       [renewal.pk, subscription.pk, subscription.pk, subscription.lease_owner]):
        raise LeaseLost(f"subscription #{subscription.pk} was taken over by another worker")


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
        subscription.leased_at = time.monotonic()
        if fresh:
            subscription.refresh_from_db(fields=CHANGEABLE)
        yield


def release(subscription: Subscription) -> None:
    """Give the subscription back, unless its last write did (a crashed worker's lease simply expires)."""
    if not subscription.lease_owner:
        return
    Subscription.objects.filter(pk=subscription.pk, lease_owner=subscription.lease_owner).update(lease_owner="", lease_until=None)
