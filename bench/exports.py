"""CSV export benchmark (not a test): prints rows per second and the peak memory of streaming an export.

    .venv/bin/python bench/exports.py [--rows 200000] [--kind renewals]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ss_exports_bench; the database is
created and emptied). Grows one shop to a tenth, half and all of `--rows` renewals (ten per subscription, JPY and USD; as many mails),
and at each size downloads the export through its signed link as a browser does: rows per second without tracing
(by the wall clock, and by the app's own CPU time, which other load on the machine does not change),
then the peak of Python memory (tracemalloc) while streaming. Constant memory: the peak stays the same whatever
the size of the file.
"""

import argparse
import datetime
import time
import tracemalloc
from decimal import Decimal

from bench_setup import fresh_database  # noqa: E402 (bench/ is the script's own directory)

BENCH_DB = fresh_database("ss_exports_bench")
from django.test import Client  # noqa: E402

from saleor_subscriptions.exports import links  # noqa: E402
from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.mail.models import MailLog  # noqa: E402
from saleor_subscriptions.plans import actions as plan_actions  # noqa: E402
from saleor_subscriptions.subscriptions.models import Renewal, Subscription  # noqa: E402

TERMS = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000", "USD": "60.00"}},
         "texts": {"ja": {"name": "煎茶の定期便"}}}
START = datetime.date(2026, 1, 5)


def shop() -> Installation:
    installation = Installation.objects.create(saleor_api_url="https://shop.example.jp/graphql/", app_id="QXBwOjE=")
    plan_actions.publish_after_commit = lambda product: None  # no Saleor here to show plans to
    plan_actions.create_plan(installation, product_id="UHJvZHVjdDox", code="monthly", terms=TERMS)
    return installation


def grow(shop: Installation, renewals: int) -> None:
    """More subscriptions, ten renewals and ten mails each, until the shop has `renewals` renewals."""
    plan = shop.plans.get()
    have = Subscription.objects.filter(installation=shop).count()
    for first in range(have, renewals // 10, 2000):
        subscriptions = Subscription.objects.bulk_create(
            Subscription(installation=shop, plan=plan, status="active", origin_order_id=f"T3JkZXI6{n}", customer_id=f"VXNlcjo{n}",
                         email=f"customer{n}@example.jp", channel_id="Q2hhbm5lbDox", channel_slug="jp" if n % 4 else "us",
                         currency="JPY" if n % 4 else "USD", language="ja", payment_kind="card", started_on=START, deliveries=11)
            for n in range(first, min(first + 2000, renewals // 10)))
        Renewal.objects.bulk_create(
            Renewal(subscription=s, cycle=cycle, state="done", scheduled_for=START + datetime.timedelta(days=30 * cycle),
                    attempts=1, amount=Decimal("6500") if s.currency == "JPY" else Decimal("65.00"), currency=s.currency,
                    payment_intent_id=f"pi_{s.pk}_{cycle}", saleor_order_id=f"T3JkZXI6{s.pk}{cycle}",
                    saleor_order_number=f"{s.pk}{cycle}")
            for s in subscriptions for cycle in range(2, 12))
        MailLog.objects.bulk_create(
            MailLog(installation=shop, key=f"{s.pk}-{cycle}", kind="renewal_placed", to=s.email, language="ja",
                    subject="定期便のご注文を承りました", text_body="…", status="sent", subscription_id=s.pk)
            for s in subscriptions for cycle in range(2, 12))


def download(client: Client, shop: Installation, kind: str) -> tuple[int, int]:
    """(rows, bytes) of the file a browser saves from the export's link."""
    response = client.get(links.make(shop, kind, language="ja").removeprefix("http://testserver"))
    assert response.status_code == 200
    rows = size = 0
    for chunk in response.streaming_content:
        rows, size = rows + chunk.count(b"\r\n"), size + len(chunk)
    return rows - 1, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--kind", default="renewals", choices=("renewals", "payments", "mails", "subscriptions"))
    args = parser.parse_args()
    installation, client = shop(), Client()
    print(f"export {args.kind}:       rows | rows/s (wall) | rows/s (app CPU) |    MB | peak Python memory while streaming")
    for size in (args.rows // 10, args.rows // 2, args.rows):
        grow(installation, size)
        started, cpu = time.perf_counter(), time.process_time()
        rows, length = download(client, installation, args.kind)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        tracemalloc.start()
        download(client, installation, args.kind)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{'':>17}{rows:>10,} | {rows / seconds:>13,.0f} | {rows / cpu:>16,.0f} | {length / 1e6:5.1f} | {peak / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
