"""Cohort, conversion and dunning figures benchmark (not a test): prints seconds per query.

    .venv/bin/python bench/figures_cohorts.py [--subscriptions 1000000] [--renewals-each 10] [--repeat 3] [--reuse]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ss_figures_cohorts_bench; the database
is created and emptied). PostgreSQL fills it itself (INSERT … SELECT generate_series): `--subscriptions` subscriptions
over two years in two channels (jp: JPY, us: USD), `--renewals-each` renewals each (10,000,000 by default; some declined,
some of those paid later), 20 funnels with 200,000 buyers and their mails, 50,000 cancellation attempts. Then each
figure of the staff API for the whole two years of the `jp` channel (the largest set), first run and best of `--repeat`.
"""

import argparse
import datetime
import os
import sys
import time

from bench_setup import REPO, fresh_database  # noqa: E402 (bench/ is the script's own directory)

if "--reuse" in sys.argv:  # time the figures again on the rows the last run made
    sys.path.insert(0, str(REPO))
    os.environ.update(DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ss_figures_cohorts_bench"),
                      DJANGO_SETTINGS_MODULE="tests.settings", LOG_LEVEL="WARNING")
    __import__("django").setup()
else:
    fresh_database("ss_figures_cohorts_bench")
from django.db import connection  # noqa: E402

from saleor_subscriptions.figures import cohorts, conversion, dunning  # noqa: E402
from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.plans.actions import validate_terms  # noqa: E402
from saleor_subscriptions.plans.models import Plan, PlanVersion, SubscriptionProduct  # noqa: E402

TRIAL = {"schedule": {"interval_unit": "month"}, "trial": {"kind": "price", "price": {"amounts": {"JPY": "980", "USD": "9.00"}}},
         "regular": {"amounts": {"JPY": "6000", "USD": "60.00"}}, "texts": {"ja": {"name": "定期便"}}}
REGULAR = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "3000", "USD": "30.00"}},
           "texts": {"ja": {"name": "コーヒー"}}}
SINCE, UNTIL = datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)


def run(cursor, sql: str, *params) -> float:
    started = time.perf_counter()
    cursor.execute(sql, params)
    return time.perf_counter() - started


def fill(installation, trial, regular, subscriptions: int, each: int) -> None:
    """Every row made by PostgreSQL; subscription n: channel us when n % 5 = 0, the trial plan when n is even,
    deliveries 1 + (n·7919 mod 12), ended when n % 3 = 0; each has renewals 2 … each + 1."""
    with connection.cursor() as cursor:
        took = run(cursor, """
            INSERT INTO saleor_subscriptions_subscription
              (installation_id, plan_id, status, origin, origin_order_id, customer_id, email, channel_id, channel_slug,
               currency, language, payment_kind, shipping_method_id, started_on, deliveries, skipped,
               schedule_anchor_slot, cancel_at_period_end, lease_owner, created_at, updated_at)
            SELECT %s, CASE WHEN n %% 2 = 0 THEN %s ELSE %s END,
                   CASE WHEN n %% 3 = 0 THEN 'cancelled' WHEN n %% 11 = 0 THEN 'trialing' ELSE 'active' END,
                   'storefront', 'order-' || n, 'VXNlcjox', 'a@example.jp',
                   'Q2hhbm5lbDox', CASE WHEN n %% 5 = 0 THEN 'us' ELSE 'jp' END,
                   CASE WHEN n %% 5 = 0 THEN 'USD' ELSE 'JPY' END, 'ja', 'card', '',
                   DATE '2025-01-01' + (n %% 730), 1 + (n::bigint * 7919 %% 12)::int, 0, 1, false, '', now(), now()
            FROM generate_series(1, %s) AS n""", installation.pk, trial.pk, regular.pk, subscriptions)
        print(f"{subscriptions:,} subscriptions: {took:.1f} s")
        took = run(cursor, """
            INSERT INTO saleor_subscriptions_renewal
              (subscription_id, cycle, state, scheduled_for, attempts, amount, currency, payment_intent_id,
               saleor_order_id, saleor_order_number, decline_code, last_error, payment_kind, created_at, updated_at)
            SELECT s.id, c, state, s.started_on + (c - 1) * 30, attempts,
                   CASE WHEN s.currency = 'JPY' THEN 6000 ELSE 60 END, s.currency,
                   CASE WHEN state = 'done' THEN 'pi_' || s.id || '_' || c ELSE '' END, '', '',
                   CASE WHEN attempts > 0 THEN (ARRAY['insufficient_funds', 'expired_card', 'card_declined',
                                                      'do_not_honor', 'lost_card'])[1 + (s.id + c) %% 5] ELSE '' END,
                   '', '', now(), now()
            FROM saleor_subscriptions_subscription s, generate_series(2, %s + 1) AS c,
                 LATERAL (SELECT CASE WHEN c <= s.deliveries THEN 'done'
                                      WHEN c = s.deliveries + 1 AND s.status = 'cancelled' THEN 'failed'
                                      WHEN c = s.deliveries + 1 AND (s.id + c) %% 4 = 0 THEN 'retry_scheduled'
                                      ELSE 'scheduled' END AS state) AS st,
                 LATERAL (SELECT CASE WHEN st.state IN ('failed', 'retry_scheduled') THEN 1 + (s.id %% 2)
                                      WHEN st.state = 'done' AND (s.id + c) %% 9 = 0 THEN 1 ELSE 0 END AS attempts) AS at
            WHERE s.installation_id = %s""", each, installation.pk)
        print(f"{each * subscriptions:,} renewals: {took:.1f} s")
        took = run(cursor, """
            INSERT INTO saleor_subscriptions_funnel
              (installation_id, name, trigger_product_id, target_plan_id, target_variant_id, voucher_code, is_active, created_at)
            SELECT %s, 'funnel ' || f, 'UHJvZHVjdDo' || f, %s, 'UHJvZHVjdFZhcmlhbnQ6MQ==', '', true, now()
            FROM generate_series(1, 20) AS f;
            INSERT INTO saleor_subscriptions_funnelstep (funnel_id, position, delay_days, texts)
            SELECT f.id, p, p * 3, '{}' FROM saleor_subscriptions_funnel f, generate_series(1, 3) AS p;
            INSERT INTO saleor_subscriptions_enrolment
              (funnel_id, customer_id, email, language, order_id, channel_id, channel_slug, currency, purchased_on,
               status, steps_sent, converted_step, shipping_method_id, created_at, updated_at)
            SELECT (SELECT min(id) FROM saleor_subscriptions_funnel) + e %% 20, 'VXNlcjo' || e, 'b@example.jp', 'ja',
                   'order-f' || e, 'Q2hhbm5lbDox', CASE WHEN e %% 5 = 0 THEN 'us' ELSE 'jp' END, 'JPY',
                   DATE '2025-01-01' + (e %% 730), CASE WHEN e %% 4 = 0 THEN 'converted' ELSE 'finished' END,
                   1 + e %% 3, CASE WHEN e %% 4 = 0 THEN 1 + e %% 3 END, '', now(), now()
            FROM generate_series(1, 200000) AS e;
            INSERT INTO saleor_subscriptions_funnelsend (enrolment_id, position, sent_at, clicked_at)
            SELECT e.id, p, now(), CASE WHEN p = e.steps_sent AND e.status = 'converted' THEN now() END
            FROM saleor_subscriptions_enrolment e, generate_series(1, 3) AS p WHERE p <= e.steps_sent;
            INSERT INTO saleor_subscriptions_cancellationattempt
              (installation_id, subscription_id, reason, text, offer_kind, offer, outcome, at_period_end, actor, actor_id,
               on, created_at)
            SELECT %s, s.id, (ARRAY['too_much', 'too_expensive', 'moving'])[1 + s.id %% 3], '',
                   (ARRAY['skip', '', 'delay'])[1 + s.id %% 3], '{}',
                   CASE WHEN s.id %% 2 = 0 THEN 'saved' ELSE 'cancelled' END, false, 'customer', '',
                   s.started_on + 40, now()
            FROM saleor_subscriptions_subscription s WHERE s.id %% 20 = 0""".replace(" on,", ' "on",'),
                   installation.pk, regular.pk, installation.pk)
        print(f"20 funnels, 200,000 buyers, their mails, 50,000 cancellation attempts: {took:.1f} s")
        run(cursor, "VACUUM ANALYZE")


