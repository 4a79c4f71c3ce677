"""The live part of bench/renewals.py: the same renewals against a real Saleor, beside the raw throughput
of the Saleor mutations they rest on, replayed with the very payloads the app sent.

    SALEOR_API_URL=http://127.0.0.1:8000/graphql/ SALEOR_APP_TOKEN=… [SALEOR_CHANNEL=default-channel] \\
        [SALEOR_CUSTOMER=e-mail] .venv/bin/python bench/renewals.py --parts none --live-orders 100

The token is an app token with the manifest's permissions (`MANAGE_ORDERS_IMPORT` included). The
channel needs a customer with a default shipping address, a stocked variant and a shipping method
for that address; for bulk orders the product and the shipping method need tax classes (without
them every bulk renewal goes through a draft order, and the script says so). It creates real
orders in that Saleor: use a test instance.
"""

import functools
import os
import threading
import time
from collections import Counter, defaultdict

import requests
from django.db import connection
from renewals import TERMS, mails_inline, measure, report, report_calls, subscribers, wall_of

from saleor_subscriptions.core.money import from_saleor
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.renewals.bulk import BULK_TIMEOUT
from saleor_subscriptions.renewals.catalogue import shipping_method_id, shipping_method_pk
from saleor_subscriptions.saleor.client import SaleorClient
from saleor_subscriptions.saleor.documents import operation
from saleor_subscriptions.saleor.manifest import PERMISSIONS
from saleor_subscriptions.subscriptions.models import Renewal


ORDER_MUTATIONS = {"draft": ("DraftOrderCreate", "DraftOrderComplete", "TransactionCreate"),
                   "bulk": ("OrderBulkCreate", "TransactionCreate")}


def _query(url: str, token: str, query: str, **variables) -> dict:
    body = requests.post(url, json={"query": query, "variables": variables}, timeout=60,
                         headers={"Authorization": f"Bearer {token}"}).json()
    if body.get("errors"):
        raise SystemExit(f"Saleor refused the discovery query: {body['errors']}")
    return body["data"]


def discover(url: str, token: str, channel: str, customer: str | None = None) -> dict:
    """A customer with an address (`customer`: found by that search, e.g. an e-mail), the best-stocked variant and a
    shipping method to that address (taxed ones first)."""
    data = _query(url, token, operation("BenchDiscover").text, channel=channel, customer=customer)
    customer = next(edge["node"] for edge in data["customers"]["edges"] if edge["node"]["defaultShippingAddress"])
    country = customer["defaultShippingAddress"]["country"]["code"]
    variants = [edge["node"] for edge in data["productVariants"]["edges"]
                if (edge["node"]["quantityAvailable"] or 0) > 0 and edge["node"]["pricing"]]
    variant = sorted(variants, key=lambda node: (node["product"]["taxClass"] is None, -node["quantityAvailable"]))[0]
    methods = [method for zone in data["shippingZones"]["edges"] if country in {c["code"] for c in zone["node"]["countries"]}
               for method in zone["node"]["shippingMethods"]
               if any(listing["channel"]["slug"] == channel for listing in method["channelListings"] or ())]
    method = sorted(methods, key=lambda method: method["taxClass"] is None)[0]
    return {"channel": {"id": data["channel"]["id"], "slug": channel, "currency": data["channel"]["currencyCode"]},
            "customer": customer, "variant": variant, "shipping_method_id": shipping_method_id(shipping_method_pk(method["id"])),
            "taxed": bool(variant["product"]["taxClass"] and method["taxClass"])}


