"""Renewal payments over a date range: success at the first attempt, and dunning (failed renewals later paid), per decline reason.

A renewal's `attempts` counts its declines; its `decline_code` keeps the last one, also once it is paid.
One grouped query per call: the database counts and sums, Python only arranges the groups.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ..core.money import quantize
from ..subscriptions.models import Renewal

State = Renewal.State
# paid as `Renewal.payment_status` says "paid": charged, or a pending payment (cash, transfer, konbini) confirmed
PAID = (Q(state__in=(State.CHARGED, State.ORDER_CREATED, State.DONE))
        & ~(~Q(payment_kind="") & Q(paid_at__isnull=True))
        & ~Q(state=State.ORDER_CREATED, payment_intent_id=""))
# declined at least once; an expired konbini payment fails the renewal without counting an attempt
DECLINED = Q(attempts__gte=1) | Q(state__in=(State.FAILED, State.RETRY_SCHEDULED))

EXPLAINED = {
    "first_attempt_success_rate": {
        "en": "Renewals paid without a single decline, of the renewals charged or declined in the range (by due date); skipped and not yet due ones do not count.",
        "ja": "期間内（予定日基準）に決済または拒否された更新のうち、一度も拒否されずに支払われた割合。スキップ・未到来の更新は含みません。",
        "zh-hans": "期间内（按预定日）已扣款或被拒的续订中，一次也未被拒就已支付的比例；跳过和未到期的续订不计。",
        "zh-hant": "期間內（依預定日）已扣款或被拒的續訂中，一次也未被拒就已支付的比例；跳過和未到期的續訂不計。",
    },
    "recovery_rate": {
        "en": "Declined renewals that were paid later (a retry, a new card), of all declined renewals; those still retrying count as not recovered yet.",
        "ja": "決済を拒否された更新のうち、後で（再試行・カード変更で）支払われた割合。再試行中のものは未回収として数えます。",
        "zh-hans": "被拒的续订中，之后（重试、换卡）付款成功的比例；仍在重试的算作尚未挽回。",
        "zh-hant": "被拒的續訂中，之後（重試、換卡）付款成功的比例；仍在重試的算作尚未挽回。",
    },
    "recovered_amount": {
        "en": "The amounts of the declined renewals that were paid later, per currency; never added across currencies.",
        "ja": "拒否後に支払われた更新の金額の合計（通貨ごと。異なる通貨は合算しません）。",
        "zh-hans": "被拒后又付款的续订金额合计，按币种分列，不同币种不相加。",
        "zh-hant": "被拒後又付款的續訂金額合計，依幣別分列，不同幣別不相加。",
    },
    "decline_reason": {
        "en": "Grouped by the card issuer's last decline code (e.g. insufficient_funds); an expired konbini payment is konbini_expired.",
        "ja": "カード会社が返した最後の拒否コード（例: insufficient_funds）ごと。コンビニ払いの期限切れは konbini_expired。",
        "zh-hans": "按发卡机构最后返回的拒绝代码分组（如 insufficient_funds）；便利店付款过期为 konbini_expired。",
        "zh-hant": "依發卡機構最後回傳的拒絕代碼分組（如 insufficient_funds）；超商付款逾期為 konbini_expired。",
    },
}


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def recovery(installation, channel: str, since: datetime.date, until: datetime.date) -> list[dict]:
    """Per currency: renewals due from `since` to `until` (inclusive) paid at the first attempt, declined, recovered
    (and the amount), lost (failed for good), still retrying, and the same per last decline code."""
    groups = (Renewal.objects.filter(subscription__installation=installation, subscription__channel_slug=channel,
                                     scheduled_for__gte=since, scheduled_for__lte=until)
              .filter(PAID | DECLINED)
              .values("subscription__currency", "decline_code")
              .annotate(attempted=Count("id"), first_attempt=Count("id", filter=PAID & Q(attempts=0)),
                        declined=Count("id", filter=DECLINED), recovered=Count("id", filter=DECLINED & PAID),
                        recovered_amount=Sum("amount", filter=DECLINED & PAID),
                        lost=Count("id", filter=Q(state=State.FAILED)),
                        retrying=Count("id", filter=Q(state=State.RETRY_SCHEDULED)))
              .order_by("subscription__currency", "decline_code"))
    currencies: dict[str, dict] = {}
    for group in groups:
        currency = group["subscription__currency"]  # a renewal's own may be blank on old rows
        total = currencies.setdefault(currency, {"currency": currency, "attempted": 0, "first_attempt_succeeded": 0,
                                                 "declined": 0, "recovered": 0, "recovered_amount": Decimal(0),
                                                 "lost": 0, "retrying": 0, "by_decline_reason": []})
        amount = group["recovered_amount"] or Decimal(0)
        total["attempted"] += group["attempted"]
        total["first_attempt_succeeded"] += group["first_attempt"]
        for name in ("declined", "recovered", "lost", "retrying"):
            total[name] += group[name]
        total["recovered_amount"] += amount
        if group["declined"]:
            total["by_decline_reason"].append({
                "reason": group["decline_code"], "declined": group["declined"], "recovered": group["recovered"],
                "recovery_rate": _rate(group["recovered"], group["declined"]),
                "recovered_amount": quantize(amount, currency), "lost": group["lost"], "retrying": group["retrying"]})
    for total in currencies.values():
        total["first_attempt_success_rate"] = _rate(total["first_attempt_succeeded"], total["attempted"])
        total["recovery_rate"] = _rate(total["recovered"], total["declined"])
        total["recovered_amount"] = quantize(total["recovered_amount"], total["currency"])
        total["by_decline_reason"].sort(key=lambda row: (-row["declined"], row["reason"]))
    return list(currencies.values())
