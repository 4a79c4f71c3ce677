"""Revenue figures benchmark (not a test): prints seconds per figure query at scale.

    .venv/bin/python bench/figures.py [--subscriptions 1000000] [--renewals-each 10] [--changed 10000]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ss_figures_bench; the database is
created and emptied). Builds `--subscriptions` subscriptions in two channels (JPY, USD) with `--renewals-each`
renewals each by `generate_series`, and the figure tables as the first refresh would leave them (in SQL: a Python
backfill of a million subscriptions is the beat's one-off job, timed here per subscription instead), then times
each query the staff API runs, the API's refresh when nothing changed, and a refresh of `--changed` subscriptions.
"""

import argparse
import datetime
import time

from bench_setup import fresh_database  # noqa: E402 (bench/ is the script's own directory)

fresh_database("ss_figures_bench")
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from saleor_subscriptions.api.figures_revenue import figures  # noqa: E402
from saleor_subscriptions.figures import forecast, movements, revenue, snapshots  # noqa: E402
from saleor_subscriptions.figures.models import FigureCursor  # noqa: E402
from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.plans.models import Plan, PlanVersion, SubscriptionProduct  # noqa: E402

TEXTS = {"texts": {"ja": {"name": "定期便"}}}
TERMS = [  # monthly, every two weeks, and monthly after a ¥500 / $5 first delivery
    {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "3000", "USD": "20.00"}}, **TEXTS},
    {"schedule": {"interval_unit": "week", "interval_count": 2}, "regular": {"amounts": {"JPY": "1500", "USD": "10.00"}}, **TEXTS},
    {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "3000", "USD": "20.00"}},
     "trial": {"kind": "price", "price": {"amounts": {"JPY": "500", "USD": "5.00"}}}, **TEXTS},
]
TODAY = datetime.date(2026, 12, 1)


