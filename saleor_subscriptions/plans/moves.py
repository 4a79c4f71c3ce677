"""Moving a plan's subscribers to its current version: announced by mail ahead of the notice period, applied on the day.

A revised plan binds new subscribers only; moving existing ones changes a contract's price, so each of
them is told first (the `subscription.plan_change_announced` event mails them) and the change takes
effect no sooner than `NOTICE_DAYS` later.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from ..core.error_texts import error_text
from ..core.errors import InputError
from ..core.models import Event, record_event
from ..subscriptions.models import Subscription, SubscriptionLine
from .models import Plan, PlanMove
from .subscribers import ENDED

NOTICE_DAYS = 30  # advance notice of a price or terms change to a running subscription


def shop_today(installation) -> datetime.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()


def earliest_effective(installation, today: datetime.date | None = None) -> datetime.date:
    return (today or shop_today(installation)) + datetime.timedelta(days=NOTICE_DAYS)


def affected(plan: Plan) -> list[Subscription]:
    """Running subscriptions with a line on an earlier version of `plan`, not yet announced a move to its current one."""
    current = plan.current_version
    announced = {pk for ids in PlanMove.objects.filter(plan=plan, to_version=current).values_list("subscription_ids", flat=True)
                 for pk in ids}
    return list(Subscription.objects.filter(installation=plan.installation, lines__plan_version__plan=plan,
                                            lines__plan_version__number__lt=current.number)
                .exclude(status__in=ENDED).exclude(pk__in=announced).distinct().order_by("pk"))


def announce(plan: Plan, *, effective_on: datetime.date, actor_id: str = "", today: datetime.date | None = None) -> PlanMove:
    """Tell every affected subscriber (one mail each, after commit) and schedule the move for `effective_on`."""
    earliest = earliest_effective(plan.installation, today)
    if effective_on < earliest:
        raise InputError("effectiveOn", "too_soon", error_text("notice_period", days=NOTICE_DAYS, date=earliest),
                         words="notice_period", days=NOTICE_DAYS, date=earliest)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        subscriptions = affected(plan)
        if not subscriptions:
            raise InputError("code", "unchanged", error_text("nobody_to_move"), words="nobody_to_move")
        version = plan.current_version
        move = PlanMove.objects.create(installation=plan.installation, plan=plan, to_version=version, effective_on=effective_on,
                                       subscription_ids=[s.pk for s in subscriptions], created_by=actor_id)
        for subscription in subscriptions:
            record_event(plan.installation, "subscription.plan_change_announced", actor=Event.Actor.STAFF, actor_id=actor_id,
                         subscription=subscription.pk, plan=plan.code, to_version=version.number,
                         effective_on=effective_on.isoformat(), move=move.pk)
    return move


def apply_due(installation, today: datetime.date | None = None) -> int:
    """Moves whose day has come: the announced subscriptions' lines of the plan take the new version. Answers lines moved."""
    today = today or shop_today(installation)
    moved = 0
    with transaction.atomic():
        for move in (PlanMove.objects.select_for_update(skip_locked=True).select_related("to_version", "plan")
                     .filter(installation=installation, applied_at__isnull=True, effective_on__lte=today)):
            # the subscriptions' rows, as a renewal holds them: no line changes under a running renewal
            running = list(Subscription.objects.select_for_update().filter(installation=installation, pk__in=move.subscription_ids)
                           .exclude(status__in=ENDED).values_list("pk", flat=True))
            lines = SubscriptionLine.objects.filter(subscription_id__in=running, plan_version__plan=move.plan,
                                                    plan_version__number__lt=move.to_version.number)
            for subscription_id in sorted(set(lines.values_list("subscription_id", flat=True))):
                record_event(installation, "subscription.plan_version_moved", subscription=subscription_id, plan=move.plan.code,
                             to_version=move.to_version.number, move=move.pk)
            moved += lines.update(plan_version=move.to_version)
            move.applied_at = timezone.now()
            move.save(update_fields=["applied_at"])
    return moved
