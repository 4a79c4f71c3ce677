"""A renewal reads its subscriptions' lines (with their plan versions) and accepted discounts once, for the whole cycle.

Two statements written once (`rows.select`: the ORM's prefetch built its queries anew for each claim, at more CPU
than PostgreSQL spent running them), their rows left where `prefetch_related` leaves them: `subscription.lines.all()`
and `accepted_percent_off`, each row's subscription attached.
"""

from collections import defaultdict

from ..core import rows
from ..subscriptions.discounts import ACCEPTED_PERCENT_OFF
from ..subscriptions.models import CancellationAttempt, SubscriptionLine

LINE_OF, OFFER_OF = SubscriptionLine._meta.get_field("subscription"), CancellationAttempt._meta.get_field("subscription")
OFFERS = " AND ".join(f"t0.{CancellationAttempt._meta.get_field(name).column} = %s" for name in ACCEPTED_PERCENT_OFF)


def prefetch(subscriptions) -> None:
    """Read the lines and accepted discounts of `subscriptions` (those not read yet); `lines_of` then reads no more."""
    missing = {s.pk: s for s in subscriptions if "lines" not in getattr(s, "_prefetched_objects_cache", {})}
    if not missing:
        return
    ids = list(missing)
    lines, offers = defaultdict(list), defaultdict(list)
    for line in rows.select(SubscriptionLine, f"t0.subscription_id IN ({rows.places(ids)}) ORDER BY t0.id", ids,
                            joined="plan_version"):
        LINE_OF.set_cached_value(line, missing[line.subscription_id])
        lines[line.subscription_id].append(line)
    for offer in rows.select(CancellationAttempt, f"t0.subscription_id IN ({rows.places(ids)}) AND {OFFERS} "
                             "ORDER BY t0.decided_at DESC, t0.id DESC", [*ids, *ACCEPTED_PERCENT_OFF.values()]):
        OFFER_OF.set_cached_value(offer, missing[offer.subscription_id])
        offers[offer.subscription_id].append(offer)
    for subscription in missing.values():
        queryset = subscription.lines.all()
        queryset._result_cache, queryset._prefetch_done = lines[subscription.pk], True
        subscription._prefetched_objects_cache = getattr(subscription, "_prefetched_objects_cache", {}) | {"lines": queryset}
        subscription.accepted_percent_off = offers[subscription.pk]


def lines_of(subscription) -> list[SubscriptionLine]:
    prefetch([subscription])
    return list(subscription.lines.all())


def terms_of(subscription):
    """The terms of the subscription's first line (every line shares the plan's schedule and policies)."""
    return lines_of(subscription)[0].plan_version.terms
