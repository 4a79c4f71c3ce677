"""Which domain function handles each Saleor event.

Async events are recorded first and handled by a worker (others are recorded and ignored); sync
events are answered in the request, with the handler's JSON.
"""

from ...installations.actions import uninstall
from ...payments import gateway


def app_deleted(installation, payload):
    uninstall(installation, (payload.get("app") or {}).get("id"))


HANDLERS = {
    "app_deleted": app_deleted,
}

SYNC_HANDLERS = {
    "payment_gateway_initialize_session": gateway.initialize_gateway,
    "transaction_initialize_session": gateway.initialize_transaction,
    "transaction_process_session": gateway.process_transaction,
    "transaction_charge_requested": gateway.charge_requested,
    "transaction_refund_requested": gateway.refund_requested,
    "transaction_cancelation_requested": gateway.cancel_requested,
}
