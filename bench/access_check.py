"""Access check benchmark (not a test): how many `GET /api/access` checks a served app answers per second.

    .venv/bin/python bench/access_check.py [--shoppers 200,2000] [--seconds 10] [--connections 16]
                                           [--server serve|gunicorn] [--workers 2] [--threads 4]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/saleor_subscriptions_access_bench;
the database is created and emptied) and `wrk` (apt install wrk); gunicorn is used when installed
(`pip install gunicorn`), else the app's own `serve`. It makes one installation whose keys are a
local signing key and customers with an access token each (half of them subscribed to the plan
asked for), serves the app (saleor_subscriptions.wsgi, production settings) in a separate process,
and lets wrk ask for each shopper in turn, a third of them by the Saleor auth SDK's cookie, the rest
by `Authorization: Bearer`. One run per `--shoppers` count (each shopper's token is verified once,
then remembered until it expires; memberships are re-read every 5 seconds).
"""

import argparse
import datetime
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_setup import REPO, fresh_database

API_URL = "https://shop.example.com/graphql/"
COOKIE = API_URL + "+saleor_auth_access_token"

WRK_SCRIPT = """
local requests = {}
local n = 0
init = function(args)
  for line in io.lines(args[1]) do
    local kind, token = line:match("^(%%S+) (%%S+)$")
    local headers = {["Saleor-Api-Url"] = "%(api_url)s"}
    if kind == "bearer" then headers["Authorization"] = "Bearer " .. token
    else headers["Cookie"] = "%(cookie)s=" .. token end
    requests[#requests + 1] = wrk.format("GET", "/api/access?plan=gold", headers)
  end
  n = math.random(#requests)
end
request = function()
  n = n %% #requests + 1
  return requests[n]
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(customers: int) -> list[str]:
    """The database (emptied), one installation, the customers' memberships; each customer's access token."""
    fresh_database("saleor_subscriptions_access_bench")
    from django.db import connection

    from saleor_subscriptions.installations.models import Installation
    from saleor_subscriptions.plans import actions as plan_actions
    from saleor_subscriptions.subscriptions import member_metadata, membership
    from saleor_subscriptions.subscriptions.models import Subscription, SubscriptionLine
    from tests.saleor_standin.signing import SigningKey

    # no Saleor here: its metadata is not the point
    member_metadata.write_after_commit = plan_actions.publish_after_commit = lambda *args: None
    key = SigningKey()
    installation = Installation.objects.create(saleor_api_url=API_URL, saleor_domain="shop.example.com", app_id="QXBwOjE=",
                                               jwks=key.jwks, permissions=[])
    terms = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}}, "texts": {"ja": {"name": "会員"}}}
    plan = plan_actions.create_plan(installation, product_id="UHJvZHVjdDox", code="gold", terms=terms)
    rows = Subscription.objects.bulk_create(
        Subscription(installation=installation, plan=plan, status="active", origin_order_id=f"o{n}",
                     customer_id=f"user-{n}", email=f"c{n}@example.jp", channel_id="Q2hhbm5lbDox", channel_slug="jp",
                     currency="JPY", language="ja", payment_kind="card", started_on=datetime.date(2027, 1, 31),
                     next_renewal_on=datetime.date(2027, 2, 28), cancel_at_period_end=n % 4 == 1)
        for n in range(0, customers, 2))  # every other customer is a member; one in four of those ends at period end
    SubscriptionLine.objects.bulk_create(
        SubscriptionLine(subscription=row, variant_id="UHJvZHVjdFZhcmlhbnQ6MQ==", quantity=1, plan_version=plan.current_version)
        for row in rows)
    for row in rows:
        membership.refresh(row)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have by now: the planner knows the tables' sizes
    lifetime = 3600  # longer than the run: expiry is checked on every request all the same
    return [key.token(API_URL, user_id=f"user-{n}", email=f"c{n}@example.jp", lifetime=lifetime) for n in range(customers)]


def serve(kind: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    # production settings (DEBUG off), with the variables tests/settings.py put into the environment
    env = {**os.environ, "PYTHONPATH": str(REPO), "DJANGO_SETTINGS_MODULE": "saleor_subscriptions.settings"}
    if kind == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                   "--threads", str(threads), "--worker-class", "gthread", "--log-level", "warning", "saleor_subscriptions.wsgi"]
    else:
        command = [sys.executable, "-m", "saleor_subscriptions.cli", "serve", "--port", str(port), "--threads", str(threads)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit(f"the server did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)


def cpu_seconds(root: int) -> float:
    """CPU time used so far by the server: the process and its children (gunicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(stat.parent.name), int(fields[1])
        if root in (pid, parent):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def check_answers(port: int, tokens: list[str]) -> None:
    """Before measuring: a member gets 200, a non-member 403, no token 401."""
    import requests

    url = f"http://127.0.0.1:{port}/api/access?plan=gold"
    headers = {"Saleor-Api-Url": API_URL}
    answers = [requests.get(url, headers={**headers, "Authorization": f"Bearer {tokens[0]}"}).status_code,
               requests.get(url, headers={**headers, "Authorization": f"Bearer {tokens[1]}"}).status_code,
               requests.get(url, headers=headers).status_code]
    if answers != [200, 403, 401]:
        raise SystemExit(f"unexpected answers {answers} (member, non-member, no token)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shoppers", default="200,2000",
                        help="comma-separated: how many signed-in shoppers the checks are spread over, one run each")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--server", choices=("serve", "gunicorn"), default="gunicorn" if _importable("gunicorn") else "serve")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed as the load generator (apt install wrk)")
    runs = [int(count) for count in args.shoppers.split(",")]
    tokens = prepare(max(runs))
    port = free_port()
    server = serve(args.server, port, args.workers, args.threads)
    print(f"server: {args.server}, {args.workers if args.server == 'gunicorn' else 1} process(es) × {args.threads} threads; "
          f"wrk: {args.connections} connections; half the shoppers are members (the rest get 403)")
    try:
        check_answers(port, tokens)
        for shoppers in runs:
            result, cpu = measure(port, server.pid, tokens[:shoppers], args)
            report(shoppers, result, cpu)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def measure(port: int, server_pid: int, tokens: list[str], args) -> tuple[str, float]:
    """wrk's report over the tokens (each shopper in turn, a third by cookie), and the server's CPU seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch, "tokens.txt")
        listing.write_text("".join(f"{'bearer' if n % 3 else 'cookie'} {token}\n" for n, token in enumerate(tokens)))
        script = Path(scratch, "access.lua")
        script.write_text(WRK_SCRIPT % {"api_url": API_URL, "cookie": COOKIE})

        def load(seconds):
            return subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{seconds}s", "--latency",
                                   "-s", str(script), f"http://127.0.0.1:{port}", "--", str(listing)],
                                  check=True, capture_output=True, text=True).stdout

        load(2)  # warm-up: database connections, each token verified once
        cpu = cpu_seconds(server_pid)
        result = load(args.seconds)
        return result, cpu_seconds(server_pid) - cpu


def report(shoppers: int, result: str, cpu: float) -> None:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", result, re.M))
    total = int(re.search(r"(\d+) requests in", result).group(1))
    # on a shared machine the rate depends on the neighbours too; the server's CPU per check does not
    print(f"{shoppers:>6,} shoppers: {rate:,.0f} checks/s, p50 {latency.get('50')}, p99 {latency.get('99')}, "
          f"{total / cpu:,.0f} checks per CPU-second of the server (load average {os.getloadavg()[0]:.1f})")


def _importable(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    main()
