"""Renewal engine benchmark (not a test): prints numbers.

    .venv/bin/python bench/renewals.py [--subscriptions 300] [--due 200] [--workers 2] [--big 1000000] [--parts 1,2]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/saleor_subscriptions_bench;
the database is created and emptied). Part 1 times the due query over 10,000 and over `--big`
subscriptions with 10,000 due in both. Part 2 renews `--due` of `--subscriptions` subscriptions
through the Saleor stand-in (tests/saleor_standin) and localstripe, with `--workers` threads.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BENCH_DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saleor_subscriptions_bench")
os.environ.update(DATABASE_URL=BENCH_DB, DJANGO_SETTINGS_MODULE="tests.settings", LOG_LEVEL="WARNING")

import psycopg  # noqa: E402

with psycopg.connect(BENCH_DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
    name = BENCH_DB.rsplit("/", 1)[1]
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, reset_queries  # noqa: E402

call_command("migrate", verbosity=0)

from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer  # noqa: E402
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


def due_query_ms(installation, repeats=20) -> float:
    """Median time of the query a worker runs to claim the next due subscription."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        list(lease.unleased(engine.claimable(installation, TODAY, 1.0)).values_list("id", flat=True)[:1])
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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
    print(f"due query (claim the next of 10,000 due), median of 20, PostgreSQL {connection.pg_version // 10000}")
    for total in (10_000, big):
        fill(installation, plan, total, 10_000)
        print(f"  {total:>9,} subscriptions: {due_query_ms(installation):7.2f} ms")
    with connection.cursor() as cursor:
        sql, params = engine.due(installation, TODAY).order_by("next_renewal_on", "id").values("id")[:1].query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        print("  plan: " + " / ".join(row[0].strip() for row in cursor.fetchall()[:3]))
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


def localstripe() -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(REPO / "tests" / "localstripe_server.py"), str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}"


def card_for(installation, customer_id: str) -> PaymentMethod:
    """A real localstripe customer with a saved Visa, as a subscriber has."""
    from saleor_subscriptions.payments.stripe_api import stripe_client

    client = stripe_client()
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


def measure(installation, workers: int) -> dict:
    """Renew everything due with `workers` threads; what they sent to Saleor is kept for replaying."""
    counts, cpu, sent = [], [], []
    execute = SaleorClient.execute

    def recording(self, name, variables=None, **kwargs):
        if name in ("DraftOrderCreate", "OrderBulkCreate"):
            sent.append((name, variables))
        return execute(self, name, variables, **kwargs)

    def worker():
        connection.force_debug_cursor = True
        reset_queries()
        started = time.thread_time()
        counts.append((runs.run_due(installation, TODAY), len(connection.queries)))
        cpu.append(time.thread_time() - started)
        connections.close_all()

    SaleorClient.execute = recording
    try:
        threads = [threading.Thread(target=worker) for _ in range(workers)]
        wall = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - wall
    finally:
        SaleorClient.execute = execute
    renewed = max(sum(count for count, _ in counts), 1)
    return {"renewed": renewed, "per_second": renewed / wall, "wall": wall, "sent": sent,
            "queries": sum(q for _, q in counts) / renewed, "cpu_ms": sum(cpu) / renewed * 1000}


def report(title: str, figures: dict) -> None:
    print(title)
    print(f"  renewals per second: {figures['per_second']:7.1f}  ({figures['renewed']} in {figures['wall']:.1f} s)")
    print(f"  database queries per renewal: {figures['queries']:5.1f}")
    print(f"  app CPU per renewal (worker threads): {figures['cpu_ms']:6.1f} ms")


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


def part2(subscriptions: int, due: int, workers: int) -> None:
    """Through the stand-in: draft orders with and without inline mails, then bulk orders."""
    with serve(SaleorStandin) as standin:
        app = StandinApp(gid("App", 1), "Subscriptions", "saleor-subscriptions", "bench-token",
                         ["MANAGE_ORDERS", "MANAGE_ORDERS_IMPORT", "MANAGE_SHIPPING", "HANDLE_PAYMENTS"])
        standin.apps[app.token] = app
        channel = standin.add_channel("jp", "JPY", shipping=Decimal("500"))
        product = standin.add_product("Tea", variants=[("100 g", {"jp": Decimal("6800")})])
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
                   measure(installation, workers))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscriptions", type=int, default=300)
    parser.add_argument("--due", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--parts", default="1,2", help="which parts to run, e.g. 1")
    parser.add_argument("--live-orders", type=int, default=100, help="orders per order path against a live Saleor")
    options = parser.parse_args()
    installation = Installation.objects.create(saleor_api_url="http://bench.invalid/graphql/", app_id="QXBwOjA=")
    plan = create_plan(installation, product_id="UHJvZHVjdDox", code="due-query", terms=TERMS)
    parts = set(options.parts.split(","))
    if "1" in parts:
        part1(installation, plan, options.big)
    if "2" in parts:
        with_localstripe(lambda: part2(options.subscriptions, options.due, options.workers))
    if os.environ.get("SALEOR_API_URL"):
        sys.modules["renewals"] = sys.modules[__name__]  # live_saleor imports this script's helpers, not a second copy
        from live_saleor import part3

        with_localstripe(lambda: part3(options.live_orders, options.workers))
