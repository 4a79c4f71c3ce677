"""Deadlines of renewal payments requested and not yet made, for every method that declares one (`Deadline`).

Before the deadline the customer is reminded (`renewal.payment_reminder`); after it the method's rule applies:
"stop" — the provider's request is voided, the pending amount closed, the renewal fails as after its last retry and
the unpaid order is cancelled (`renewals/unpaid.py`, `renewal.declined`); "overdue" — the order stays and the
renewal is marked overdue (`renewal.overdue`). Customer and merchant hear of each through the events' mails.
A method whose provider reports the expiry itself (konbini) only gets the reminder here.
"""

import datetime
import logging

from django.db.models import Q

from ..core.models import record_event
from ..payment_methods import registry
from ..payment_methods.base import PaymentMethod
from ..saleor.client import SaleorClient
from ..subscriptions.models import Renewal
from .unpaid import stop_unpaid

logger = logging.getLogger(__name__)
EXPIRED = "payment_expired"


def sweep(installation, now: datetime.datetime) -> dict[str, int]:
    """Remind, stop or mark overdue what is due by `now`; each renewal once per step. Returns the counts."""
    counts = {"reminded": 0, "stopped": 0, "overdue": 0}
    waiting = (Renewal.objects.select_related("subscription")
               .filter(subscription__installation=installation, state=Renewal.State.DONE, paid_at=None,
                       payment_overdue_at=None, payment_requested_at__isnull=False).exclude(payment_kind=""))
    for renewal in waiting:
        method = registry.find(renewal.payment_kind)
        due = method.due_at(renewal) if method and method.deadline else None
        if due is None:
            continue
        if now >= due and not method.deadline.reported_by_provider:
            step = _stop(installation, renewal, method) if method.deadline.after == "stop" else _overdue(installation, renewal, due, now)
            counts[step] += step in counts
        elif now < due and now >= due - datetime.timedelta(days=method.deadline.remind_days_before):
            if Renewal.objects.filter(pk=renewal.pk, payment_reminded_at=None).update(payment_reminded_at=now):
                record_event(installation, "renewal.payment_reminder", subscription=renewal.subscription_id,
                             cycle=renewal.cycle, method=method.name, due_at=due.isoformat())
                counts["reminded"] += 1
    return counts


def _overdue(installation, renewal: Renewal, due: datetime.datetime, now: datetime.datetime) -> str:
    if Renewal.objects.filter(pk=renewal.pk, payment_overdue_at=None, paid_at=None).update(payment_overdue_at=now):
        record_event(installation, "renewal.overdue", subscription=renewal.subscription_id, cycle=renewal.cycle,
                     method=renewal.payment_kind, due_at=due.isoformat())
        return "overdue"
    return ""


def _stop(installation, renewal: Renewal, method: PaymentMethod) -> str:
    if not method.void(installation, renewal):
        return ""  # paid meanwhile: the provider's report settles it
    _close_request(installation, renewal, method)
    stopped = stop_unpaid(installation, Q(pk=renewal.pk), EXPIRED,
                          f"the {method.labels['en'].lower()} payment was not made by its deadline")
    return "stopped" if stopped else ""


def _close_request(installation, renewal: Renewal, method: PaymentMethod) -> None:
    """Saleor no longer counts the request as pending (`CHARGE_FAILURE` for the renewal's amount)."""
    client = SaleorClient.for_installation(installation)
    order = client.execute("OrderTransactions", {"id": renewal.saleor_order_id})["order"] or {}
    reference = method.renewal_reference(renewal)
    for transaction in order.get("transactions") or ():
        if transaction["pspReference"] == reference:
            client.execute("TransactionEventReport", {
                "id": transaction["id"], "type": "CHARGE_FAILURE", "pspReference": reference,
                "amount": str(renewal.amount), "message": "not paid by its deadline",
            }, idempotent=True)
