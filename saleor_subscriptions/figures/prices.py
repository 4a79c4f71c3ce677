"""List prices as renewals read them from Saleor, kept for the figures (%-off plans are valued from them).

Written only when a price changed since this process last wrote it, so a renewal run costs no extra
write per subscription.
"""

from django.utils import timezone

from .models import VariantPrice

_WRITTEN: dict[tuple[int, str, str], object] = {}


def remember(installation_id: int, channel: str, variants: dict) -> None:
    """Keep each variant's list price in the channel ({variant id: anything with `list_price`})."""
    for variant_id, variant in variants.items():
        key, price = (installation_id, channel, variant_id), variant.list_price
        if price is None or _WRITTEN.get(key) == price:
            continue
        VariantPrice.objects.update_or_create(installation_id=installation_id, channel_slug=channel, variant_id=variant_id,
                                              defaults={"amount": price, "seen_at": timezone.now()})
        _WRITTEN[key] = price
