"""What a customer is a member of: the plans (and products) of their subscriptions, each until its paid-through date.

A subscription that renews (trialing, active, or past due while its payment is retried) makes its
customer a member until it stops: a late renewal run or a retry window never locks a member out.
One that stops renewing (cancelled now or at the period's end, completed, paused) keeps the
membership until the end of the period paid for: the start, in the shop's time zone, of the day
the next delivery was or would have been due after the last paid one. A dunning that ends in
cancellation therefore ends membership at once (that period was never paid).

Each subscription's membership is kept in a `Membership` row, refreshed inside the transaction of
every save (a `post_save` receiver), so the access check is one indexed query. A renewing
membership is paid through its subscription's next renewal date, read with it rather than copied,
so a renewal changes no membership. A change marks the customer's Saleor metadata out of date;
`member_metadata` writes it after the commit.
"""

import dataclasses
import datetime
import logging
import zoneinfo

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .calendar import slot_date
from .models import Membership, MemberSync, Renewal, Subscription

logger = logging.getLogger(__name__)
CURRENT = (f"SELECT m.customer_id, m.plan_code, m.product_id, m.until, s.next_renewal_on FROM {Membership._meta.db_table} m "
           f"JOIN {Subscription._meta.db_table} s ON s.id = m.subscription_id "
           "WHERE m.installation_id = %s AND (m.until IS NULL OR m.until > %s)")
CUSTOMER = " AND m.customer_id = %s"
NEVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)
RENEWING = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)


@dataclasses.dataclass(frozen=True)
class Member:
    """One membership: a plan (of a product), paid through a moment; `renews` unless it ends then."""

    plan: str
    product: str
    paid_through: datetime.datetime | None
    renews: bool

    def as_json(self) -> dict:
        """As the customer's Saleor metadata holds it: a renewing membership has no end to show, so a renewal, which
        moves the paid-through date, leaves the metadata as it is (no Saleor call per renewal)."""
        ends = self.paid_through if self.paid_through and not self.renews else None
        return {"plan": self.plan, "product": self.product, "renews": self.renews,
                "paidThrough": ends.isoformat() if ends else None}


def _day_start(installation, day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zoneinfo.ZoneInfo(installation.time_zone))


def _terms(subscription):
    prefetched = getattr(subscription, "_prefetched_objects_cache", {}).get("lines")
    if prefetched:
        return prefetched[0].plan_version.terms
    line = subscription.lines.select_related("plan_version").first()
    # a subscription is saved once before its lines exist: the plan's terms date it meanwhile
    return line.plan_version.terms if line else subscription.plan.current_version.terms


def paid_through_on(subscription: Subscription) -> datetime.date | None:
    """The day the period paid for ends: the next renewal date, or for a stopped subscription the
    slot after its last paid delivery (the first order, or the last renewal done)."""
    if subscription.status in RENEWING:
        return subscription.next_renewal_on
    last_paid = max(subscription.renewals.filter(state=Renewal.State.DONE).values_list("cycle", flat=True), default=1)
    return slot_date(subscription, last_paid + 1 + subscription.skipped, _terms(subscription))


def membership_of(subscription: Subscription) -> dict | None:
    """The `Membership` fields a subscription gives its customer now; None when it gives none."""
    if not subscription.customer_id:
        return None  # a guest's order: nobody can sign in as its customer
    renews = subscription.status in RENEWING and not subscription.cancel_at_period_end
    until = None if renews else _day_start(subscription.installation, paid_through_on(subscription))
    if not renews and (until is None or until <= timezone.now()):
        return None
    return {"installation": subscription.installation, "customer_id": subscription.customer_id,
            "plan_code": subscription.plan.code, "product_id": subscription.plan.product.product_id, "until": until}


def refresh(subscription: Subscription) -> bool:
    """Bring the subscription's `Membership` row up to date; True (and the customer marked) when it changed."""
    wanted = membership_of(subscription)
    current = Membership.objects.filter(subscription=subscription).first()
    if current is not None and wanted is not None and all(
            getattr(current, name) == value for name, value in wanted.items() if name != "installation"):
        return False
    if current is None and wanted is None:
        return False
    if wanted is None:
        current.delete()
    elif current is None:
        Membership.objects.create(subscription=subscription, **wanted)
    else:
        Membership.objects.filter(subscription=subscription).update(**wanted)
    for customer_id in {getattr(current, "customer_id", None), subscription.customer_id} - {None, ""}:
        mark_changed(subscription.installation_id, customer_id)
    return True


