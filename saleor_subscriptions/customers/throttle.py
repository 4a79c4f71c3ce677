"""Rate limits for what customers and strangers can call: fixed windows counted in the database.

One statement per hit (an upsert returning the new count), so every process of every server shares the
count; windows older than a day are removed now and then.
"""

import hashlib
import math
import random
import time

from django.conf import settings
from django.db import connection, transaction

from .models import ThrottleCount

KEEP_SECONDS = 86400


class Throttled(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"throttled, retry after {retry_after} s")
        self.retry_after = retry_after


def hit(scope: str, key: str, *, limit: int, per_seconds: int, now: float | None = None) -> None:
    """Count one request for (scope, key); raise Throttled once more than `limit` fall in the window."""
    now = time.time() if now is None else now
    window = int(now // per_seconds * per_seconds)
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()
    table = ThrottleCount._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, key, window_start, count) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT (scope, key, window_start) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [scope, digest, window])
        (count,) = cursor.fetchone()
    if count == 1 and random.random() < 0.01:
        ThrottleCount.objects.filter(window_start__lt=now - KEEP_SECONDS).delete()
    if count > limit:
        raise Throttled(max(1, math.ceil(window + per_seconds - now)))


def client_ip(request) -> str:
    """The caller's address: behind a trusted proxy (TRUST_PROXY_HEADERS) the one it appended to X-Forwarded-For."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.CONFIG.trust_proxy_headers else ""
    return forwarded.rsplit(",", 1)[-1].strip() or request.META.get("REMOTE_ADDR", "")
