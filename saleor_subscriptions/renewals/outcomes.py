"""What each outcome of a renewal does, in one place each: renewed, declined, out of stock, problem.

Every outcome commits under the worker's lease (`lease.held`), on a freshly read subscription, so
a customer's change made while Saleor or Stripe was being called is not overwritten.
"""

import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone

from ..core import rows
from ..core.models import Event, record_event
from ..payments.charges import ChargeResult
from ..payments.declines import Outcome
from ..saleor.client import SaleorClient, SaleorTransportError
from ..subscriptions import membership
from ..subscriptions.calendar import slot_date
from ..subscriptions.models import Renewal, Subscription
from . import lease, problems
from .lines import terms_of
from .problems import RenewalProblem

logger = logging.getLogger(__name__)
DEFAULT_RETRY_OFFSETS = (7, 14)
INTERRUPTED = "interrupted, resumed next run: "
RENEWABLE = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)


def current_renewal(subscription: Subscription) -> Renewal:
    """The row of the cycle due now (the next delivery number), created on first use."""
    return renewal_row(subscription)[0]


def renewal_row(subscription: Subscription) -> tuple[Renewal, bool]:
    """The cycle's row, and whether it was made now. Only the worker holding the lease makes it: no race to guard."""
    cycle = subscription.deliveries + 1
    renewal = Renewal.objects.filter(subscription=subscription, cycle=cycle).first()
    if renewal is not None:
        return renewal, False
    return Renewal.objects.create(subscription=subscription, cycle=cycle, scheduled_for=subscription.next_renewal_on,
                                  currency=subscription.currency), True


def renewal_rows(subscriptions: list[Subscription]) -> tuple[dict[int, Renewal], set[int]]:
    """The rows of the cycles due now of a leased batch by subscription id, and the ids of the subscriptions whose rows
    were made now: one statement makes the missing ones (`ON CONFLICT DO NOTHING` leaves a cycle's row made by an
    earlier run), and only when some were there already, one reads them."""
    due = {subscription.pk: subscription.deliveries + 1 for subscription in subscriptions}
    made = {renewal.subscription_id: renewal for renewal in rows.insert(
        [Renewal(subscription=s, cycle=due[s.pk], scheduled_for=s.next_renewal_on, currency=s.currency) for s in subscriptions],
        unless=("subscription", "cycle"))}
    there = {pk: cycle for pk, cycle in due.items() if pk not in made}
    # the subscriptions' rows of any of these cycle numbers, the pairs matched here: an OR of one condition per pair
    # cost the ORM more to build than PostgreSQL to run
    cycles = set(there.values())
    found = {renewal.subscription_id: renewal for renewal in rows.select(
        Renewal, f"t0.subscription_id IN ({rows.places(there)}) AND t0.cycle IN ({rows.places(cycles)})", [*there, *cycles])
        if there[renewal.subscription_id] == renewal.cycle} if there else {}
    return found | made, set(made)


def renewed(subscription: Subscription, renewal: Renewal, steps=()) -> Renewal:
    """Paid (or payment requested) and ordered: the cycle is done and the schedule moves on.

    `steps`: the fields of `renewal` its steps set and did not write yet (order, amount, charge). One
    transaction. If nobody changed the subscription since its turn read it, the schedule moves on from what
    was read, in the statement that also checks the lease and gives it back; otherwise from the subscription
    as it is now.
    """
    with transaction.atomic():
        moved = _moved_on(subscription, renewal)
        now = timezone.now()
        moved |= {"updated_at": now, "lease_owner": "", "lease_until": None}
        if not rows.update(Subscription, moved, "id = %s AND lease_owner = %s AND updated_at = %s", [
                subscription.pk, subscription.lease_owner,
                connection.ops.adapt_datetimefield_value(subscription.updated_at)]):
            return _renewed_as_now(subscription, renewal, steps)
        for name, value in moved.items():
            setattr(subscription, name, value)
        _done(subscription, renewal, steps, now)
        membership.renewed(subscription)
    return renewal


