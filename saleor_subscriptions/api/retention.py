"""Staff figures of cancellations with offers: why customers leave, which offers were shown, which saved them."""

import datetime

import graphene

from ..core.error_texts import current_language, error_text
from ..subscriptions import retention
from ..subscriptions.models import CancellationAttempt
from .staff import StaffError, _guarded, _refuse, staff

MAX_DAYS = 3 * 366  # a range longer than this is a mistake, and a slow one


class CancellationOfferCounts(graphene.ObjectType):
    skip = graphene.Int(required=True)
    delay = graphene.Int(required=True)
    longer_interval = graphene.Int(required=True)
    percent_off = graphene.Int(required=True)


class CancellationReasonFigures(graphene.ObjectType):
    reason = graphene.String(required=True, description="The reason's code")
    label = graphene.String(required=True, description="The reason in the staff's language (its code once removed)")
    attempts = graphene.Int(required=True, description="Customers who set out to cancel giving this reason")
    offers_shown = graphene.Field(CancellationOfferCounts, required=True)
    offers_accepted = graphene.Field(CancellationOfferCounts, required=True)
    saved = graphene.Int(required=True, description="Accepted the offer: the subscription goes on")
    cancelled = graphene.Int(required=True)
    abandoned = graphene.Int(required=True, description="Neither: left the page (or are still on it)")


class CancellationFigures(graphene.ObjectType):
    reasons = graphene.List(graphene.NonNull(CancellationReasonFigures), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_cancellation_figures(root, info, since: datetime.date, until: datetime.date):
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        if since > until or (until - since).days > MAX_DAYS:
            raise _refuse("until", "invalid", error_text("date_range", days=MAX_DAYS))
        return {"reasons": retention.figures(installation, since=since, until=until, language=current_language())}

    return {"reasons": [], **_guarded(work)}


class CancellationOutcome(graphene.Enum):
    ABANDONED = "abandoned"
    SAVED = "saved"
    CANCELLED = "cancelled"


class CancellationAttemptNode(graphene.ObjectType):
    reason = graphene.String(required=True)
    label = graphene.String(required=True, description="The reason in the staff's language")
    text = graphene.String(required=True, description="The customer's own words; may be empty")
    offer_kind = graphene.String(description="skip, delay, longer_interval or percent_off; null: no offer shown")
    offer = graphene.JSONString(description="The offer as shown, with its parameters")
    outcome = graphene.Field(CancellationOutcome, required=True)
    at_period_end = graphene.Boolean(required=True)
    actor = graphene.String(required=True, description="customer or staff")
    on = graphene.Date(required=True)
    decided_at = graphene.DateTime()

    @staticmethod
    def of(attempt: CancellationAttempt, language: str) -> dict:
        return {"reason": attempt.reason, "label": retention.label(attempt.installation, attempt.reason, language),
                "text": attempt.text, "offer_kind": attempt.offer_kind or None, "offer": attempt.offer or None,
                "outcome": attempt.outcome, "at_period_end": attempt.at_period_end, "actor": attempt.actor,
                "on": attempt.on, "decided_at": attempt.decided_at}
