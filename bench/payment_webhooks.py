"""Payment sync-webhook benchmark (not a test): prints numbers.

    .venv/bin/python bench/payment_webhooks.py [--requests 500] [--warmup 30] [--profile KIND]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ss_paybench_bench; the
database is created and emptied). The app is installed into the Saleor stand-in (tests/saleor_standin) through
its manifest; Stripe is localstripe on loopback. For each sync event, the requests are made and signed as Saleor
does (the event's subscription query, a detached RS256 JWS) before the clock starts, then sent one by one
through Django's whole request path (test client, middleware included). Per kind it prints total latency, the
time inside Stripe HTTP calls (the Stripe HTTP client's `request`, timed), the app's own share (total - Stripe) and
its CPU time (this thread's, outside Stripe calls: what other jobs on the machine cannot inflate), p50/p95/p99 in
ms, and SQL statements and Stripe calls per request. Warm-up requests are not counted.
`--profile KIND` (e.g. TRANSACTION_PROCESS_SESSION) prints cProfile's top functions for that kind (PROFILE_SORT=tottime
to sort by own time).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time
import uuid
from decimal import Decimal

from bench_setup import fresh_database, localstripe  # noqa: E402 (bench/ is the script's own directory)

BENCH_DB = fresh_database("ss_paybench_bench")
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from saleor_subscriptions.checkout.actions import add_subscription_line  # noqa: E402
from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.payments.stripe_api import PooledHTTP, stripe_client  # noqa: E402
from saleor_subscriptions.plans.actions import create_plan  # noqa: E402
from tests.saleor_standin.standin import SaleorStandin  # noqa: E402
from tests.saleor_standin.transport import django_app_http, serve  # noqa: E402

TERMS = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}}, "texts": {"ja": {"name": "定期便"}}}
USER = {"id": "VXNlcjo0Ng==", "email": "hanako@example.jp"}


class StripeClock:
    """Time (wall and this thread's CPU) spent inside Stripe HTTP calls, and how many were made, since the last `take()`."""

    def __init__(self):
        self.seconds, self.cpu, self.calls = 0.0, 0.0, 0
        request = PooledHTTP.request

        def timed(client, *args, **kwargs):
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return request(client, *args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.cpu += time.thread_time() - cpu
                self.calls += 1

        PooledHTTP.request = timed

    def take(self) -> tuple[float, float, int]:
        taken = self.seconds, self.cpu, self.calls
        self.seconds, self.cpu, self.calls = 0.0, 0.0, 0
        return taken


class Saleor:
    """The stand-in with the app installed through its manifest; signs requests as Saleor does."""

    def __init__(self, standin, app_http):
        self.standin = standin
        self.app = standin.install(app_http, "http://testserver/api/manifest")
        self.installation = Installation.objects.get(saleor_api_url=standin.api_url)

    def request(self, event: str, fields: dict) -> tuple[str, dict, bytes]:
        (hook,) = [hook for hook in self.app.webhooks if event in hook["events"]]
        body = self.standin.event_body(self.app, hook, event, fields)
        headers = self.standin._saleor_headers(event=event.lower(), signature=self.standin.key.sign_webhook(body))
        return hook["targetUrl"].removeprefix("http://testserver"), headers, body


def transaction(psp_reference: str = "", charged: float = 0.0) -> dict:
    return {"__typename": "TransactionItem", "id": f"VHJhbnNhY3Rpb25JdGVtOj{uuid.uuid4().hex}", "pspReference": psp_reference,
            "chargedAmount": {"amount": charged, "currency": "JPY"}, "authorizedAmount": {"amount": 0.0, "currency": "JPY"}}


def action(kind: str) -> dict:
    return {"amount": 980.0, "currency": "JPY", "actionType": kind}


def card(client) -> str:
    return client.v1.payment_methods.create(params={"type": "card", "card": {
        "number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}}).id


def paid_intents(installation, count: int, *, held: bool) -> list[str]:
    """Card PaymentIntents of this shop, paid (or authorized and held for capture)."""
    client = stripe_client(installation)
    made = []
    for _ in range(count):
        intent = client.v1.payment_intents.create(params={
            "amount": 980, "currency": "jpy", "payment_method_types": ["card"],
            "capture_method": "manual" if held else "automatic", "metadata": {"saleor_api_url": installation.saleor_api_url}})
        made.append(client.v1.payment_intents.confirm(intent.id, params={"payment_method": card(client)}).id)
    return made


def session_requests(saleor: Saleor, checkout: dict, count: int) -> dict[str, list]:
    """Gateway and transaction initialize on a subscription checkout (the customer's card is saved for renewals)."""
    return {
        "PAYMENT_GATEWAY_INITIALIZE_SESSION": [
            saleor.request("PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": checkout})
            for _ in range(count)],
        "TRANSACTION_INITIALIZE_SESSION": [
            saleor.request("TRANSACTION_INITIALIZE_SESSION", {
                "merchantReference": "bench", "idempotencyKey": str(uuid.uuid4()), "data": None, "action": action("CHARGE"),
                "transaction": transaction(), "sourceObject": checkout})
            for _ in range(count)],
    }


def action_requests(saleor: Saleor, checkout: dict, started: list[str]) -> dict[str, list]:
    """Process (the intents the initialize requests started, now paid by card), capture, refund and cancel."""
    client, count = stripe_client(None), len(started)  # the bench shop pays into the environment's account
    for intent_id in started:
        client.v1.payment_intents.confirm(intent_id, params={"payment_method": card(client)})
    held, paid, to_cancel = (paid_intents(saleor.installation, count, held=True), paid_intents(saleor.installation, count, held=False),
                             paid_intents(saleor.installation, count, held=True))
    return {
        "TRANSACTION_PROCESS_SESSION": [
            saleor.request("TRANSACTION_PROCESS_SESSION", {"merchantReference": "bench", "data": None, "action": action("CHARGE"),
                                                           "transaction": transaction(intent_id), "sourceObject": checkout})
            for intent_id in started],
        "TRANSACTION_CHARGE_REQUESTED": [
            saleor.request("TRANSACTION_CHARGE_REQUESTED", {"action": action("CHARGE"), "transaction": transaction(intent_id)})
            for intent_id in held],
        "TRANSACTION_REFUND_REQUESTED": [
            saleor.request("TRANSACTION_REFUND_REQUESTED", {"action": action("REFUND"), "transaction": transaction(intent_id, 980.0)})
            for intent_id in paid],
        "TRANSACTION_CANCELATION_REQUESTED": [
            saleor.request("TRANSACTION_CANCELATION_REQUESTED", {"action": action("CANCEL"), "transaction": transaction(intent_id)})
            for intent_id in to_cancel],
    }


def send(client: Client, clock: StripeClock, request) -> dict:
    path, headers, body = request
    statements = []
    clock.take()
    with connection.execute_wrapper(lambda execute, *args: statements.append(1) or execute(*args)):
        started, cpu = time.perf_counter(), time.thread_time()
        response = client.generic("POST", path, data=body, content_type=headers["Content-Type"], headers=headers)
        total, cpu = time.perf_counter() - started, time.thread_time() - cpu
    stripe_seconds, stripe_cpu, calls = clock.take()
    assert response.status_code == 200, (response.status_code, response.content)
    answer = response.json()
    assert "FAILURE" not in answer.get("result", ""), answer
    return {"total": total * 1000, "stripe": stripe_seconds * 1000, "app": (total - stripe_seconds) * 1000,
            "app_cpu": (cpu - stripe_cpu) * 1000, "sql": len(statements), "calls": calls, "answer": answer}


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"{cuts[49]:6.2f} {cuts[94]:6.2f} {cuts[98]:6.2f}"


def run(kind: str, requests: list, warmup: int, client: Client, clock: StripeClock, profile: bool) -> list[dict]:
    """Send them all and print the figures of those after the warm-up; every answer, in order."""
    warm = [send(client, clock, request) for request in requests[:warmup]]
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    results = [send(client, clock, request) for request in requests[warmup:]]
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(45)
    print(f"{kind:36} {percentiles([r['total'] for r in results])}  {percentiles([r['stripe'] for r in results])}  "
          f"{percentiles([r['app'] for r in results])}  {percentiles([r['app_cpu'] for r in results])}  "
          f"{statistics.mean(r['sql'] for r in results):4.1f} {statistics.mean(r['calls'] for r in results):4.1f}")
    return [r["answer"] for r in warm + results]


def main(count: int, warmup: int, profile: str | None) -> None:
    stripe_process, stripe_url = localstripe()
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY, settings.STRIPE_API_BASE = "sk_test_bench", "pk_test_bench", stripe_url
    client, clock = Client(), StripeClock()
    try:
        with serve(SaleorStandin) as standin:
            settings.SALEOR_ALLOWED_API_URLS = [*settings.SALEOR_ALLOWED_API_URLS, standin.api_url]
            saleor = Saleor(standin, django_app_http(client))
            standin.add_channel("jp", "JPY")
            product = standin.add_product("Tea", variants=[("100 g", {"jp": Decimal("6800")})])
            create_plan(saleor.installation, product_id=product["id"], code="monthly", terms=TERMS)
            cart = standin.add_checkout("jp", user=USER)
            add_subscription_line(saleor.installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"],
                                  quantity=1, plan_code="monthly")
            checkout = standin.checkout_view(standin.checkouts[cart["id"]])
            first = session_requests(saleor, checkout, warmup + count)
            print(f"{count} signed requests per kind after {warmup} warm-up ones, one at a time through Django's test "
                  f"client; Stripe: localstripe on loopback; PostgreSQL {connection.pg_version // 10000}")
            print(f"{'ms':36} {'total p50 p95 p99':>20}  {'Stripe p50 p95 p99':>20}  {'app p50 p95 p99':>20}  "
                  f"{'app CPU p50 p95 p99':>20}  SQL Stripe calls")
            answers = {kind: run(kind, requests, warmup, client, clock, profile == kind) for kind, requests in first.items()}
            started = [answer["pspReference"] for answer in answers["TRANSACTION_INITIALIZE_SESSION"]]
            for kind, requests in action_requests(saleor, checkout, started).items():
                run(kind, requests, warmup, client, clock, profile == kind)
    finally:
        stripe_process.terminate()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--profile", choices=["PAYMENT_GATEWAY_INITIALIZE_SESSION", "TRANSACTION_INITIALIZE_SESSION",
                                              "TRANSACTION_PROCESS_SESSION", "TRANSACTION_CHARGE_REQUESTED",
                                              "TRANSACTION_REFUND_REQUESTED", "TRANSACTION_CANCELATION_REQUESTED"])
    options = parser.parse_args()
    main(options.requests, options.warmup, options.profile)
