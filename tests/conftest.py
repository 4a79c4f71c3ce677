import base64
import json
import os
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from saleor_subscriptions.checkout import line_plan
from saleor_subscriptions.installations import recent
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.saleor import http
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order

from .saleor_standin.graphql_engine import SCHEMA_PATH, saleor_schema
from .saleor_standin.standin import SaleorStandin
from .saleor_standin.transport import answer_in_process, django_app_http, serve
from .stripe_scripted import ScriptedStripe, StatefulStripe, route

CAPTURES = Path(__file__).resolve().parents[1].parent / "shared" / "saleor" / "captures"
MANIFEST_URL = "http://testserver/api/manifest"


def pytest_report_header(config):
    schema = "Saleor SDL found" if SCHEMA_PATH.is_file() else f"Saleor SDL absent ({SCHEMA_PATH}): validation skipped"
    return [f"database: {settings.DATABASES['default']['ENGINE']}", schema]


@pytest.fixture
def app_http(client, django_capture_on_commit_callbacks):
    """Saleor's side of the wire: calls into the app under test, each committed like a request."""
    call = django_app_http(client)

    def committed(*args):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args)

    return committed


@pytest.fixture
def allow_saleor(settings):
    def allow(api_url):
        settings.SALEOR_ALLOWED_API_URLS = [*settings.SALEOR_ALLOWED_API_URLS, api_url]

    return allow


@pytest.fixture
def standin(allow_saleor):
    """A Saleor stand-in on a real loopback port, allowed to install the app."""
    with serve(SaleorStandin) as saleor:
        allow_saleor(saleor.api_url)
        yield saleor


@pytest.fixture
def installed(db, standin, app_http):
    """The app installed into the stand-in through the real manifest and registration flow."""
    app = standin.install(app_http, MANIFEST_URL)
    return standin, app, Installation.objects.get(saleor_api_url=standin.api_url)


@pytest.fixture
def mount(monkeypatch):
    """Route the app's outgoing calls for a fixed URL prefix to a stand-in (no socket)."""
    routes, send = {}, http.request

    def routed(method, url, **kwargs):
        for prefix, standin in routes.items():
            if url.startswith(prefix):
                return answer_in_process(standin, method, url, **kwargs)
        return send(method, url, **kwargs)

    monkeypatch.setattr(http, "request", routed)
    return routes.__setitem__


def load_capture(name: str) -> dict:
    record = json.loads((CAPTURES / name).read_text())
    record["body"] = base64.b64decode(record["body_base64"])
    return record


@pytest.fixture
def requires_schema():
    if saleor_schema() is None:
        pytest.skip(f"Saleor SDL not found at {SCHEMA_PATH}")


@pytest.fixture
def requires_captures():
    if not CAPTURES.is_dir():
        pytest.skip(f"captures not found at {CAPTURES}")


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe():
    """A real fake Stripe API on a free loopback port for the session; its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("localstripe_server.py")), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"localstripe did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_broker():
    """A Redis URL for a real Celery broker; CI must have one, elsewhere the test is skipped."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis not reachable at {url}")
    redis.Redis.from_url(url).flushdb()
    return url


TRIAL_TERMS = {
    "schedule": {"interval_unit": "month"},
    "trial": {"kind": "price", "price": {"amounts": {"JPY": "980", "USD": "9.00"}}},
    "regular": {"amounts": {"JPY": "6000", "USD": "60.00"}},
    "tiers": [{"min_quantity": 2, "percent_off": "5"}, {"min_quantity": 3, "percent_off": "10"}, {"min_quantity": 6, "percent_off": "15"}],
    "texts": {
        "en": {"name": "Monthly delivery"},
        "ja": {"name": "毎月お届け定期便"},
        "zh-hans": {"name": "每月定期配送"},
        "zh-hant": {"name": "每月定期配送（繁）"},
    },
}


