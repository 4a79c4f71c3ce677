"""What storefronts read from a Saleor product without calling us: its subscription switch and plans.

Written into the product's public metadata after every change of a plan or of the switch:
`subscription.enabled` ("true"/"false"), `subscription.plans` (the codes on sale, in the plans'
order, comma-separated) and `subscription.variants` (the subscribable variants; empty: all).
The call is made after the change committed, so a Saleor error never loses the change: it is
recorded as a `product.metadata_failed` event and beat writes it again until Saleor has it.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from ..core.models import Event, record_event
from ..saleor.client import SaleorClient, SaleorError, SaleorMutationError
from .models import SubscriptionProduct

logger = logging.getLogger(__name__)
ENABLED, PLANS, VARIANTS = "subscription.enabled", "subscription.plans", "subscription.variants"
PUBLISHED, FAILED = "product.metadata_published", "product.metadata_failed"
RETRY_AFTER = datetime.timedelta(minutes=15)


def metadata_for(product: SubscriptionProduct) -> dict[str, str]:
    codes = [plan.code for plan in product.plans.filter(is_archived=False)]
    return {ENABLED: "true" if product.is_subscribable and codes else "false", PLANS: ",".join(codes),
            VARIANTS: ",".join(product.variant_ids)}


def publish_after_commit(product: SubscriptionProduct) -> None:
    from .tasks import publish_product_metadata  # tasks import this module

    # robust: a broker that is down must not fail the committed change; beat writes it later
    transaction.on_commit(lambda: publish_product_metadata.delay(product.pk), robust=True)


def publish(product_pk: int) -> bool:
    """Write the product's current state into Saleor; False (and a visible event) when Saleor refused or failed."""
    product = SubscriptionProduct.objects.select_related("installation").filter(pk=product_pk,
                                                                               installation__is_active=True).first()
    if product is None:
        return False
    installation, metadata = product.installation, metadata_for(product)
    try:
        SaleorClient.for_installation(installation).execute(
            "UpdateMetadata", {"id": product.product_id, "input": [{"key": k, "value": v} for k, v in metadata.items()]},
            idempotent=True)
    except SaleorError as exc:
        logger.warning("product %s: subscription metadata not written: %s", product.product_id, exc)
        final = isinstance(exc, SaleorMutationError) and any(e.get("code") == "NOT_FOUND" for e in exc.errors)
        record_event(installation, FAILED, product_id=product.product_id, metadata=metadata, error=str(exc)[:500], final=final)
        return False
    record_event(installation, PUBLISHED, product_id=product.product_id, metadata=metadata)
    return True


def publish_pending(installation, now: datetime.datetime | None = None) -> int:
    """Beat: products whose metadata in Saleor is not known to match ours (failed, lost hand-off, never written)."""
    now = now or timezone.now()
    last = {}
    for event in Event.objects.filter(installation=installation, type__in=(PUBLISHED, FAILED)).order_by("created_at", "id"):
        last[event.data.get("product_id")] = event
    written = 0
    for product in SubscriptionProduct.objects.filter(installation=installation):
        event = last.get(product.product_id)
        if event is not None and event.data.get("metadata") == metadata_for(product):
            if event.type == PUBLISHED or event.data.get("final") or now - event.created_at < RETRY_AFTER:
                continue
        written += publish(product.pk)
    return written
