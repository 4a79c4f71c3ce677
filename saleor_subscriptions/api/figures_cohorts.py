"""Staff figures (MANAGE_ORDERS) per channel and date range: the cohort (継続率) table with LTV, trial, funnel and
retention-offer conversion, and renewal success and dunning recovery; each figure with its one-line explanation."""

import datetime

import graphene

from ..core.error_texts import current_language, error_text
from ..figures import cohorts, conversion, dunning
from .retention import MAX_DAYS, CancellationReasonFigures
from .staff import StaffError, _guarded, _refuse, staff

PERMISSION = "MANAGE_ORDERS"
MAX_DELIVERIES = 24
CHANNEL_LENGTH = 255


class CohortsFigureExplanation(graphene.ObjectType):
    """One figure's one-line explanation (named apart from other areas' figures)."""

    figure = graphene.String(required=True, description="e.g. ltv_projected")
    text = graphene.String(required=True, description="What counts and what does not, in the staff's language")


def _explained(*texts: dict) -> list[dict]:
    language = current_language()
    return [{"figure": figure, "text": words[language]} for table in texts for figure, words in table.items()]


def _checked(channel: str, since: datetime.date, until: datetime.date) -> None:
    if not channel.strip():
        raise _refuse("channel", "required", error_text("required"))
    if len(channel) > CHANNEL_LENGTH:
        raise _refuse("channel", "too_long", error_text("too_long", limit=CHANNEL_LENGTH))
    if since > until or (until - since).days > MAX_DAYS:
        raise _refuse("to", "invalid", error_text("date_range", days=MAX_DAYS))


def _range(**arguments):
    return {"channel": graphene.String(required=True, description="The channel's slug"),
            "from_": graphene.Date(required=True, name="from", description="First day, inclusive (the shop's dates)"),
            "to": graphene.Date(required=True, description="Last day, inclusive"), **arguments}


class CohortDelivery(graphene.ObjectType):
    delivery = graphene.Int(required=True, description="Delivery number: 2 = the first renewal")
    count = graphene.Int(required=True, description="Subscriptions of the month that received it")
    share = graphene.Float(required=True, description="count / started")
    pending = graphene.Int(required=True, description="Still running and not there yet: the share may still grow")
    not_yet = graphene.Boolean(required=True, description="Nobody reached it and some still can: show as not yet, not 0 %")


class CohortRow(graphene.ObjectType):
    month = graphene.Date(required=True, description="The month's first day")
    currency = graphene.String(required=True)
    started = graphene.Int(required=True)
    reached = graphene.List(graphene.NonNull(CohortDelivery), required=True)
    revenue_to_date = graphene.Decimal(required=True)
    ltv = graphene.Decimal(required=True)
    ltv_projected = graphene.Decimal(required=True)