@pytest.fixture
def shop(installed):
    """JPY, USD and EUR channels; a tea with two variants and a trial plan with three tiers."""
    standin, _, installation = installed
    standin.add_channel("jp", "JPY")
    standin.add_channel("us", "USD")
    standin.add_channel("eu", "EUR")
    product = standin.add_product(
        "Green tea",
        variants=[("100 g", {"jp": Decimal("6800"), "us": Decimal("68.00"), "eu": Decimal("60.00")}), ("200 g", {"jp": Decimal("12000")})],
        translations={"JA": "緑茶"},
    )
    create_plan(installation, product_id=product["id"], code="monthly", terms=TRIAL_TERMS)
    return standin, installation, product


@pytest.fixture
def stripe_http(monkeypatch, settings):
    """Every Stripe call of the app goes to a scripted HTTP client (tests/stripe_scripted.py)."""
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_scripted", "pk_test_scripted"
    return route(monkeypatch, ScriptedStripe())


USER = {"id": "VXNlcjo0Ng==", "email": "hanako@example.jp"}


@pytest.fixture
def fake_stripe(monkeypatch, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_renewals"
    # Stripe a day later: exactly-once must not rest on idempotency keys
    return route(monkeypatch, StatefulStripe(replay=False))


def order_payload(channel, variant_id, *, number, created="2027-01-31T03:00:00+00:00", user=USER):
    money = {"gross": {"amount": 980.0, "currency": "JPY"}, "net": {"amount": 980.0, "currency": "JPY"}}
    return {
        "__typename": "Order", "id": f"T3JkZXI6{number}", "number": str(number), "created": created,
        "channel": {"id": channel["id"], "slug": channel["slug"], "currencyCode": "JPY"}, "languageCodeEnum": "JA_JP",
        "userEmail": user["email"], "user": user, "chargeStatus": "FULL", "total": money,
        "transactions": [{"pspReference": f"pi_first_{number}", "chargePendingAmount": {"amount": 0.0, "currency": "JPY"}}],
        "deliveryMethod": {"__typename": "ShippingMethod", "id": "U2hpcHBpbmdNZXRob2Q6MQ==", "name": "Yamato"},
        "shippingAddress": {"firstName": "花子", "lastName": "山田", "streetAddress1": "丸の内1-1", "city": "千代田区",
                            "postalCode": "100-0005", "country": {"code": "JP"}, "countryArea": "東京都", "phone": "+81312345678"},
        "lines": [{"id": f"T3JkZXJMaW5lOj{number}", "quantity": 1, "isPriceOverridden": True, "variant": {"id": variant_id},
                   "unitPrice": money, "totalPrice": money,
                   "metadata": [{"key": "subscription.plan", "value": "monthly"}, {"key": "subscription.plan_version", "value": "1"}]}],
        "metadata": [],
    }


@pytest.fixture
def subscribed(shop, fake_stripe, mount, app_http, request):
    """Hanako bought the trial (¥980) on 31 Jan; renewals are ¥6,000 plus ¥500 shipping.

    As a live Saleor does, the stand-in calls the app's webhooks inside its mutations (ORDER_CREATED
    inside draftOrderComplete). In tests whose database work is one transaction, the app's calls
    reach the stand-in in the test's own thread, so the delivery sees the test's rows.
    """
    standin, installation, product = shop
    database = request.node.get_closest_marker("django_db")
    if not (database and database.kwargs.get("transaction")):
        mount(standin.api_url, standin)
        standin.deliver_inline = app_http
    channel = standin.add_channel("jp", "JPY", shipping=Decimal("500"))
    customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    PaymentMethod.objects.create(customer=customer, stripe_payment_method_id="pm_visa", brand="visa", last4="4242")
    (subscription,) = subscriptions_from_order(installation, order_payload(channel, product["variants"][0]["id"], number=1))
    return standin, installation, subscription, fake_stripe


def renewal_orders(standin):
    return [o for o in standin.orders.values() if (o["externalReference"] or "").startswith("sub-")]


@pytest.fixture(autouse=True)
def forget_installations():
    """Each test starts with no installation or plan terms remembered, as a fresh process does."""
    recent.forget()
    line_plan._TERMS.clear()
