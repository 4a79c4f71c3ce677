"""The 継続率 table: subscriptions grouped by start month, the share that reached delivery 2, 3, … N, and revenue per subscriber.

Two grouped queries whatever the number of rows: subscriptions by (start day, currency, deliveries made, still
running), and paid renewals by (start day, currency); Python folds the groups into months. The first order is not recorded here, so revenue is the paid renewals'.
"""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.db.models.functions import Least

from ..core.money import quantize
from ..subscriptions.models import Renewal, Subscription
from .dunning import PAID

ENDED = (Subscription.Status.CANCELLED, Subscription.Status.COMPLETED)

EXPLAINED = {
    "started": {
        "en": "Subscriptions whose first delivery fell in the month, whatever became of them; per channel and currency.",
        "ja": "初回お届けがその月の定期（その後の状態を問わず）。チャネル・通貨ごと。",
        "zh-hans": "首次配送在该月的订阅（无论后来状态如何），按渠道和币种。",
        "zh-hant": "首次配送在該月的訂閱（無論後來狀態如何），依通路和幣別。",
    },
    "reached": {
        "en": "Share of the month's subscriptions that received delivery N (skipped ones do not count); not yet: nobody has reached it and some still can.",
        "ja": "その月に始まった定期のうち、N回目のお届けまで届いた割合（スキップは数えません）。「未到来」はまだ誰も届いておらず、これから届き得るもの。",
        "zh-hans": "该月开始的订阅中收到第 N 次配送的比例（跳过不计）；“尚未”表示还没有人到达且仍有人可能到达。",
        "zh-hant": "該月開始的訂閱中收到第 N 次配送的比例（跳過不計）；「尚未」表示還沒有人到達且仍有人可能到達。",
    },
    "revenue_to_date": {
        "en": "Paid renewals of the month's subscriptions so far (declined, pending and refunded-outside-the-app amounts not counted; the first order is not included).",
        "ja": "その月に始まった定期の、これまでに支払われた更新の合計（拒否・入金待ちは含まず、初回注文も含みません）。",
        "zh-hans": "该月开始的订阅至今已支付的续订合计（不含被拒、待付款，也不含首单）。",
        "zh-hant": "該月開始的訂閱至今已支付的續訂合計（不含被拒、待付款，也不含首單）。",
    },
    "ltv": {
        "en": "Revenue to date divided by the subscriptions started in the month.",
        "ja": "これまでの売上を、その月に始まった定期の数で割ったもの（1人あたりLTV）。",
        "zh-hans": "至今收入除以该月开始的订阅数。",
        "zh-hant": "至今收入除以該月開始的訂閱數。",
    },
    "ltv_projected": {
        "en": "LTV plus, for each running subscription, its deliveries still expected up to delivery N at the range's observed continuation rate × the month's average paid renewal.",
        "ja": "LTVに、継続中の定期それぞれがN回目までにまだ受けると見込まれる回数（期間内の実績継続率で逓減）× その月の平均更新額を加えたもの。",
        "zh-hans": "LTV 加上每个仍在进行的订阅到第 N 次为止预计还会有的配送次数（按期间内实际续订率递减）× 该月平均续订金额。",
        "zh-hant": "LTV 加上每個仍在進行的訂閱到第 N 次為止預計還會有的配送次數（依期間內實際續訂率遞減）× 該月平均續訂金額。",
    },
}


def cohorts(installation, channel: str, since: datetime.date, until: datetime.date, deliveries: int) -> list[dict]:
    """Per start month from `since` to `until` (inclusive) and currency: started, reached delivery 2…`deliveries`
    (count, share, pending, not yet), revenue to date, LTV and projected LTV; oldest month first."""
    filters = {"installation": installation, "channel_slug": channel, "started_on__gte": since, "started_on__lte": until}
    # grouped by day, not month: a plain column groups and joins cheaper than a truncated date; days fold into months here
    groups = (Subscription.objects.filter(**filters)
              .annotate(made=Least("deliveries", Value(deliveries), output_field=IntegerField()),
                        running=Case(When(status__in=ENDED, then=Value(0)), default=Value(1), output_field=IntegerField()))
              .values("currency", "started_on", "made", "running").annotate(count=Count("id")).order_by())
    paid = (Renewal.objects.filter(PAID, **{f"subscription__{name}": value for name, value in filters.items()})
            .values("subscription__currency", "subscription__started_on")
            .annotate(revenue=Sum("amount"), renewals=Count("id")).order_by())
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for group in groups:
        counts[(group["started_on"].replace(day=1), group["currency"])][(group["made"], group["running"])] += group["count"]
    revenue: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    for row in paid:
        month = revenue[(row["subscription__started_on"].replace(day=1), row["subscription__currency"])]
        month[0] += row["revenue"] or Decimal(0)
        month[1] += row["renewals"]
    rates = {currency: _continuation((cells for (_, cur), cells in counts.items() if cur == currency), deliveries)
             for currency in {currency for _, currency in counts}}
    rows = [_row(month, currency, cells, revenue.get((month, currency), (Decimal(0), 0)), rates[currency], deliveries)
            for (month, currency), cells in counts.items()]
    return sorted(rows, key=lambda row: (row["month"], row["currency"]))


def _reached(cells: dict, delivery: int) -> int:
    return sum(count for (made, _), count in cells.items() if made >= delivery)


def _pending(cells: dict, delivery: int) -> int:
    return sum(count for (made, running), count in cells.items() if running and made < delivery)


def _continuation(months, deliveries: int) -> Decimal:
    """Of the subscriptions that had a delivery and whose next one (up to `deliveries`) is decided (made, or ended
    before it), the share that had the next: pooled over the range's months and deliveries."""
    kept = decided = 0
    for cells in months:
        for (made, running), count in cells.items():
            # `made` deliveries: it went on `made - 1` times; ended before `deliveries`: it stopped once more
            kept += count * (made - 1)
            decided += count * (made - 1 + (not running and made < deliveries))
    return Decimal(kept) / decided if decided else Decimal(0)


def _row(month, currency, cells, paid, rate: Decimal, deliveries: int) -> dict:
    started = sum(cells.values())
    revenue, renewals = paid
    reached = []
    for delivery in range(2, deliveries + 1):
        count, pending = _reached(cells, delivery), _pending(cells, delivery)
        reached.append({"delivery": delivery, "count": count, "share": count / started, "pending": pending,
                        "not_yet": count == 0 and pending > 0})
    # each running subscription with `made` deliveries may still make deliveries made+1 … N, each less likely by `rate`
    expected = sum(count * sum(rate ** step for step in range(1, deliveries - made + 1))
                   for (made, running), count in cells.items() if running)
    average = revenue / renewals if renewals else Decimal(0)
    return {"month": month, "currency": currency, "started": started, "reached": reached,
            "revenue_to_date": quantize(revenue, currency), "ltv": quantize(revenue / started, currency),
            "ltv_projected": quantize((revenue + average * expected) / started, currency)}
