"""Renewal engine benchmark (not a test): prints numbers.

    .venv/bin/python bench/renewals.py [--subscriptions 300] [--due 200] [--workers 2] [--big 1000000] [--parts 1,2]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/saleor_subscriptions_bench;
the database is created and emptied). Part 1 times the claim query over 10,000 and over `--big`
subscriptions with 10,000 due in both, and the operators' list. Part 2 renews `--due` of `--subscriptions` subscriptions
through the Saleor stand-in (tests/saleor_standin) and localstripe, with `--workers` threads.
Part 3 (`--parts 3`) builds `--big` card subscriptions, marks 1,000 / 10,000 / 100,000 of them due and
renews `--sample` of each through the stand-in (the cost per renewal at that queue depth), then the
month-start spike: 100,000 due on one day, spread over the renewal window, renewed tenth by tenth.
"""

import argparse
import contextlib
import cProfile
import gc
import os
import statistics
import sys
import threading
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from bench_setup import fresh_database, localstripe  # noqa: E402 (bench/ is the script's own directory)

BENCH_DB = fresh_database("saleor_subscriptions_bench")
from django.db import connection, connections  # noqa: E402

from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer  # noqa: E402
from saleor_subscriptions.payments.stripe_api import PooledHTTP  # noqa: E402
from saleor_subscriptions.plans.actions import create_plan  # noqa: E402
from saleor_subscriptions.renewals import engine, lease, runs  # noqa: E402
from saleor_subscriptions.saleor.client import SaleorClient  # noqa: E402
from saleor_subscriptions.subscriptions.models import Subscription, SubscriptionLine  # noqa: E402
from saleor_subscriptions.subscriptions.search import cursor, find  # noqa: E402
from tests.saleor_standin.standin import SaleorStandin, StandinApp, gid  # noqa: E402
from tests.saleor_standin.transport import serve  # noqa: E402

TODAY = __import__("datetime").date(2027, 2, 28)
ADDRESS = {"firstName": "花子", "lastName": "山田", "streetAddress1": "丸の内1-1", "city": "千代田区", "postalCode": "100-0005",
           "country": {"code": "JP"}, "countryArea": "東京都", "phone": "+81312345678"}
TERMS = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}}, "texts": {"ja": {"name": "定期便"}}}