def renewed(subscription: Subscription) -> None:
    """After a renewal saved without `save()`: a membership that goes on renewing changed nothing (it is paid through
    the next date, read with it); one that ended (the last delivery of a limited plan) is refreshed."""
    if subscription.status not in RENEWING or subscription.cancel_at_period_end:
        refresh(subscription)


def mark_changed(installation_id: int, customer_id: str) -> None:
    """The customer's metadata is out of date: written after the commit (and by the sweep if that is lost)."""
    updated = MemberSync.objects.filter(installation_id=installation_id, customer_id=customer_id).update(
        dirty=True, version=F("version") + 1)
    if not updated:
        MemberSync.objects.get_or_create(installation_id=installation_id, customer_id=customer_id)
    from . import member_metadata  # it imports this module

    member_metadata.write_after_commit(installation_id, customer_id)


# what a membership is made of (`membership_of`, `paid_through_on`): a save of other fields changes none
RELEVANT = frozenset({"customer_id", "status", "cancel_at_period_end", "next_renewal_on", "plan", "plan_id", "installation",
                      "installation_id", "skipped", "started_on", "schedule_anchor_on", "schedule_anchor_slot"})


@receiver(post_save, sender=Subscription, dispatch_uid="membership_refresh")
def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not RELEVANT.intersection(update_fields)):
        return
    try:
        with transaction.atomic():  # a savepoint: the subscription's own change never fails for its membership
            refresh(instance)
    except Exception:
        logger.exception("membership of subscription #%s not refreshed", instance.pk)


@receiver(post_delete, sender=Subscription, dispatch_uid="membership_deleted")
def _deleted(sender, instance, **kwargs):
    if instance.customer_id:
        transaction.on_commit(lambda: mark_changed(instance.installation_id, instance.customer_id), robust=True)


def memberships(installation, customer_id: str, *, now: datetime.datetime | None = None) -> list[Member]:
    """The customer's memberships at `now`, by plan code."""
    # the access check's hot path: compiling the ORM query would cost five times running it
    with connection.cursor() as cursor:
        cursor.execute(CURRENT + CUSTOMER, [installation.pk, _moment(now), customer_id])
        return list(_by_plan(installation, (row[1:] for row in cursor.fetchall())))


def everyone(installation, *, limit: int, now: datetime.datetime | None = None) -> dict[str, list[Member]] | None:
    """Every customer's memberships at `now`, by customer; None when more than `limit` subscriptions give one."""
    with connection.cursor() as cursor:
        cursor.execute(CURRENT + " LIMIT %s", [installation.pk, _moment(now), limit + 1])
        rows = cursor.fetchall()
    if len(rows) > limit:
        return None
    found: dict[str, list] = {}
    for customer_id, *row in rows:
        found.setdefault(customer_id, []).append(row)
    return {customer_id: list(_by_plan(installation, customer_rows)) for customer_id, customer_rows in found.items()}


def _moment(now: datetime.datetime | None):
    """`now` as the database compares it (SQLite keeps naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(now or timezone.now())


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """A raw cursor's datetime: aware from PostgreSQL, naive UTC from SQLite."""
    return value.replace(tzinfo=datetime.UTC) if value is not None and timezone.is_naive(value) else value


def _by_plan(installation, rows):
    zone = zoneinfo.ZoneInfo(installation.time_zone)
    found: dict[str, Member] = {}
    for plan_code, product_id, until, next_renewal_on in rows:
        paid_through = _aware(until) if until is not None else _day_start(installation, next_renewal_on)
        member = Member(plan_code, product_id, paid_through and paid_through.astimezone(zone), until is None)
        found[plan_code] = max(found.get(plan_code, member), member, key=_reach)
    return sorted(found.values(), key=lambda member: member.plan)


def _reach(member: Member):
    """Of two subscriptions to the same plan, the one that renews, else the one paid further, counts."""
    return member.renews, member.paid_through or NEVER


def matching(members: list[Member], *, product_id=None, plan_code=None) -> Member | None:
    """The membership of that plan or product (give exactly one) that reaches furthest; None when not a member."""
    if (product_id is None) == (plan_code is None):
        raise ValueError("give exactly one of product_id and plan_code")
    found = [m for m in members if (m.plan == plan_code if plan_code is not None else m.product == product_id)]
    return max(found, key=_reach, default=None)


def is_member(installation, user_id: str, *, product_id=None, plan_code=None, now=None) -> Member | None:
    """The customer's membership of that plan or product now (truthy), or None."""
    return matching(memberships(installation, user_id, now=now), product_id=product_id, plan_code=plan_code)
