"""Invoice benchmark (not a test): how long printing one invoice PDF takes, and how big it is.

    .venv/bin/python bench/invoices.py [--invoices 20] [--language ja]

Renders a konbini invoice with two lines and four stores `--invoices` times in one process (the
first includes reading the font collection) and prints the median and slowest time and the size.
Needs the font of INVOICE_FONT (Debian's fonts-noto-cjk by default).
"""

import argparse
import datetime
import os
import statistics
import time
import zoneinfo
from decimal import Decimal

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_subscriptions.settings")

import django  # noqa: E402

django.setup()

from saleor_subscriptions.invoices.gathering import Invoice, Line, Store, TaxGroup  # noqa: E402
from saleor_subscriptions.invoices.layout import render  # noqa: E402
from saleor_subscriptions.payment_methods import registry  # noqa: E402


def sample(language: str) -> Invoice:
    return Invoice(
        language=language, currency="JPY", order_number="1042", issued_on=datetime.date(2027, 2, 28), cycle=3,
        shop_name="お茶の山田園", shop_address="〒420-0001 静岡県静岡市葵区1-2-3", shop_email="shop@example.jp", shop_registration="T1234567890123",
        customer_name="山田 花子", customer_address=["〒100-0005", "東京都 千代田区 丸の内1-1"],
        lines=[Line("緑茶 100 g", 2, Decimal(3000), Decimal(6000), Decimal(8)),
               Line("抹茶ラテ 10本入り", 1, Decimal(1200), Decimal(1200), Decimal(8))],
        shipping=Decimal(500), shipping_tax_rate=Decimal(10), total=Decimal(7700),
        tax_groups=[TaxGroup(Decimal(10), Decimal(500), Decimal(45)), TaxGroup(Decimal(8), Decimal(7200), Decimal(533))],
        how_to_pay=registry.get("konbini").invoice_text(language), stores=[Store(chain, "123456789012", "09012345678")
                                  for chain in ("familymart", "lawson", "ministop", "seicomart")],
        deadline=datetime.datetime(2027, 3, 3, 23, 59, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo")),
        voucher_url="https://payments.stripe.com/konbini/voucher/test_sample", message="次回10%オフ：NEXT10")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=20)
    parser.add_argument("--language", default="ja")
    args = parser.parse_args()
    invoice, timings, size = sample(args.language), [], 0
    for _ in range(args.invoices):
        started = time.perf_counter()
        size = len(render(invoice))
        timings.append(time.perf_counter() - started)
    print(f"{args.invoices} invoices ({args.language}): first {timings[0] * 1000:.0f} ms, "
          f"median {statistics.median(timings) * 1000:.0f} ms, slowest {max(timings) * 1000:.0f} ms, {size / 1024:.0f} KiB each")


if __name__ == "__main__":
    main()
