"""Which domain function handles each async Saleor event (others are recorded and ignored)."""

from ...installations.actions import uninstall


def app_deleted(installation, payload):
    uninstall(installation, (payload.get("app") or {}).get("id"))


HANDLERS = {
    "app_deleted": app_deleted,
}