def _raw(client: SaleorClient, sent: list, workers: int) -> tuple[float, dict, float]:
    """The app's order mutations again, straight to Saleor with fresh references: the order made (draft created and
    completed, or imported in bulk) and its transaction recorded, as the app did. Saleor's own floor: orders/s, the
    time of each operation, the wall time."""
    transactions = [variables for name, variables in sent if name == "TransactionCreate"]  # one per order the app made
    calls = []
    for name, variables in sent:
        if name == "DraftOrderCreate":
            calls.append((name, {"input": {**variables["input"], "metadata": [],
                                           "externalReference": variables["input"]["externalReference"] + "-raw"}}))
        elif name == "OrderBulkCreate":
            calls.append((name, {"orders": [{**order, "metadata": [], "externalReference": order["externalReference"] + "-raw"}
                                            for order in variables["orders"]]}))
    made, timings, lock = [], defaultdict(list), threading.Lock()

    def timed(name, variables, **kwargs):
        started = time.perf_counter()
        try:
            return client.execute(name, variables, **kwargs)
        finally:
            timings[name].append(time.perf_counter() - started)

    def record(order_id):
        with lock:
            if not transactions:
                return
            transaction = transactions.pop(0)
        timed("TransactionCreate", {**transaction, "id": order_id,
                                    "transaction": {**transaction["transaction"],
                                                    "pspReference": transaction["transaction"]["pspReference"] + "-raw"}})

    def worker(share):
        for name, variables in share:
            if name == "DraftOrderCreate":
                order = timed(name, variables)["draftOrderCreate"]["order"]
                timed("DraftOrderComplete", {"id": order["id"]})
                record(order["id"])
                made.append(1)
            else:
                results = timed(name, variables, timeout=BULK_TIMEOUT)["orderBulkCreate"]["results"]
                for result in results:
                    if result["order"]:
                        record(result["order"]["id"])
                        made.append(1)

    wall = wall_of([functools.partial(worker, calls[index::workers]) for index in range(workers)])
    return sum(made) / wall, timings, wall


def part3(orders: int, workers: int) -> None:
    url, token = os.environ["SALEOR_API_URL"], os.environ["SALEOR_APP_TOKEN"]
    found = discover(url, token, os.environ.get("SALEOR_CHANNEL", "default-channel"), os.environ.get("SALEOR_CUSTOMER"))
    print(f"live Saleor at {url}: channel {found['channel']['slug']} ({found['channel']['currency']}), "
          f"variant {found['variant']['id']}, shipping {found['shipping_method_id']}")
    if not found["taxed"]:
        print("  (no product or shipping method with a tax class: bulk renewals will go through draft orders)")
    address = found["customer"]["defaultShippingAddress"]
    currency = found["channel"]["currency"]
    price = from_saleor(found["variant"]["pricing"]["price"]["gross"]["amount"], currency)
    terms = {**TERMS, "regular": {"amounts": {currency: str(price)}}}
    with connection.cursor() as cursor:  # this run's external references must be new to that Saleor
        cursor.execute("SELECT setval(pg_get_serial_sequence('saleor_subscriptions_subscription', 'id'), %s)",
                       [int(time.time() * 10)])
    mails_inline(False)
    for path in ("draft", "bulk"):
        Installation.objects.filter(saleor_api_url=url).update(saleor_api_url=f"{url}#{path}-done")  # one per URL
        installation = Installation.objects.create(saleor_api_url=url, app_id="live-bench", renewal_orders=path,
                                                   permissions=list(PERMISSIONS))
        installation.app_token = token
        installation.save()
        plan = create_plan(installation, product_id=found["variant"]["product"]["id"], code=f"live-{path}", terms=terms)
        subscribers(installation, plan, total=orders, due=orders, channel=found["channel"], variant_id=found["variant"]["id"],
                    customer=found["customer"], address=address, shipping_method_id=found["shipping_method_id"])
        figures = measure(installation, workers)
        report(f"renewals against the live Saleor: {path} orders, {workers} workers, {orders} due", figures)
        renewals = Renewal.objects.filter(subscription__installation=installation)
        totals = sorted({str(amount) for amount in renewals.filter(state=Renewal.State.DONE).values_list("amount", flat=True)})
        states = Counter(renewals.values_list("state", flat=True))
        print(f"  order totals charged: {', '.join(totals) or 'none'}; renewal states: {dict(states)}")
        print("  where the workers' time went:")
        report_calls(figures["timings"], figures["renewed"], figures["wall"], workers)
        inside = sum(sum(figures["timings"][name]) for name in ORDER_MUTATIONS[path]) / (figures["wall"] * workers)
        print(f"  inside the order's own mutations: {inside:.0%} of the workers' time (the ratio to expect when Saleor "
              f"answers as fast in both runs; other jobs on a shared machine move the measured one)")
        raw, timings, wall = _raw(SaleorClient.for_installation(installation), figures["sent"], workers)
        print(f"  the same {path} mutations sent directly (order, then its transaction): {raw:7.1f} orders/s; "
              f"the app reaches {figures['per_second'] / raw:.0%} of that")
        report_calls(timings, max(figures["renewed"], 1), wall, workers)
