"""Who is subscribed to a plan, per version: what the editor says before and after a change."""

from django.db.models import Count

from ..subscriptions.models import Subscription

ENDED = (Subscription.Status.CANCELLED, Subscription.Status.COMPLETED)


def subscribers_per_version(plan) -> dict[int, int]:
    """{version number: subscriptions still running on it}."""
    rows = (Subscription.objects.filter(installation=plan.installation, lines__plan_version__plan=plan)
            .exclude(status__in=ENDED).values("lines__plan_version__number")
            .annotate(count=Count("id", distinct=True)))
    return {row["lines__plan_version__number"]: row["count"] for row in rows}
