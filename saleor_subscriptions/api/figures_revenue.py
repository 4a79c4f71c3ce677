"""Staff figures (MANAGE_ORDERS): active subscriptions, MRR, movements per period, churn reasons, forecast, per channel.

The figures' tables are brought up to date first (`figures.snapshots.refresh`: only what changed since).
"""

import datetime

import graphene

from ..core.error_texts import current_language, error_text
from ..figures import forecast, movements, revenue, snapshots
from ..figures.models import SubscriptionFigure
from ..figures.texts import explanations
from ..renewals.engine import today_in
from ..subscriptions import retention
from .staff import StaffError, _guarded, _refuse, staff

PERMISSION = "MANAGE_ORDERS"
REFRESH_LIMIT = 500  # subscriptions an answer reads first at most (about a second); more wait for beat
MAX_DAYS = {"day": 366, "week": 3 * 366, "month": 5 * 366}  # a longer range is a mistake, and a slow chart


class FigurePeriod(graphene.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class FigureMoney(graphene.ObjectType):
    amount = graphene.String(required=True, description="a plain decimal in the currency's precision")
    currency = graphene.String(required=True)


class FigurePeriodRow(graphene.ObjectType):
    start = graphene.Date(required=True)
    end = graphene.Date(required=True, description="the period's last day, inclusive (cut to the range asked)")
    active_at_start = graphene.Int(required=True)
    new = graphene.Int(required=True)
    churned_voluntary = graphene.Int(required=True)
    churned_involuntary = graphene.Int(required=True)
    completed = graphene.Int(required=True)
    paused = graphene.Int(required=True)
    reactivated = graphene.Int(required=True)
    churn_rate = graphene.Float(description="churned (both ways) / active at start; null when none were active")
    mrr_new = graphene.Field(FigureMoney, required=True)
    mrr_expansion = graphene.Field(FigureMoney, required=True)
    mrr_contraction = graphene.Field(FigureMoney, required=True, description="MRR lost, a positive amount")
    mrr_churn = graphene.Field(FigureMoney, required=True, description="MRR lost, a positive amount")
    mrr_net = graphene.Field(FigureMoney, required=True, description="new + expansion − contraction − churn")


class ChurnReasonCount(graphene.ObjectType):
    reason = graphene.String(required=True, description="the reason's code; empty: none given")
    label = graphene.String(required=True, description="the reason in the staff's language")
    count = graphene.Int(required=True)


class ForecastRow(graphene.ObjectType):
    days = graphene.Int(required=True, description="30, 60 or 90: from today (included)")
    renewals = graphene.Int(required=True)
    amount = graphene.Field(FigureMoney, required=True)


class FigureExplanation(graphene.ObjectType):
    figure = graphene.String(required=True, description="a field name of this API; periods.* for the period rows' fields")
    text = graphene.String(required=True)


class FigureChannel(graphene.ObjectType):
    slug = graphene.String(required=True)
    currency = graphene.String(required=True)


class SubscriptionFigures(graphene.ObjectType):
    up_to_date = graphene.Boolean(description="false: many subscriptions changed; the beat is still reading them")
    currency = graphene.String()
    active = graphene.Int()
    subscribers = graphene.Int()
    paused = graphene.Int()
    unpriced = graphene.Int()
    mrr = graphene.Field(FigureMoney)
    trial_mrr = graphene.Field(FigureMoney)
    discount_mrr = graphene.Field(FigureMoney)
    arr = graphene.Field(FigureMoney)
    periods = graphene.List(graphene.NonNull(FigurePeriodRow), required=True)
    churn_reasons = graphene.List(graphene.NonNull(ChurnReasonCount), required=True)
    forecast = graphene.List(graphene.NonNull(ForecastRow), required=True)
    explanations = graphene.List(graphene.NonNull(FigureExplanation), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class SubscriptionFigureChannels(graphene.ObjectType):
    channels = graphene.List(graphene.NonNull(FigureChannel), required=True)
    today = graphene.Date(description="the shop's date (its time zone): where the page's ranges end by default")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _money(amount, currency: str) -> dict:
    return {"amount": str(amount), "currency": currency}


def _currency(installation, channel: str) -> str:
    currency = (SubscriptionFigure.objects.filter(installation=installation, channel_slug=channel)
                .values_list("currency", flat=True).first())
    if currency is None:
        raise _refuse("channel", "not_found", error_text("figures_channel_unknown", channel=channel))
    return currency


def figures(installation, channel: str, first: datetime.date, last: datetime.date, period: str, language: str) -> dict:
    """The whole answer for one channel, the tables refreshed first."""
    if first > last:
        raise _refuse("to", "invalid", error_text("date_range", days=MAX_DAYS[period]))
    if (last - first).days >= MAX_DAYS[period]:
        raise _refuse("to", "too_long", error_text("figures_range_too_long", days=MAX_DAYS[period]))
    up_to_date = snapshots.refresh(installation, limit=REFRESH_LIMIT)
    currency = _currency(installation, channel)
    now = revenue.current(installation, channel, currency)
    rows = movements.periods(installation, channel, currency, first, last, period)
    money = ("mrr_new", "mrr_expansion", "mrr_contraction", "mrr_churn", "mrr_net")
    return {
        "up_to_date": up_to_date, "currency": currency, "active": now.active, "subscribers": now.subscribers, "paused": now.paused, "unpriced": now.unpriced,
        "mrr": _money(now.mrr, currency), "trial_mrr": _money(now.trial_mrr, currency),
        "discount_mrr": _money(now.discount_mrr, currency), "arr": _money(now.arr, currency),
        "periods": [{"start": row.start, "end": row.end, "active_at_start": row.active_at_start, "new": row.new,
                     "churned_voluntary": row.churned_voluntary, "churned_involuntary": row.churned_involuntary,
                     "completed": row.completed, "paused": row.paused, "reactivated": row.reactivated, "churn_rate": row.churn_rate,
                     **{name: _money(getattr(row, name), currency) for name in money}} for row in rows],
        "churn_reasons": [{"reason": reason, "label": retention.label(installation, reason, language) if reason else "",
                           "count": count} for reason, count in movements.churn_reasons(installation, channel, first, last)],
        "forecast": [{"days": horizon.days, "renewals": horizon.renewals, "amount": _money(horizon.amount, currency)}
                     for horizon in forecast.horizons(installation, channel, currency, today_in(installation))],
    }


def resolve_subscription_figures(root, info, channel: str, to: datetime.date, period: str = "month", **kwargs):
    language = current_language()

    def work():
        installation, _ = staff(info.context, PERMISSION)
        return figures(installation, channel, kwargs["from"], to, getattr(period, "value", period), language)

    empty = {"periods": [], "churn_reasons": [], "forecast": [], "explanations": explanations(language)}
    return {**empty, **_guarded(work)}


def resolve_subscription_figure_channels(root, info):
    def work():
        installation, _ = staff(info.context, PERMISSION)
        snapshots.refresh(installation, limit=REFRESH_LIMIT)  # a shop's first subscriptions count before the beat's run
        rows = (SubscriptionFigure.objects.filter(installation=installation).values_list("channel_slug", "currency")
                .distinct().order_by("channel_slug"))
        return {"channels": [{"slug": slug, "currency": currency} for slug, currency in rows], "today": today_in(installation)}

    return {"channels": [], **_guarded(work)}


SUBSCRIPTION_FIGURES = graphene.Field(
    SubscriptionFigures, required=True, resolver=resolve_subscription_figures,
    args={"channel": graphene.String(required=True, description="Saleor channel slug"), "from": graphene.Date(required=True),
          "to": graphene.Date(required=True), "period": FigurePeriod(default_value="month")},
    description="Staff (MANAGE_ORDERS): a channel's subscriptions and MRR now, movements per period from `from` to `to` "
                "(inclusive, the shop's dates), churn reasons, and revenue forecast for the next 30/60/90 days.")
SUBSCRIPTION_FIGURE_CHANNELS = graphene.Field(
    SubscriptionFigureChannels, required=True, resolver=resolve_subscription_figure_channels,
    description="Staff (MANAGE_ORDERS): the channels that have subscriptions, with their currency (the figures' filter).")