def plan(installation, product_id: str, code: str, terms: dict) -> Plan:
    """A plan as `plans.actions.create_plan` makes it, without publishing to a Saleor the bench does not have."""
    product = SubscriptionProduct.objects.create(installation=installation, product_id=product_id)
    made = Plan.objects.create(installation=installation, product=product, code=code)
    PlanVersion.objects.create(plan=made, number=1, terms_json=validate_terms(terms).model_dump(mode="json"))
    return made


def timed(name: str, figure, repeat: int) -> None:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        figure()
        times.append(time.perf_counter() - started)
    print(f"{name:<44} first {times[0]:6.2f} s   best of {repeat} {min(times):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscriptions", type=int, default=1_000_000)
    parser.add_argument("--renewals-each", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="skip filling: time the figures on the last run's rows")
    args = parser.parse_args()
    if args.reuse:
        installation = Installation.objects.get()
    else:
        installation = Installation.objects.create(saleor_api_url="https://shop.example.com/graphql/", app_id="QXBwOjE=")
        trial, regular = plan(installation, "UHJvZHVjdDox", "tea", TRIAL), plan(installation, "UHJvZHVjdDoy", "coffee", REGULAR)
        fill(installation, trial, regular, args.subscriptions, args.renewals_each)
    channel, language = "jp", "ja"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"figures of channel {channel} (80 % of the rows), {SINCE} to {UNTIL} (load average {load}):")
    timed("subscriptionCohorts (12 deliveries)", lambda: cohorts.cohorts(installation, channel, SINCE, UNTIL, 12), args.repeat)
    timed("subscriptionConversion: byProduct", lambda: conversion.trials(installation, channel, SINCE, UNTIL), args.repeat)
    timed("subscriptionConversion: byFunnel, byFunnelStep", lambda: conversion.funnels(installation, channel, SINCE, UNTIL),
          args.repeat)
    timed("subscriptionConversion: retentionSaves",
          lambda: conversion.retention_saves(installation, channel, SINCE, UNTIL, language), args.repeat)
    timed("renewalRecovery", lambda: dunning.recovery(installation, channel, SINCE, UNTIL), args.repeat)
    month = (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
    timed("renewalRecovery, one month", lambda: dunning.recovery(installation, channel, *month), args.repeat)
    timed("subscriptionCohorts, one month", lambda: cohorts.cohorts(installation, channel, *month, 12), args.repeat)


if __name__ == "__main__":
    main()