def _renewed_as_now(subscription: Subscription, renewal: Renewal, steps) -> Renewal:
    """`renewed`, for a subscription a customer or staff changed while its order was being placed."""
    plan = subscription.plan  # read with the claim; kept unless changed meanwhile (the membership needs it)
    with lease.held(subscription):
        if subscription.plan_id == plan.pk:
            subscription.plan = plan
        for name, value in _moved_on(subscription, renewal).items():
            setattr(subscription, name, value)
        subscription.save(update_fields=["deliveries", "status", "next_renewal_on", "ended_at", "updated_at"])
        _done(subscription, renewal, steps, subscription.updated_at)
    return renewal


def _moved_on(subscription: Subscription, renewal: Renewal) -> dict:
    """The subscription's fields once the cycle is done: one more delivery, and the next date (or the end)."""
    terms = terms_of(subscription)
    moved = {"deliveries": renewal.cycle, "status": subscription.status, "next_renewal_on": subscription.next_renewal_on,
             "ended_at": subscription.ended_at}
    if subscription.status not in RENEWABLE:
        pass  # cancelled or paused while the order was being placed: the delivery stands, the status too
    elif terms.billing_limit and renewal.cycle >= terms.billing_limit:
        moved.update(status=Subscription.Status.COMPLETED, next_renewal_on=None, ended_at=timezone.now())
    else:
        in_trial = bool(terms.trial) and renewal.cycle < terms.trial.deliveries
        moved.update(status=Subscription.Status.TRIALING if in_trial else Subscription.Status.ACTIVE,
                     next_renewal_on=slot_date(subscription, renewal.cycle + 1 + subscription.skipped, terms))
    return moved


def _done(subscription: Subscription, renewal: Renewal, steps, now: datetime.datetime) -> None:
    """The cycle's row done, with what its steps found, and the event that mails and figures read."""
    renewal.state, renewal.last_error, renewal.updated_at = Renewal.State.DONE, "", now
    rows.update(Renewal, {name: getattr(renewal, name) for name in {*steps, "state", "last_error", "updated_at"}},
                "id = %s", [renewal.pk])
    record_event(subscription.installation, "renewal.done", subscription=subscription.pk, cycle=renewal.cycle,
                 order=renewal.saleor_order_id, amount=str(renewal.amount), status=subscription.status)


def end_of_period(subscription: Subscription) -> Renewal:
    """Cancelled at period end: the paid period is over, so the cycle is skipped and nothing charged."""
    with lease.held(subscription):
        renewal = current_renewal(subscription)
        renewal.state = Renewal.State.SKIPPED
        renewal.save()
        subscription.status, subscription.next_renewal_on = Subscription.Status.CANCELLED, None
        subscription.ended_at = timezone.now()
        subscription.save()
        record_event(subscription.installation, "subscription.cancelled", subscription=subscription.pk, at="period_end")
    discard_unpaid_orders(subscription)
    return renewal


def declined(subscription: Subscription, renewal: Renewal, charge: ChargeResult, order: dict) -> Renewal:
    """Dunning: retry after the installation's offsets (default +7 and +14 days), then cancel or pause.

    The cycle's order waits for the retries (a draft, or an unconfirmed bulk order). After the last
    one, a cancelled subscription's unpaid order is removed from Saleor, so that nobody ships or
    counts it; a paused one keeps it for the delivery that resuming pays for.
    """
    installation = subscription.installation
    with lease.held(subscription):
        offsets = installation.retry_offsets_days or DEFAULT_RETRY_OFFSETS
        renewal.attempts += 1  # the next attempt confirms the cycle's intent again, under a new key
        renewal.decline_code, renewal.last_error = charge.decline_code or "", charge.message
        cancelled = False
        if charge.outcome == Outcome.FINAL or renewal.attempts > len(offsets):
            renewal.state = Renewal.State.FAILED
            paused = installation.after_last_retry == "pause"
            cancelled = not paused
            subscription.status = Subscription.Status.PAUSED if paused else Subscription.Status.CANCELLED
            subscription.next_renewal_on = None
            subscription.ended_at = None if paused else timezone.now()
        else:
            renewal.state = Renewal.State.RETRY_SCHEDULED
            subscription.status = Subscription.Status.PAST_DUE
            subscription.next_renewal_on = renewal.scheduled_for + datetime.timedelta(days=offsets[renewal.attempts - 1])
        renewal.save()
        subscription.save()
        record_event(installation, "renewal.declined", actor=Event.Actor.SYSTEM, subscription=subscription.pk,
                     cycle=renewal.cycle, outcome=charge.outcome, decline_code=renewal.decline_code,
                     next_attempt=str(subscription.next_renewal_on), status=subscription.status)
    if cancelled:
        discard_unpaid_order(SaleorClient.for_installation(installation), order)
    return renewal


