"""Installations remembered a few seconds per process: every webhook asks for its Saleor's active one, and every
mail for the one it is sent for.

A row saved or deleted in this process is forgotten at once; other processes see the change within
SECONDS. Callers that find a remembered row wanting (a new signing key, a new app id) ask again
with `fresh=True`.
"""

import time

from django.db.models.signals import post_delete, post_save

from .models import Installation

SECONDS = 5.0
LIMIT = 1_000
_remembered: dict[tuple, tuple[float, Installation]] = {}


def active(api_url: str, *, fresh: bool = False) -> Installation | None:
    """The active installation of a normalised Saleor API URL, or None (never remembered)."""
    return _remember(("active", api_url), lambda: Installation.objects.active().filter(saleor_api_url=api_url), fresh)


def by_pk(pk: int) -> Installation | None:
    """The installation `pk` (active or not), or None."""
    return _remember(("pk", pk), lambda: Installation.objects.filter(pk=pk))


def _remember(key: tuple, rows, fresh: bool = False) -> Installation | None:
    """The remembered row of `key`, else the first of `rows()` (the queryset is built only then: building it cost
    every mail more than the look-up)."""
    entry = None if fresh else _remembered.get(key)
    if entry is not None and entry[0] > time.monotonic():
        return entry[1]
    installation = rows().first()
    if installation is None:
        _remembered.pop(key, None)
        return None
    if len(_remembered) >= LIMIT:
        _remembered.clear()
    _remembered[key] = (time.monotonic() + SECONDS, installation)
    return installation


def forget(**_) -> None:
    _remembered.clear()


post_save.connect(forget, sender=Installation, dispatch_uid="installations-recent")
post_delete.connect(forget, sender=Installation, dispatch_uid="installations-recent")