class SubscriptionCohorts(graphene.ObjectType):
    rows = graphene.List(graphene.NonNull(CohortRow), required=True)
    explanations = graphene.List(graphene.NonNull(CohortsFigureExplanation), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_subscription_cohorts(root, info, channel: str, from_: datetime.date, to: datetime.date, deliveries: int = 12):
    def work():
        installation, _ = staff(info.context, PERMISSION)
        _checked(channel, from_, to)
        if not 2 <= deliveries <= MAX_DELIVERIES:
            limit = ("at_least", 2) if deliveries < 2 else ("at_most", MAX_DELIVERIES)
            raise _refuse("deliveries", "invalid", error_text(limit[0], limit=limit[1]))
        return {"rows": cohorts.cohorts(installation, channel, from_, to, deliveries)}

    return {"rows": [], "explanations": _explained(cohorts.EXPLAINED), **_guarded(work)}


class TrialConversion(graphene.ObjectType):
    product_id = graphene.ID(required=True, description="Saleor Product GID of the trial plan")
    started = graphene.Int(required=True)
    converted = graphene.Int(required=True, description="Reached the first regular-price delivery")
    in_trial = graphene.Int(required=True, description="Still running, not there yet")
    lost = graphene.Int(required=True, description="Ended before it")
    conversion_rate = graphene.Float(required=True, description="converted / started")


class FunnelConversion(graphene.ObjectType):
    funnel_id = graphene.ID(required=True)
    name = graphene.String(required=True)
    product_id = graphene.ID(required=True, description="The offered plan's product")
    enrolled = graphene.Int(required=True)
    converted = graphene.Int(required=True)
    unsubscribed = graphene.Int(required=True)
    conversion_rate = graphene.Float(required=True, description="converted / enrolled")


class FunnelStepConversion(graphene.ObjectType):
    funnel_id = graphene.ID(required=True)
    position = graphene.Int(required=True)
    delay_days = graphene.Int(required=True)
    sent = graphene.Int(required=True)
    clicked = graphene.Int(required=True)
    converted = graphene.Int(required=True)
    conversion_rate = graphene.Float(required=True, description="converted / sent")


class RetentionSaves(graphene.ObjectType):
    attempts = graphene.Int(required=True, description="Set out to cancel")
    offers_shown = graphene.Int(required=True)
    saved = graphene.Int(required=True, description="Accepted the offer: the subscription goes on")
    cancelled = graphene.Int(required=True)
    save_rate = graphene.Float(required=True, description="saved / offers shown")
    reasons = graphene.List(graphene.NonNull(CancellationReasonFigures), required=True)


class SubscriptionConversion(graphene.ObjectType):
    by_product = graphene.List(graphene.NonNull(TrialConversion), required=True)
    by_funnel = graphene.List(graphene.NonNull(FunnelConversion), required=True)
    by_funnel_step = graphene.List(graphene.NonNull(FunnelStepConversion), required=True)
    retention_saves = graphene.Field(RetentionSaves)
    explanations = graphene.List(graphene.NonNull(CohortsFigureExplanation), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_subscription_conversion(root, info, channel: str, from_: datetime.date, to: datetime.date):
    def work():
        installation, _ = staff(info.context, PERMISSION)
        _checked(channel, from_, to)
        by_funnel, by_step = conversion.funnels(installation, channel, from_, to)
        return {"by_product": conversion.trials(installation, channel, from_, to), "by_funnel": by_funnel,
                "by_funnel_step": by_step,
                "retention_saves": conversion.retention_saves(installation, channel, from_, to, current_language())}

    empty = {"by_product": [], "by_funnel": [], "by_funnel_step": [], "retention_saves": None}
    return {**empty, "explanations": _explained(conversion.EXPLAINED), **_guarded(work)}


class DeclineReasonRecovery(graphene.ObjectType):
    reason = graphene.String(required=True, description="The last decline code, e.g. insufficient_funds")
    declined = graphene.Int(required=True)
    recovered = graphene.Int(required=True, description="Paid later")
    recovery_rate = graphene.Float(required=True, description="recovered / declined")
    recovered_amount = graphene.Decimal(required=True)
    lost = graphene.Int(required=True, description="Failed for good: no retry left")
    retrying = graphene.Int(required=True, description="A retry is still scheduled")


class RenewalRecoveryRow(graphene.ObjectType):
    currency = graphene.String(required=True)
    attempted = graphene.Int(required=True, description="Renewals paid or declined")
    first_attempt_succeeded = graphene.Int(required=True)
    first_attempt_success_rate = graphene.Float(required=True, description="first attempt succeeded / attempted")
    declined = graphene.Int(required=True, description="Declined at least once")
    recovered = graphene.Int(required=True)
    recovery_rate = graphene.Float(required=True, description="recovered / declined")
    recovered_amount = graphene.Decimal(required=True)
    lost = graphene.Int(required=True)
    retrying = graphene.Int(required=True)
    by_decline_reason = graphene.List(graphene.NonNull(DeclineReasonRecovery), required=True,
                                      description="Most declined first")


class RenewalRecovery(graphene.ObjectType):
    currencies = graphene.List(graphene.NonNull(RenewalRecoveryRow), required=True, description="One row per currency")
    explanations = graphene.List(graphene.NonNull(CohortsFigureExplanation), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_renewal_recovery(root, info, channel: str, from_: datetime.date, to: datetime.date):
    def work():
        installation, _ = staff(info.context, PERMISSION)
        _checked(channel, from_, to)
        return {"currencies": dunning.recovery(installation, channel, from_, to)}

    return {"currencies": [], "explanations": _explained(dunning.EXPLAINED), **_guarded(work)}


SUBSCRIPTION_COHORTS = graphene.Field(
    SubscriptionCohorts, required=True, resolver=resolve_subscription_cohorts,
    **_range(deliveries=graphene.Int(default_value=12, description=f"Deliveries to follow, 2 to {MAX_DELIVERIES}")),
    description="Staff (MANAGE_ORDERS): subscriptions by start month and currency, the share reaching each delivery "
                "(継続率), revenue to date, LTV and projected LTV.")
SUBSCRIPTION_CONVERSION = graphene.Field(
    SubscriptionConversion, required=True, resolver=resolve_subscription_conversion, **_range(),
    description="Staff (MANAGE_ORDERS): trial → subscription per product, step-mail funnels per funnel and step, "
                "and retention-offer saves.")
RENEWAL_RECOVERY = graphene.Field(
    RenewalRecovery, required=True, resolver=resolve_renewal_recovery, **_range(),
    description="Staff (MANAGE_ORDERS): renewals due in the range per currency: paid at the first attempt, declined, "
                "recovered by dunning (and the amount), per decline reason.")
