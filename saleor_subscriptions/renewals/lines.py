"""A renewal reads its subscriptions' lines (with their plan versions) and accepted discounts once, for the whole cycle."""

from django.db.models import Prefetch, prefetch_related_objects

from ..subscriptions.discounts import accepted_percent_off
from ..subscriptions.models import SubscriptionLine


def prefetch(subscriptions) -> None:
    """Read the lines of `subscriptions` in one query; `lines_of` then reads no more."""
    missing = [s for s in subscriptions if "lines" not in getattr(s, "_prefetched_objects_cache", {})]
    if missing:
        prefetch_related_objects(
            missing, Prefetch("lines", queryset=SubscriptionLine.objects.select_related("plan_version").order_by("pk")),
            Prefetch("cancellation_attempts", queryset=accepted_percent_off(), to_attr="accepted_percent_off"))


def lines_of(subscription) -> list[SubscriptionLine]:
    prefetch([subscription])
    return list(subscription.lines.all())


def terms_of(subscription):
    """The terms of the subscription's first line (every line shares the plan's schedule and policies)."""
    return lines_of(subscription)[0].plan_version.terms
