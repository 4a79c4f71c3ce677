"""Saleor's channels as the app reads them (it holds MANAGE_CHANNELS, so inactive ones are listed too)."""

from dataclasses import dataclass

from .client import SaleorClient


@dataclass(frozen=True)
class Channel:
    slug: str
    name: str
    currency: str
    country: str  # the channel's default country, e.g. JP
    active: bool


def saleor_channels(installation) -> list[Channel]:
    """Every channel of the installation's Saleor, in Saleor's order; SaleorError when it cannot say."""
    found = SaleorClient.for_installation(installation).execute("StaffChannels")["channels"] or []
    return [Channel(slug=channel["slug"], name=channel["name"], currency=channel["currencyCode"],
                    country=(channel.get("defaultCountry") or {}).get("code") or "", active=channel["isActive"])
            for channel in found]