def sql(statement: str, params=()) -> float:
    """Run a statement (`a % b` is SQL's modulo here); its seconds."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement.replace(" % ", " %% ") if params else statement, params or None)
    return time.perf_counter() - started


def build(installation, versions: list[PlanVersion], n: int, each: int) -> None:
    """Subscriptions (i = 1..n), one line each, `each` renewals each, and the figure tables."""
    plans = [version.plan_id for version in versions]
    # status by i % 20: 0–13 active, 14–15 trialing, 16 paused, 17 past due, 18 cancelled, 19 cancelled by dunning
    status = ("CASE WHEN i % 20 < 14 THEN 'active' WHEN i % 20 < 16 THEN 'trialing' WHEN i % 20 = 16 THEN 'paused' "
              "WHEN i % 20 = 17 THEN 'past_due' ELSE 'cancelled' END")
    took = sql(f'''
        INSERT INTO saleor_subscriptions_subscription (id, installation_id, plan_id, status, origin, origin_order_id, customer_id,
            email, channel_id, channel_slug, currency, language, payment_kind, shipping_method_id, started_on, deliveries, skipped,
            schedule_anchor_slot, next_renewal_on, cancel_at_period_end, lease_owner, ended_at, created_at, updated_at)
        SELECT i, %s, (ARRAY[%s, %s, %s])[1 + i % 3], {status}, 'storefront', 'T3JkZXI6' || i, 'VXNlcjo' || (i % (%s * 4 / 5)),
            'c' || i || '@example.com', 'Q2hhbm5lbDox', CASE WHEN i % 5 = 0 THEN 'us' ELSE 'jp' END,
            CASE WHEN i % 5 = 0 THEN 'USD' ELSE 'JPY' END, 'ja', 'card', '', DATE '2024-12-01' + (i % 730), 1 + %s, 0, 1,
            CASE WHEN i % 20 < 18 AND i % 20 <> 16 THEN DATE '2026-12-01' + (i % 30) END, i % 50 = 0, '',
            CASE WHEN i % 20 >= 18 THEN TIMESTAMPTZ '2025-12-01' + (i % 365) * INTERVAL '1 day' END, now(), TIMESTAMPTZ '2026-11-30'
        FROM generate_series(1, %s) AS i''', [installation.pk, *plans, n, each, n])
    print(f"subscriptions: {took:.1f} s")
    took = sql('''
        INSERT INTO saleor_subscriptions_subscriptionline (subscription_id, variant_id, quantity, plan_version_id)
        SELECT i, 'UHJvZHVjdFZhcmlhbnQ6MQ==', 1 + i % 3, (ARRAY[%s, %s, %s])[1 + i % 3] FROM generate_series(1, %s) AS i''',
              [*[version.pk for version in versions], n])
    print(f"lines: {took:.1f} s")
    took = sql('''
        INSERT INTO saleor_subscriptions_renewal (subscription_id, cycle, state, scheduled_for, attempts, amount, currency,
            payment_intent_id, saleor_order_id, saleor_order_number, decline_code, last_error, payment_kind, created_at, updated_at)
        SELECT s.id, c, CASE WHEN s.id % 20 = 19 AND c = %s + 1 THEN 'failed' ELSE 'done' END, s.started_on + 30 * (c - 1), 1,
            3000, s.currency, '', '', '', '', '', '', now(), now()
        FROM saleor_subscriptions_subscription s, generate_series(2, %s + 1) AS c''', [each, each])
    print(f"renewals ({n * each:,}): {took:.1f} s")
    # the figure tables as the first refresh leaves them: values per plan as revenue.value prices them
    mrr = ("(CASE WHEN s.currency = 'JPY' THEN (ARRAY[3000, 3250, 3000])[1 + s.id % 3] "
           "ELSE (ARRAY[20, 21.6667, 20])[1 + s.id % 3] END) * (1 + s.id % 3)")
    state = ("CASE WHEN s.status = 'trialing' THEN 'trial' WHEN s.status IN ('active', 'past_due') THEN 'paying' "
             "WHEN s.status = 'paused' THEN 'paused' ELSE 'ended' END")
    took = sql(f'''
        INSERT INTO saleor_subscriptions_subscriptionfigure (subscription_id, installation_id, channel_slug, currency, customer_id,
            state, mrr, discount, priced, forecast_until)
        SELECT s.id, s.installation_id, s.channel_slug, s.currency, s.customer_id, {state}, {mrr}, 0, true, DATE '2027-03-31'
        FROM saleor_subscriptions_subscription s''') + sql(f'''
        INSERT INTO saleor_subscriptions_figureday (installation_id, channel_slug, currency, "on", kind, reason, subscriptions, active,
            mrr)
        SELECT installation_id, channel_slug, currency, "on", kind, reason, count(*), sum(active), sum(mrr) FROM (
        SELECT s.installation_id, s.channel_slug, s.currency, s.started_on AS "on", 'new' AS kind, '' AS reason, 1 AS active,
            CASE WHEN s.status = 'trialing' THEN 0 ELSE {mrr} END AS mrr FROM saleor_subscriptions_subscription s
        UNION ALL
        SELECT s.installation_id, s.channel_slug, s.currency, s.ended_at::date,
            CASE WHEN s.id % 20 = 19 THEN 'churned_involuntary' ELSE 'churned_voluntary' END,
            CASE WHEN s.id % 20 = 18 THEN (ARRAY['too_expensive', 'too_much', 'moving', 'other'])[1 + s.id % 4] ELSE '' END, -1, -{mrr}
        FROM saleor_subscriptions_subscription s WHERE s.status = 'cancelled'
        UNION ALL
        SELECT s.installation_id, s.channel_slug, s.currency, DATE '2026-01-01' + (s.id % 330)::int, 'paused', '', -1, -{mrr}
        FROM saleor_subscriptions_subscription s WHERE s.status = 'paused'
        UNION ALL
        SELECT s.installation_id, s.channel_slug, s.currency, DATE '2025-06-01' + (s.id % 500)::int,
            CASE WHEN s.id % 2 = 0 THEN 'expansion' ELSE 'contraction' END, '', 0, CASE WHEN s.id % 2 = 0 THEN 1000 ELSE -1000 END
        FROM saleor_subscriptions_subscription s WHERE s.id % 10 = 3) AS movements
        GROUP BY installation_id, channel_slug, currency, "on", kind, reason''') + sql('''
        INSERT INTO saleor_subscriptions_figureforecast (installation_id, subscription_id, channel_slug, "on", amount)
        SELECT s.installation_id, s.id, s.channel_slug, s.next_renewal_on + 30 * k, 3000
        FROM saleor_subscriptions_subscription s, generate_series(0, 3) AS k
        WHERE s.next_renewal_on IS NOT NULL AND NOT s.cancel_at_period_end''')
    print(f"figure rows: {took:.1f} s")
    FigureCursor.objects.create(installation=installation, read_until=timezone.now())
    took = sql("VACUUM ANALYZE")
    print(f"vacuum analyze: {took:.1f} s")


def timed(label: str, work, repeat: int = 3):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(filter(None, (best, time.perf_counter() - started)))
    print(f"{label:<58} {best:7.3f} s")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscriptions", type=int, default=1_000_000)
    parser.add_argument("--renewals-each", type=int, default=10)
    parser.add_argument("--changed", type=int, default=10_000)
    args = parser.parse_args()
    installation = Installation.objects.create(saleor_api_url="https://bench.example.com/graphql/", app_id="QXBwOjE=")
    product = SubscriptionProduct.objects.create(installation=installation, product_id="UHJvZHVjdDox")
    versions = [PlanVersion.objects.create(plan=Plan.objects.create(installation=installation, product=product, code=f"p{i}"),
                                           number=1, terms_json=terms) for i, terms in enumerate(TERMS)]
    build(installation, versions, args.subscriptions, args.renewals_each)
    n = args.subscriptions
    print(f"\n{n:,} subscriptions, {n * args.renewals_each:,} renewals; channel jp (80 %, JPY), us (20 %, USD); best of 3")
    timed("refresh, nothing changed (before every API answer)", lambda: snapshots.refresh(installation))
    timed("active, subscribers, MRR, trial MRR, discounts (jp)", lambda: revenue.current(installation, "jp", "JPY"))
    year = (datetime.date(2025, 12, 1), datetime.date(2026, 11, 30))
    timed("movements per month, 12 months (jp)", lambda: movements.periods(installation, "jp", "JPY", *year, "month"))
    timed("movements per week, 12 months (jp)", lambda: movements.periods(installation, "jp", "JPY", *year, "week"))
    timed("movements per day, 90 days (jp)", lambda: movements.periods(
        installation, "jp", "JPY", datetime.date(2026, 9, 1), datetime.date(2026, 11, 29), "day"))
    timed("churn reasons, 12 months (jp)", lambda: movements.churn_reasons(installation, "jp", *year))
    timed("forecast 30/60/90 days (jp)", lambda: forecast.horizons(installation, "jp", "JPY", TODAY))
    timed("the whole staff answer, per month over 12 months (jp)", lambda: figures(installation, "jp", *year, "month", "ja"))
    timed("the whole staff answer, per month over 12 months (us)", lambda: figures(installation, "us", *year, "month", "ja"))
    changed = max(1, n // args.changed)
    sql("UPDATE saleor_subscriptions_subscription SET updated_at = now() WHERE id % %s = 0", [changed])
    count = n // changed
    timed(f"refresh of {count:,} changed subscriptions (re-priced, re-forecast)", lambda: snapshots.refresh(installation), repeat=1)


if __name__ == "__main__":
    main()
