"""Conversion over a date range: trials that reached their first regular delivery (per product), step-mail funnel
buyers who subscribed (per funnel and step), and customers kept by a retention offer when they set out to cancel."""

import datetime

from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Least

from ..funnels.actions import figures_by_funnel
from ..funnels.models import Funnel
from ..plans.models import PlanVersion
from ..subscriptions import retention
from ..subscriptions.models import Subscription
from .cohorts import ENDED

EXPLAINED = {
    "trial_conversion": {
        "en": "Subscriptions started in the range on a plan with a trial that went on to their first regular-price delivery; still in trial: not counted as lost.",
        "ja": "期間内にお試し付きプランで始まった定期のうち、通常価格の初回お届けまで進んだ割合。お試し中のものは離脱に数えません。",
        "zh-hans": "期间内以含试用的方案开始的订阅中，进入首次正价配送的比例；仍在试用中的不算流失。",
        "zh-hant": "期間內以含試用的方案開始的訂閱中，進入首次正價配送的比例；仍在試用中的不算流失。",
    },
    "funnel_conversion": {
        "en": "Buyers enrolled in the funnel by a purchase in the range who subscribed through its offer; unsubscribed buyers stay counted as enrolled.",
        "ja": "期間内の購入でステップメールに登録された購入者のうち、そのオファーから定期を申し込んだ割合。配信停止した人も登録数に含みます。",
        "zh-hans": "期间内因购买而加入分步邮件的买家中，通过其优惠订阅的比例；退订邮件的买家仍计入加入数。",
        "zh-hant": "期間內因購買而加入分步郵件的買家中，透過其優惠訂閱的比例；取消郵件的買家仍計入加入數。",
    },
    "funnel_step_conversion": {
        "en": "Per step: mails sent, links clicked, and buyers who subscribed after this step was their latest mail (converted / sent).",
        "ja": "ステップごと：送信数、クリック数、このステップが最後に届いたメールだった申込者数（申込数÷送信数）。",
        "zh-hans": "每一步：发送数、点击数，以及以此步为最后一封邮件而订阅的买家数（订阅数÷发送数）。",
        "zh-hant": "每一步：寄送數、點擊數，以及以此步為最後一封郵件而訂閱的買家數（訂閱數÷寄送數）。",
    },
    "retention_saves": {
        "en": "Customers who set out to cancel in the range and accepted the offer shown (saved), of those shown an offer; staff cancellations included.",
        "ja": "期間内に解約手続きを始め、表示された引き止めオファーを受け入れた（継続した）割合（オファー表示数に対して）。スタッフによる手続きも含みます。",
        "zh-hans": "期间内开始取消并接受所显示挽留优惠（保留）的比例，以显示优惠的次数为分母；含员工代办。",
        "zh-hant": "期間內開始取消並接受所顯示挽留優惠（保留）的比例，以顯示優惠的次數為分母；含員工代辦。",
    },
}


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def trials(installation, channel: str, since: datetime.date, until: datetime.date) -> list[dict]:
    """Per product with a trial plan: subscriptions started in the range on it, converted, still in trial, lost."""
    trial_plans: dict[int, tuple[str, int]] = {}  # plan id → (product, trial deliveries: the most any version gives)
    for plan_id, product_id, terms in PlanVersion.objects.filter(plan__installation=installation).values_list(
            "plan_id", "plan__product__product_id", "terms_json"):
        if (terms or {}).get("trial"):
            longest = max(trial_plans.get(plan_id, ("", 0))[1], terms["trial"].get("deliveries") or 1)
            trial_plans[plan_id] = (product_id, longest)
    if not trial_plans:
        return []
    ceiling = max(length for _, length in trial_plans.values()) + 1
    groups = (Subscription.objects.filter(installation=installation, channel_slug=channel, started_on__gte=since,
                                          started_on__lte=until, plan_id__in=trial_plans)
              .annotate(made=Least("deliveries", Value(ceiling), output_field=IntegerField()),
                        running=Case(When(status__in=ENDED, then=Value(0)), default=Value(1), output_field=IntegerField()))
              .values("plan_id", "made", "running").annotate(count=Count("id")).order_by())
    products: dict[str, dict] = {}
    for group in groups:
        product_id, length = trial_plans[group["plan_id"]]
        row = products.setdefault(product_id, {"product_id": product_id, "started": 0, "converted": 0, "in_trial": 0,
                                               "lost": 0})
        row["started"] += group["count"]
        outcome = "converted" if group["made"] > length else "in_trial" if group["running"] else "lost"
        row[outcome] += group["count"]
    for row in products.values():
        row["conversion_rate"] = _rate(row["converted"], row["started"])
    return sorted(products.values(), key=lambda row: row["product_id"])


def funnels(installation, channel: str, since: datetime.date, until: datetime.date) -> tuple[list[dict], list[dict]]:
    """(per funnel, per funnel step): buyers enrolled by a purchase in the range, sends, clicks and conversions."""
    figures = figures_by_funnel(installation, enrolled={"channel_slug": channel, "purchased_on__gte": since,
                                                        "purchased_on__lte": until})
    by_funnel, by_step = [], []
    for funnel in Funnel.objects.filter(pk__in=figures).select_related("target_plan__product").order_by("id"):
        figure = figures[funnel.pk]
        by_funnel.append({"funnel_id": funnel.pk, "name": funnel.name, "product_id": funnel.target_plan.product.product_id,
                          **{name: figure[name] for name in ("enrolled", "converted", "unsubscribed", "conversion_rate")}})
        by_step.extend({"funnel_id": funnel.pk, **step} for step in figure["steps"])
    return by_funnel, by_step


def retention_saves(installation, channel: str, since: datetime.date, until: datetime.date, language: str) -> dict:
    """Cancellation attempts in the range: offers shown, saved, the save rate, and the figures per reason."""
    reasons = retention.figures(installation, since=since, until=until, language=language, channel=channel)
    shown = sum(sum(reason["offers_shown"].values()) for reason in reasons)
    saved = sum(reason["saved"] for reason in reasons)
    return {"attempts": sum(reason["attempts"] for reason in reasons), "offers_shown": shown, "saved": saved,
            "cancelled": sum(reason["cancelled"] for reason in reasons), "save_rate": _rate(saved, shown),
            "reasons": reasons}