def fill(installation, plan, total: int, due: int) -> None:
    """`total` subscriptions, `due` of them due today, inserted by PostgreSQL itself."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE saleor_subscriptions_subscription CASCADE")
        cursor.execute(
            """
            INSERT INTO saleor_subscriptions_subscription
              (installation_id, plan_id, status, origin, origin_order_id, customer_id, email, channel_id, channel_slug,
               currency, language, payment_kind, shipping_method_id, started_on, deliveries, skipped,
               schedule_anchor_slot, next_renewal_on, cancel_at_period_end, lease_owner, created_at, updated_at)
            SELECT %s, %s, CASE WHEN n %% 7 = 0 THEN 'cancelled' ELSE 'active' END, 'storefront', 'order-' || n,
                   'VXNlcjox', 'a@example.jp', 'Q2hhbm5lbDox', 'jp', 'JPY', 'ja', 'card', '', DATE '2027-01-28', 1, 0, 1,
                   CASE WHEN n <= %s THEN DATE '2027-02-28' ELSE DATE '2027-03-01' + (n %% 300) END, false, '', now(), now()
            FROM generate_series(1, %s) AS n
            """,
            [installation.pk, plan.pk, due, total],
        )
        # two name words (1,000 family and 997 given names) and a phone number each, as search_terms.py keeps them
        cursor.execute(
            """
            INSERT INTO saleor_subscriptions_subscriptionsearchterm (subscription_id, installation_id, term)
            SELECT id, installation_id, term FROM saleor_subscriptions_subscription,
              LATERAL (VALUES ('n:sei' || (id % 1000)), ('n:mei' || (id % 997)), ('p:' || lpad(id::text, 9, '0'))) AS t(term)
            """
        )
        cursor.execute("ANALYZE saleor_subscriptions_subscription")
        cursor.execute("ANALYZE saleor_subscriptions_subscriptionsearchterm")


def part1(installation, plan, big: int) -> None:
    print(f"claim query (the statement a worker runs, 10,000 due), EXPLAIN ANALYZE, median of 20, "
          f"PostgreSQL {connection.pg_version // 10000}")
    for total in (10_000, big):
        fill(installation, plan, total, 10_000)
        claim, plan_text = claim_ms(installation)
        print(f"  {total:>9,} subscriptions: {claim:7.2f} ms")
    print("  plan: " + plan_text)
    desk(installation, big)


def desk(installation, total: int) -> None:
    """The operators' list (50 a page) over `total` subscriptions: first page, a deep page, searches, attention."""
    first, _ = find(installation)
    deep = Subscription.objects.filter(installation=installation).order_by("-pk").values_list("pk", flat=True)[total // 2]
    cases = {"first page": {}, "a page halfway down": {"after": cursor(Subscription(pk=deep))},
             "search by e-mail": {"search": "A@Example.jp", "first": 1}, "search by name": {"search": "Sei123 mei45"},
             "search by name prefix": {"search": "sei12"}, "search by phone": {"search": "000-123-456"},
             "needs attention": {"attention": True}}
    print(f"operators' list over {total:,} subscriptions, median of 20")
    for name, arguments in cases.items():
        times = []
        for _ in range(20):
            started = time.perf_counter()
            find(installation, **arguments)
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {name + ':':24} {statistics.median(times):7.2f} ms")


def card_for(installation, customer_id: str) -> PaymentMethod:
    """A real localstripe customer with a saved Visa, as a subscriber has."""
    from saleor_subscriptions.payments.stripe_api import stripe_client

    client = stripe_client(installation)
    customer = client.v1.customers.create(params={"email": "bench@example.jp"})
    method = client.v1.payment_methods.create(params={"type": "card", "card": {
        "number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}})
    client.v1.payment_methods.attach(method.id, params={"customer": customer.id})
    stripe_customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=customer_id,
                                                    stripe_customer_id=customer.id)
    return PaymentMethod.objects.create(customer=stripe_customer, stripe_payment_method_id=method.id, brand="visa", last4="4242")


def subscribers(installation, plan, *, total: int, due: int, channel: dict, variant_id: str, customer: dict,
                address: dict | None = None, shipping_method_id: str = "U2hpcHBpbmdNZXRob2Q6MQ==") -> None:
    """`total` card subscriptions of one variant in `channel` ({id, slug, currency}), `due` of them due today."""
    card = card_for(installation, customer["id"])
    rows = Subscription.objects.bulk_create(
        Subscription(installation=installation, plan=plan, status="active", origin_order_id=f"o{n}",
                     customer_id=customer["id"], email=customer["email"], channel_id=channel["id"],
                     channel_slug=channel["slug"], currency=channel["currency"], language="ja", payment_kind="card",
                     payment_method=card, shipping_address=address, billing_address=address,
                     shipping_method_id=shipping_method_id, started_on=TODAY.replace(month=1),
                     next_renewal_on=TODAY if n < due else TODAY.replace(month=3))
        for n in range(total))
    SubscriptionLine.objects.bulk_create(
        SubscriptionLine(subscription=row, variant_id=variant_id, quantity=1, plan_version=plan.current_version)
        for row in rows)
    memberships(installation, plan)


def memberships(installation, plan) -> None:
    """The membership row every renewing subscription has (a save keeps it; rows inserted in bulk get theirs here)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO saleor_subscriptions_membership
              (subscription_id, installation_id, customer_id, plan_code, product_id, until)
            SELECT id, installation_id, customer_id, %s, %s, NULL FROM saleor_subscriptions_subscription
            WHERE installation_id = %s AND status IN ('trialing', 'active', 'past_due')
            """, [plan.code, plan.product.product_id, installation.pk])


@contextlib.contextmanager
def calls_timed(sent: list | None = None):
    """Every Saleor operation and Stripe call made meanwhile, timed ({name: [seconds of each call]}); `sent` keeps
    the order mutations (and their transactions) for replaying."""
    timings, execute, stripe_request = defaultdict(list), SaleorClient.execute, PooledHTTP.request

    def timed(name, call, *args, **kwargs):
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            timings[name].append(time.perf_counter() - started)

    def recording(self, name, variables=None, **kwargs):
        if sent is not None and name in ("DraftOrderCreate", "OrderBulkCreate", "TransactionCreate"):
            sent.append((name, variables))
        return timed(name, execute, self, name, variables, **kwargs)

    SaleorClient.execute = recording
    PooledHTTP.request = lambda self, *args, **kwargs: timed("Stripe", stripe_request, self, *args, **kwargs)
    try:
        yield timings
    finally:
        SaleorClient.execute, PooledHTTP.request = execute, stripe_request


def wall_of(targets) -> float:
    """Run each of `targets` in a thread of its own, all at once; the seconds until the last one ended."""
    threads = [threading.Thread(target=target, name=f"renewing-{n}") for n, target in enumerate(targets)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


@contextlib.contextmanager
def collector_timed():
    """The CPU the cyclic garbage collector spends in the renewing threads (`wall_of`'s) meanwhile (seconds, in a list).

    What was built before (Django, the migrations, the stand-in's shop and earlier runs' orders: the bench's, not
    a renewal's) is first collected and frozen, so the collections the renewals cause do not walk it again."""
    spent, started = [0.0], {}

    def timing(phase, info):
        if threading.current_thread().name.startswith("renewing-"):
            if phase == "start":
                started[threading.get_ident()] = time.thread_time()
            elif threading.get_ident() in started:
                spent[0] += time.thread_time() - started.pop(threading.get_ident())

    gc.collect()
    gc.freeze()
    gc.callbacks.append(timing)
    try:
        yield spent
    finally:
        gc.callbacks.remove(timing)
        gc.unfreeze()


def measure(installation, workers: int, profile: str = "") -> dict:
    """Renew everything due with `workers` threads; what they sent to Saleor is kept for replaying, and each Saleor
    operation and Stripe call is timed. With `profile`, each worker's cProfile statistics go to `profile`-N.prof."""
    counts, cpu, sent = [], [], []

    def worker():
        statements = []
        profiler = cProfile.Profile(time.thread_time) if profile else contextlib.nullcontext()
        started = time.thread_time()
        with connection.execute_wrapper(lambda execute, *args: statements.append(1) or execute(*args)), profiler:
            counts.append((runs.run_due(installation, TODAY), len(statements)))
        cpu.append(time.thread_time() - started)
        if profile:
            profiler.dump_stats(f"{profile}-{threading.get_ident()}.prof")
        connections.close_all()

    with calls_timed(sent) as timings, collector_timed() as collecting:
        wall = wall_of([worker] * workers)
    renewed = max(sum(count for count, _ in counts), 1)
    return {"renewed": renewed, "per_second": renewed / wall, "wall": wall, "sent": sent, "timings": timings,
            "queries": sum(q for _, q in counts) / renewed, "cpu_ms": sum(cpu) / renewed * 1000,
            "gc_ms": collecting[0] / renewed * 1000}


def report(title: str, figures: dict) -> None:
    print(title)
    print(f"  renewals per second: {figures['per_second']:7.1f}  ({figures['renewed']} in {figures['wall']:.1f} s)")
    print(f"  database queries per renewal: {figures['queries']:5.1f}")
    print(f"  app CPU per renewal (worker threads): {figures['cpu_ms']:6.1f} ms")
    if "gc_ms" in figures:
        print(f"    of which the cyclic garbage collector: {figures['gc_ms']:6.2f} ms")


def report_calls(timings: dict, renewed: int, wall: float, workers: int) -> None:
    """Per Saleor operation (and Stripe): calls per renewal, mean time, and its share of the workers' time."""
    for name, seconds in sorted(timings.items(), key=lambda item: -sum(item[1])):
        print(f"    {name:<24} {len(seconds) / renewed:5.2f} per renewal, {statistics.mean(seconds) * 1000:7.1f} ms each, "
              f"{sum(seconds) / (wall * workers):4.0%} of the workers' time")


def with_localstripe(run):
    from django.conf import settings

    stripe_process, stripe_url = localstripe()
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_bench", stripe_url
    try:
        return run()
    finally:
        stripe_process.terminate()


def mails_inline(enabled: bool) -> None:
    """Mails rendered and sent in the renewing worker (as in `make run`), or left to other workers."""
    from django.db.models.signals import post_save

    from saleor_subscriptions.core.models import Event
    from saleor_subscriptions.mail.notifications import _on_event

    if enabled:
        post_save.connect(_on_event, sender=Event, dispatch_uid="mail-notifications")
    else:
        post_save.disconnect(_on_event, sender=Event, dispatch_uid="mail-notifications")


def shop(standin) -> tuple[StandinApp, dict, dict]:
    """The bench's shop in the stand-in: the app, channel `jp` (JPY, ¥500 shipping) and one tea at ¥6,800."""
    app = StandinApp(gid("App", 1), "Subscriptions", "saleor-subscriptions", "bench-token",
                     ["MANAGE_ORDERS", "MANAGE_ORDERS_IMPORT", "MANAGE_SHIPPING", "HANDLE_PAYMENTS"])
    standin.apps[app.token] = app
    channel = standin.add_channel("jp", "JPY", shipping=Decimal("500"))
    return app, channel, standin.add_product("Tea", variants=[("100 g", {"jp": Decimal("6800")})])


def part2(subscriptions: int, due: int, workers: int, profile: str = "") -> None:
    """Through the stand-in: draft orders with and without inline mails, then bulk orders (each run's workers
    profiled into `profile`-PATH-N.prof when asked)."""
    with serve(SaleorStandin) as standin:
        app, channel, product = shop(standin)
        standin.tax_rates.update({("JP", gid("TaxClass", 1)): Decimal(10)})
        for path, mails in (("draft", True), ("draft", False), ("bulk", False)):
            mails_inline(mails)
            Installation.objects.filter(saleor_api_url=standin.api_url).update(saleor_api_url=f"{standin.api_url}#{path}{mails}")
            installation = Installation.objects.create(saleor_api_url=standin.api_url, app_id=app.id, jwks=standin.jwks,
                                                       renewal_orders=path, permissions=app.permissions)
            installation.app_token = app.token
            installation.save()
            plan = create_plan(installation, product_id=product["id"], code="bench", terms=TERMS)
            subscribers(installation, plan, total=subscriptions, due=due, variant_id=product["variants"][0]["id"],
                        channel={"id": channel["id"], "slug": "jp", "currency": "JPY"},
                        customer={"id": "VXNlcjox", "email": "bench@example.jp"}, address=ADDRESS)
            report(f"renewals through the stand-in and localstripe: {path} orders, {workers} workers, {due} due of "
                   f"{subscriptions}, {'each mail sent inline' if mails else 'mails left to other workers'}",
                   measure(installation, workers, profile and f"{profile}-{path}{'-mails' if mails else ''}"))


def backend_cpu(pid: int) -> float:
    """Seconds of CPU a PostgreSQL backend has used (/proc/<pid>/stat: utime + stime)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def renew_sample(installation, workers: int, sample: int, today=TODAY) -> dict:
    """`sample` renewals by `workers` threads: app CPU, statements (through cursors: no BEGIN or COMMIT), PostgreSQL
    backend CPU and the time inside the stand-in's and localstripe's answers per renewal."""
    counts = []

    def worker():
        statements = []
        connection.ensure_connection()
        pid = connection.connection.info.backend_pid
        started, backend = time.thread_time(), backend_cpu(pid)
        with connection.execute_wrapper(lambda execute, *args: statements.append(1) or execute(*args)):
            renewed = runs.run_due(installation, today, limit=sample // workers)
        counts.append((renewed, len(statements), time.thread_time() - started, backend_cpu(pid) - backend))
        connections.close_all()

    with calls_timed() as timings:
        wall = wall_of([worker] * workers)
    renewed = max(sum(count[0] for count in counts), 1)
    stripe_seconds = sum(timings.pop("Stripe", ()))
    return {"renewed": renewed, "per_second": renewed / wall, "queries": sum(count[1] for count in counts) / renewed,
            "cpu_ms": sum(count[2] for count in counts) / renewed * 1000,
            "pg_ms": sum(count[3] for count in counts) / renewed * 1000,
            "saleor_ms": sum(map(sum, timings.values())) / renewed * 1000, "stripe_ms": stripe_seconds / renewed * 1000}


def claim_ms(installation, repeats: int = 20) -> tuple[float, str]:
    """The statement a worker runs to claim (captured from `lease.claim`, rolled back), EXPLAIN ANALYZEd."""
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    class Undo(Exception):
        pass

    with CaptureQueriesContext(connection) as captured:
        try:
            with transaction.atomic():
                lease.claim(engine.claimable(installation, TODAY, 1.0), "bench")
                raise Undo
        except Undo:
            pass
    sql = next(query["sql"] for query in captured.captured_queries if "FOR UPDATE" in query["sql"])
    times, plan = [], []
    for _ in range(repeats):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
                raise Undo
        except Undo:
            pass
        times.append(float(plan[-1].split(":")[1].split()[0]))
    return statistics.median(times), "\n      ".join(plan)


def big_fill(installation, plan, *, total: int, cards: list[PaymentMethod], channel: dict, variant_id: str) -> None:
    """`total` card subscriptions of as many Saleor customers, with a line each, none due (deliveries over the next
    4 weeks), by PostgreSQL itself; they share `cards` (localstripe customers) round robin."""
    import json

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO saleor_subscriptions_subscription
              (installation_id, plan_id, status, origin, origin_order_id, customer_id, email, channel_id, channel_slug,
               currency, language, payment_kind, payment_method_id, shipping_address, billing_address, shipping_method_id,
               started_on, deliveries, skipped, schedule_anchor_slot, next_renewal_on, cancel_at_period_end, lease_owner,
               created_at, updated_at)
            SELECT %s, %s, CASE WHEN n %% 7 = 0 THEN 'cancelled' ELSE 'active' END, 'storefront', 'big-' || n,
                   encode(convert_to('User:' || n, 'UTF8'), 'base64'), 'bench@example.jp', %s, %s, %s, 'ja', 'card',
                   (%s::bigint[])[1 + n %% %s], %s::jsonb, %s::jsonb,
                   'U2hpcHBpbmdNZXRob2Q6MQ==', DATE '2027-01-28', 1, 0, 1, DATE '2027-03-01' + (n %% 28), false, '',
                   now(), now()
            FROM generate_series(1, %s) AS n
            """,
            [installation.pk, plan.pk, channel["id"], channel["slug"], channel["currency"], [card.pk for card in cards],
             len(cards), json.dumps(ADDRESS), json.dumps(ADDRESS), total])
        cursor.execute(
            """
            INSERT INTO saleor_subscriptions_subscriptionline (subscription_id, variant_id, quantity, plan_version_id)
            SELECT id, %s, 1, %s FROM saleor_subscriptions_subscription WHERE installation_id = %s
            """, [variant_id, plan.current_version.pk, installation.pk])
    memberships(installation, plan)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE saleor_subscriptions_subscription")
        cursor.execute("ANALYZE saleor_subscriptions_subscriptionline")


def mark_due(installation, ranks: range) -> None:
    """Those of a fixed shuffle of the active subscriptions ranked in `ranks` are due today; every other still due one is
    moved to the next month (a sample renews only part of a queue)."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE saleor_subscriptions_subscription SET next_renewal_on = DATE '2027-03-27' "
                       "WHERE installation_id = %s AND next_renewal_on <= %s", [installation.pk, TODAY])
        cursor.execute(
            """
            UPDATE saleor_subscriptions_subscription SET next_renewal_on = %s WHERE id IN (
              SELECT id FROM saleor_subscriptions_subscription WHERE installation_id = %s AND status = 'active'
              ORDER BY md5(id::text) OFFSET %s LIMIT %s)
            """, [TODAY, installation.pk, ranks.start, len(ranks)])
        cursor.execute("ANALYZE saleor_subscriptions_subscription")


CARDS = 500  # localstripe customers in part 3


def rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def part3(total: int, workers: int, sample: int) -> None:
    """Cost per renewal at 1,000 / 10,000 / 100,000 due of `total`, then the month-start spike, tenth by tenth."""
    with serve(SaleorStandin) as standin:
        app, channel, product = shop(standin)
        product["variants"][0]["stock"] = 10**9
        mails_inline(False)
        installation = Installation.objects.create(saleor_api_url=standin.api_url, app_id=app.id, jwks=standin.jwks,
                                                   permissions=app.permissions)
        installation.app_token = app.token
        installation.save()
        plan = create_plan(installation, product_id=product["id"], code="bench", terms=TERMS)
        started = time.perf_counter()
        cards = [card_for(installation, f"VXNlcjo{n}") for n in range(CARDS)]
        big_fill(installation, plan, total=total, cards=cards,
                 channel={"id": channel["id"], "slug": "jp", "currency": "JPY"}, variant_id=product["variants"][0]["id"])
        print(f"{total:,} subscriptions built in {time.perf_counter() - started:.0f} s (generate_series); "
              f"draft orders, {workers} workers, mails left to other workers; PostgreSQL backend CPU from "
              f"/proc/<pid>/stat of the workers' connections")
        print(f"{CARDS} localstripe customers with a card each share them (a customer's intents are listed at a charge)")
        print(f"each queue renews a sample of {sample:,} (the cost per renewal at that queue depth), not the whole queue")
        offset = 0
        for due in (1_000, 10_000, 100_000):
            mark_due(installation, range(offset, offset + due))
            offset += due
            claim, plan_text = claim_ms(installation)
            figures = renew_sample(installation, workers, min(sample, due))
            print(f"  {due:>7,} due: claim query {claim:6.2f} ms (EXPLAIN ANALYZE, median of 20); per renewal: "
                  f"app CPU {figures['cpu_ms']:5.1f} ms, {figures['queries']:4.1f} SQL statements, PostgreSQL CPU "
                  f"{figures['pg_ms']:5.1f} ms; {figures['per_second']:5.1f} renewals/s ({figures['renewed']}), inside "
                  f"the stand-in's answers {figures['saleor_ms']:5.1f} ms and localstripe's {figures['stripe_ms']:5.1f} ms")
            if due == 100_000:
                print("      " + plan_text)
        spike(installation, workers, sample, offset)


def spike(installation, workers: int, sample: int, offset: int) -> None:
    """100,000 due on one day, each due at its place in the renewal window: at each tenth of the window `sample // 10`
    renewals are measured and the rest of what fell due meanwhile is moved on by SQL (other workers' share)."""
    mark_due(installation, range(offset, offset + 100_000))
    print(f"month-start spike: 100,000 due today over the renewal window; {sample // 10} renewals measured per tenth, "
          "the rest of each tenth moved on by SQL")
    for tenth in range(1, 11):
        runs.window_progress = lambda _installation, progress=tenth / 10: (TODAY, progress)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM saleor_subscriptions_subscription WHERE installation_id = %s AND "
                           "status = 'active' AND next_renewal_on = %s AND id %% 1000 < %s",
                           [installation.pk, TODAY, tenth * 100])
            queue = cursor.fetchone()[0]
        figures = renew_sample(installation, workers, sample // 10, today=None)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE saleor_subscriptions_subscription SET next_renewal_on = DATE '2027-03-28' "
                           "WHERE installation_id = %s AND next_renewal_on = %s AND id %% 1000 < %s",
                           [installation.pk, TODAY, tenth * 100])
        print(f"  tenth {tenth:>2}: {queue:>6,} fell due, {figures['per_second']:5.1f} renewals/s, app CPU "
              f"{figures['cpu_ms']:5.1f} ms, {figures['queries']:4.1f} SQL, PostgreSQL CPU {figures['pg_ms']:5.1f} ms "
              f"per renewal; stand-in {figures['saleor_ms']:5.1f} ms, localstripe {figures['stripe_ms']:5.1f} ms; "
              f"RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscriptions", type=int, default=300)
    parser.add_argument("--due", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--parts", default="1,2", help="which parts to run, e.g. 1 or 3")
    parser.add_argument("--sample", type=int, default=2000, help="part 3: renewals measured at each queue depth")
    parser.add_argument("--live-orders", type=int, default=100, help="orders per order path against a live Saleor")
    parser.add_argument("--profile", default="", help="part 2: cProfile the workers into PROFILE-PATH-N.prof files")
    options = parser.parse_args()
    installation = Installation.objects.create(saleor_api_url="http://bench.invalid/graphql/", app_id="QXBwOjA=")
    plan = create_plan(installation, product_id="UHJvZHVjdDox", code="due-query", terms=TERMS)
    parts = set(options.parts.split(","))
    if "1" in parts:
        part1(installation, plan, options.big)
    if "2" in parts:
        with_localstripe(lambda: part2(options.subscriptions, options.due, options.workers, options.profile))
    if "3" in parts:
        with_localstripe(lambda: part3(options.big, options.workers, options.sample))
    if os.environ.get("SALEOR_API_URL"):
        sys.modules["renewals"] = sys.modules[__name__]  # live_saleor imports this script's helpers, not a second copy
        from live_saleor import part3 as live_part

        with_localstripe(lambda: live_part(options.live_orders, options.workers))
