"""Each customer's memberships in their Saleor user's private metadata, so other apps see them without calling us.

Key `subscriptions.active`, value a JSON list of `{plan, product, paidThrough, renews}` (empty list:
a member of nothing). Private, not public: Saleor lets a customer write their own user's public
metadata, so public membership could be forged by the customer it describes. Readers need
`MANAGE_USERS` (an app, or a storefront's server with an app token); a storefront asks
`hasActiveSubscription` or the access check instead.

Written after the change commits, only when it differs from what we last wrote; a failed write
stays marked and the sweep (beat, hourly) writes it again, as it does for memberships whose
paid-through date passed.
"""

import json
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..installations.models import Installation
from ..saleor.client import SaleorClient, SaleorError, SaleorMutationError
from .membership import mark_changed, memberships
from .models import Membership, MemberSync

logger = logging.getLogger(__name__)
KEY = "subscriptions.active"
PERMISSION = "MANAGE_USERS"


def value_for(installation, customer_id: str, now=None) -> str:
    return json.dumps([member.as_json() for member in memberships(installation, customer_id, now=now)],
                      ensure_ascii=False, separators=(",", ":"))


def write_after_commit(installation_id: int, customer_id: str) -> None:
    from .tasks import write_member_metadata  # tasks import this module

    # robust: a broker that is down must not fail the committed change; the sweep writes it later
    transaction.on_commit(lambda: write_member_metadata.delay(installation_id, customer_id), robust=True)


def write(installation_id: int, customer_id: str) -> bool:
    """Write the customer's memberships into Saleor unless it has them already; True when Saleor has them now."""
    sync = MemberSync.objects.select_related("installation").filter(
        installation_id=installation_id, customer_id=customer_id, installation__is_active=True).first()
    if sync is None:
        return False
    installation, version = sync.installation, sync.version
    value = value_for(installation, customer_id)
    if value != sync.written:
        if PERMISSION not in installation.permissions:
            logger.warning("memberships of %s not written into Saleor: the app was not granted %s", customer_id, PERMISSION)
            return False
        try:
            SaleorClient.for_installation(installation).execute(
                "UpdatePrivateMetadata", {"id": customer_id, "input": [{"key": KEY, "value": value}]}, idempotent=True)
        except SaleorError as exc:
            if isinstance(exc, SaleorMutationError) and any(e.get("code") == "NOT_FOUND" for e in exc.errors):
                logger.warning("memberships of %s not written: Saleor has no such customer", customer_id)
                MemberSync.objects.filter(pk=sync.pk, version=version).update(dirty=False)  # no retry for a deleted user
                return False
            logger.warning("memberships of %s not written into Saleor (the sweep tries again): %s", customer_id, exc)
            return False
    MemberSync.objects.filter(pk=sync.pk).update(written=value)  # what Saleor was given last
    if value_for(installation, customer_id) != value:
        mark_changed(installation.pk, customer_id)  # changed while we wrote (perhaps by a write that landed first)
    else:  # a change made meanwhile bumped the version: it stays dirty and its own write follows
        MemberSync.objects.filter(pk=sync.pk, version=version).update(dirty=False)
    return True


def sweep(installation, now=None) -> int:
    """Beat: memberships whose paid-through moment passed leave, and every customer still out of date is written."""
    now = now or timezone.now()
    with transaction.atomic():
        ended = list(Membership.objects.select_for_update(skip_locked=True)
                     .filter(installation=installation, until__lte=now).values_list("subscription_id", "customer_id"))
        Membership.objects.filter(subscription_id__in=[pk for pk, _ in ended]).delete()
        for customer_id in {customer_id for _, customer_id in ended}:
            MemberSync.objects.get_or_create(installation=installation, customer_id=customer_id)
            MemberSync.objects.filter(installation=installation, customer_id=customer_id).update(dirty=True, version=F("version") + 1)
    if PERMISSION not in installation.permissions:
        logger.warning("%s: memberships are not written into Saleor: the app was not granted %s",
                       installation.saleor_api_url, PERMISSION)
        return 0
    return sum(write(installation.pk, customer_id) for customer_id in
               MemberSync.objects.filter(installation=installation, dirty=True).values_list("customer_id", flat=True))


def sweep_all() -> int:
    return sum(sweep(installation) for installation in Installation.objects.active())