def discard_unpaid_orders(subscription: Subscription) -> None:
    """After a cancellation: the orders of cycles still waiting for their payment (a declined card) leave Saleor."""
    client = SaleorClient.for_installation(subscription.installation)
    waiting = subscription.renewals.filter(state__in=(Renewal.State.RETRY_SCHEDULED, Renewal.State.FAILED, Renewal.State.SKIPPED))
    for renewal in waiting.exclude(saleor_order_id=""):
        order = client.execute("OrderByReference", {"externalReference": renewal.external_reference})["order"]
        if order is not None and order["chargeStatus"] == "NONE":
            discard_unpaid_order(client, order)


def discard_unpaid_order(client: SaleorClient, order: dict) -> None:
    """An unpaid renewal order of a cancelled subscription leaves Saleor: a draft is deleted, an unconfirmed order cancelled."""
    if order["status"] == "DRAFT":
        client.execute("DraftOrderDelete", {"id": order["id"]})
    elif order["status"] == "UNCONFIRMED":
        client.execute("OrderCancel", {"id": order["id"]})


def waiting_for_stock(subscription: Subscription, renewal: Renewal, today: datetime.date, missing: str, waited: int) -> None:
    """The delivery is late: tried again tomorrow."""
    with lease.held(subscription):
        renewal.problem = problems.recorded("stock_wait", missing=missing)
        renewal.last_error = renewal.problem["message"]
        renewal.save()
        subscription.next_renewal_on = today + datetime.timedelta(days=1)
        subscription.save()
        record_event(subscription.installation, "renewal.out_of_stock", subscription=subscription.pk, cycle=renewal.cycle,
                     missing=missing, policy="wait", waited_days=waited)


def skipped_for_stock(subscription: Subscription, renewal: Renewal, missing: str) -> None:
    """The delivery is skipped; the next one keeps the plan's rhythm."""
    with lease.held(subscription):
        terms = terms_of(subscription)
        renewal.problem = problems.recorded("stock_skipped", missing=missing)
        renewal.state, renewal.last_error = Renewal.State.SKIPPED, renewal.problem["message"]
        renewal.save()
        subscription.skipped += 1
        subscription.next_renewal_on = slot_date(subscription, renewal.cycle + subscription.skipped, terms)
        subscription.save()
        record_event(subscription.installation, "renewal.out_of_stock", subscription=subscription.pk, cycle=renewal.cycle,
                     missing=missing, policy=terms.stock_policy, outcome="skipped")


def problem(subscription: Subscription, problem: RenewalProblem) -> Renewal:
    """The cycle cannot go on (variant gone, Saleor refused): visible to operators in their words, tried again next run."""
    recorded = problem.recorded()
    with lease.held(subscription):
        renewal = current_renewal(subscription)
        renewal.state, renewal.last_error, renewal.problem = Renewal.State.FAILED, recorded["message"], recorded
        renewal.save()
        record_event(subscription.installation, "renewal.problem", subscription=subscription.pk, cycle=renewal.cycle,
                     **recorded)
    logger.warning("renewal of subscription #%s cycle %s: %s", subscription.pk, renewal.cycle, problem)
    return renewal


def interrupted(subscription: Subscription, error: Exception) -> Renewal:
    """Saleor or Stripe could not be reached: the cycle keeps its state and the next run resumes it.

    The row says which one (operators read it in their language, `interrupted_by`); the error itself, which may
    name internal hosts, goes to the log."""
    service = "Saleor" if isinstance(error, SaleorTransportError) else "Stripe"
    with lease.held(subscription):
        renewal = current_renewal(subscription)
        renewal.last_error = f"{INTERRUPTED}{service} could not be reached"
        renewal.save(update_fields=["last_error", "updated_at"])
    logger.warning("renewal of subscription #%s interrupted: %s", subscription.pk, error)
    return renewal


def interrupted_by(renewal: Renewal) -> str | None:
    """"Saleor" or "Stripe" when the cycle's last run was interrupted because it could not reach it; else None."""
    if not renewal.last_error.startswith(INTERRUPTED):
        return None
    return renewal.last_error[len(INTERRUPTED):].split(" ", 1)[0]
