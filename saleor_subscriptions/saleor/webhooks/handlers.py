"""Which domain function handles each Saleor event.

Async events are recorded first and handled by a worker (others are recorded and ignored); sync
events are answered in the request, with the handler's JSON.
"""

from ...funnels import actions as funnels
from ...installations.actions import uninstall
from ...payments import gateway, offline
from ...subscriptions.creation import subscriptions_from_order


def app_deleted(installation, payload):
    uninstall(installation, (payload.get("app") or {}).get("id"))


def order_placed(installation, payload):
    """Start subscriptions, end the step mails of whoever subscribed, enrol trial buyers in funnels."""
    for subscription in subscriptions_from_order(installation, payload["order"]):
        funnels.exit_converted(installation, subscription)
    funnels.enrol_from_order(installation, payload["order"])


def order_fully_paid(installation, payload):
    """As a placed order; and a renewal order marked paid in the Dashboard settles our pending payment."""
    order_placed(installation, payload)
    offline.paid_in_saleor(installation, payload["order"])


HANDLERS = {
    "app_deleted": app_deleted,
    "order_created": order_placed,
    "order_fully_paid": order_fully_paid,
}

SYNC_HANDLERS = {
    "payment_gateway_initialize_session": gateway.initialize_gateway,
    "transaction_initialize_session": gateway.initialize_transaction,
    "transaction_process_session": gateway.process_transaction,
    "transaction_charge_requested": gateway.charge_requested,
    "transaction_refund_requested": gateway.refund_requested,
    "transaction_cancelation_requested": gateway.cancel_requested,
}
