"""The voucher code a funnel offers is checked with Saleor on save: it must exist, be usable and not have ended,
and be listed in a channel (funnels have none of their own: any channel will do)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..core.error_texts import error_text
from ..core.errors import InputError
from ..saleor.client import SaleorClient

FIELD = "voucher_code"
PERMISSION = "MANAGE_DISCOUNTS"  # Saleor's `vouchers`


def _voucher_of(installation, code: str) -> dict | None:
    """Saleor's voucher holding exactly `code` (search also matches names and parts of codes), or None; a voucher of
    more codes than the first page's 100 is read on, page by page, until the code is found."""
    client = SaleorClient.for_installation(installation)
    data = client.execute("FunnelVoucher", {"code": code})
    for edge in data["vouchers"]["edges"]:
        voucher = edge["node"]
        page = voucher.get("codes") or {}
        codes = [item["node"] for item in page.get("edges") or ()]
        if (page.get("pageInfo") or {}).get("hasNextPage"):
            codes = client.paginate("FunnelVoucherCodes", {"id": voucher["id"]}, path="voucher.codes")
        if any(item["code"] == code and item.get("isActive") is not False for item in codes):
            return voucher
    return None


def check_voucher_code(installation, code: str) -> None:
    """Refuse, beside `voucher_code`, a code Saleor does not know, one that has ended, or one in no channel (or any code
    when the app may not read vouchers)."""
    if PERMISSION not in installation.permissions:
        raise InputError(FIELD, "permission_missing", error_text("voucher_permission_missing"))
    voucher = _voucher_of(installation, code)
    if voucher is None:
        raise InputError(FIELD, "not_found", error_text("voucher_not_found", voucher=code))
    ends = parse_datetime(voucher["endDate"]) if voucher.get("endDate") else None
    if ends is not None and ends <= timezone.now():
        raise InputError(FIELD, "expired", error_text("voucher_expired", voucher=code))
    if not voucher.get("channelListings"):
        raise InputError(FIELD, "not_available", error_text("voucher_in_no_channel", voucher=code))
