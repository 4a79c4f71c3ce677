"""Member access: who is a member of what until when, the customer's Saleor metadata, and the web servers' check."""

import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from decimal import Decimal
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections

from saleor_subscriptions.access import views as access
from saleor_subscriptions.access.wsgi import with_access_check
from saleor_subscriptions.core.models import Event
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import actions, member_metadata
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order
from saleor_subscriptions.subscriptions.membership import is_member

from .clock import TOKYO, fixed_clock
from .conftest import USER, free_port, order_payload
from .saleor_standin.signing import SigningKey
from .test_renewals import DAY

pytestmark = pytest.mark.django_db
CUSTOMER = Event.Actor.CUSTOMER


def tokyo(day: datetime.date, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


def metadata(standin) -> list:
    return json.loads(standin.users[USER["id"]]["privateMetadata"].get(member_metadata.KEY, "null"))


@pytest.fixture(autouse=True)
def forget():
    """Each test starts with the access check's memory empty, as a fresh process does."""
    for memory in (access.installations, access.tokens, access.members, access.snapshots):
        memory.entries.clear()


@pytest.fixture
def member(shop, fake_stripe, mount, app_http, django_capture_on_commit_callbacks, request):
    """Hanako, a customer of the stand-in Saleor, bought the monthly plan's trial on 31 Jan; her next delivery is on 28 Feb.

    As `subscribed` does, but the subscription is made as the order webhook makes it: committed, so
    what follows the commit (the metadata) happens too.
    """
    standin, installation, product = shop
    database = request.node.get_closest_marker("django_db")
    if not (database and database.kwargs.get("transaction")):
        mount(standin.api_url, standin)
        standin.deliver_inline = app_http
    standin.add_customer(USER["email"], "花子", "山田", id=USER["id"])
    channel = standin.add_channel("jp", "JPY", shipping=Decimal("500"))
    customer = StripeCustomer.objects.create(installation=installation, saleor_user_id=USER["id"], stripe_customer_id="cus_hanako")
    PaymentMethod.objects.create(customer=customer, stripe_payment_method_id="pm_visa", brand="visa", last4="4242")

    def change(action, day, *args, **kwargs):
        with fixed_clock(day), django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    (subscription,) = change(subscriptions_from_order, DAY(2027, 1, 31), installation,
                             order_payload(channel, product["variants"][0]["id"], number=1))
    return standin, installation, subscription, change


def test_a_subscription_cancelled_at_period_end_is_a_membership_until_its_paid_through_date(member):
    standin, installation, subscription, change = member
    assert subscription.next_renewal_on == DAY(2027, 2, 28)
    assert is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 1)))
    change(actions.cancel, DAY(2027, 2, 10), subscription, at_period_end=True, actor=CUSTOMER, today=DAY(2027, 2, 10))

    paid = is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 27), 23, 59))
    assert (paid.paid_through, paid.renews) == (tokyo(DAY(2027, 2, 28)), False)
    assert is_member(installation, USER["id"], product_id=subscription.plan.product.product_id, now=tokyo(DAY(2027, 2, 27), 23, 59))
    assert not is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 28)))
    assert not is_member(installation, USER["id"], plan_code="weekly", now=tokyo(DAY(2027, 2, 1)))
    assert not is_member(installation, "VXNlcjo5OQ==", plan_code="monthly", now=tokyo(DAY(2027, 2, 1)))

    change(runs.run_due, DAY(2027, 2, 28), installation, DAY(2027, 2, 28))  # the period's end: nothing renews
    subscription.refresh_from_db()
    assert subscription.status == "cancelled"
    assert not is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 28), 9))


def test_a_subscription_cancelled_now_stays_a_membership_for_the_period_paid(member):
    standin, installation, subscription, change = member
    change(actions.cancel, DAY(2027, 2, 10), subscription, at_period_end=False, actor=CUSTOMER, today=DAY(2027, 2, 10))
    assert is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 27), 23)).paid_through == tokyo(DAY(2027, 2, 28))
    assert not is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 28)))


def test_a_paused_subscription_is_a_membership_for_the_period_paid_and_again_once_resumed(member):
    standin, installation, subscription, change = member
    change(actions.pause, DAY(2027, 2, 5), subscription, actor=CUSTOMER, today=DAY(2027, 2, 5))
    assert metadata(standin)[0]["renews"] is False
    assert is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 2, 27), 23))
    assert not is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 3, 10)))
    change(actions.resume, DAY(2027, 3, 10), subscription, actor=CUSTOMER, today=DAY(2027, 3, 10))
    assert is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 3, 10))).renews
    assert metadata(standin) == [{"plan": "monthly", "product": subscription.plan.product.product_id, "renews": True,
                                  "paidThrough": None}]


def test_a_member_whose_renewal_payment_failed_stays_one_while_it_is_retried_and_not_after(member, fake_stripe):
    standin, installation, subscription, change = member
    fake_stripe.declining["cus_hanako"] = "insufficient_funds"
    change(runs.run_due, DAY(2027, 2, 28), installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert subscription.status == "past_due"
    assert is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 3, 5)))
    change(runs.run_due, DAY(2027, 3, 7), installation, DAY(2027, 3, 7))
    change(runs.run_due, DAY(2027, 3, 14), installation, DAY(2027, 3, 14))
    subscription.refresh_from_db()
    assert subscription.status == "cancelled"  # the last retry failed: the period from 28 Feb was never paid
    assert not is_member(installation, USER["id"], plan_code="monthly", now=tokyo(DAY(2027, 3, 14), 12))


def test_the_customers_saleor_metadata_follows_her_memberships(member):
    standin, installation, subscription, change = member
    product = subscription.plan.product.product_id
    assert metadata(standin) == [{"plan": "monthly", "product": product, "renews": True,  # written when it was made
                                  "paidThrough": None}]  # renewing: no end to show
    writes = len([r for r in standin.received if r.operation_name == "UpdatePrivateMetadata"])
    change(actions.skip_next, DAY(2027, 2, 1), subscription, actor=CUSTOMER, today=DAY(2027, 2, 1))  # a change of dates
    change(actions.change_quantity, DAY(2027, 2, 2), subscription, subscription.lines.get().pk, 2, actor=CUSTOMER,
           today=DAY(2027, 2, 2))  # no change to what she is a member of
    change(runs.run_due, DAY(2027, 3, 31), installation, DAY(2027, 3, 31))  # a renewal moves the paid-through date
    assert subscription.renewals.get().state == "done"
    assert len([r for r in standin.received if r.operation_name == "UpdatePrivateMetadata"]) == writes  # nothing written

    change(actions.cancel, DAY(2027, 4, 10), subscription, at_period_end=True, actor=CUSTOMER, today=DAY(2027, 4, 10))
    assert metadata(standin) == [{"plan": "monthly", "product": product, "renews": False,
                                  "paidThrough": "2027-04-30T00:00:00+09:00"}]

    with fixed_clock(DAY(2027, 4, 30), 1):  # the hourly sweep after the paid-through moment
        assert member_metadata.sweep(installation) == 1
    assert metadata(standin) == []


def _token(standin, **claims):
    return standin.key.token(standin.api_url, **{"user_id": USER["id"], "email": USER["email"], **claims})


HAS_ACTIVE = """query($plan: String, $product: ID) {
  hasActiveSubscription(planCode: $plan, productId: $product) { active paidThrough renews errors { field code message } }
}"""


def test_has_active_subscription_answers_for_the_signed_in_customer(member, client):
    standin, installation, subscription, _ = member

    def ask(token=None, language="en", **variables):
        headers = {"HTTP_SALEOR_API_URL": standin.api_url, "HTTP_ACCEPT_LANGUAGE": language}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        response = client.post("/graphql/", {"query": HAS_ACTIVE, "variables": variables}, content_type="application/json",
                               **headers)
        return response.json()["data"]["hasActiveSubscription"]

    assert ask(_token(standin), plan="monthly") == {"active": True, "paidThrough": "2027-02-28T00:00:00+09:00",
                                                    "renews": True, "errors": []}
    assert ask(_token(standin), product=subscription.plan.product.product_id)["active"] is True
    assert ask(_token(standin), plan="yearly") == {"active": False, "paidThrough": None, "renews": None, "errors": []}
    assert ask(_token(standin, user_id="VXNlcjo5OQ=="), plan="monthly")["active"] is False
    refused = ask(None, "ja", plan="monthly")
    assert (refused["active"], refused["errors"][0]["code"]) == (False, "TOKEN_MISSING")
    assert "ログイン" in refused["errors"][0]["message"]
    both = ask(_token(standin), plan="monthly", product=subscription.plan.product.product_id)["errors"]
    assert [(e["field"], e["code"]) for e in both] == [("productId", "INVALID")]


@pytest.mark.parametrize("snapshot_limit", [20_000, 0], ids=["all memberships in memory", "each customer's"])
def test_the_access_check_answers_web_servers_200_401_403(member, client, monkeypatch, snapshot_limit):
    standin, installation, subscription, _ = member
    monkeypatch.setattr(access, "SNAPSHOT_LIMIT", snapshot_limit)

    def check(query, token=None, cookie=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        if cookie:  # as browsers send it: the SDK's name holds ':' and '/', which Python's cookie jar refuses
            headers["HTTP_COOKIE"] = f"theme=dark; {cookie[0]}={cookie[1]}"
        return client.get(f"/api/access?{query}", HTTP_SALEOR_API_URL=standin.api_url, **headers)

    member_answer = check("plan=monthly", _token(standin))
    assert (member_answer.status_code, member_answer["X-Member-Paid-Through"]) == (200, "2027-02-28T00:00:00+09:00")
    assert check(f"product={subscription.plan.product.product_id}", _token(standin)).status_code == 200
    assert check("plan=yearly", _token(standin)).status_code == 403  # signed in, not a member of that plan
    assert check("plan=monthly", _token(standin, user_id="VXNlcjo5OQ==")).status_code == 403  # another customer

    missing = check("plan=monthly")
    assert (missing.status_code, missing["WWW-Authenticate"]) == (401, f'Bearer realm="{installation.saleor_domain}"')
    for token, code in ((_token(standin, lifetime=-10), "token_expired"),
                        (SigningKey().token("https://other-shop.example.com/graphql/", user_id=USER["id"]), "token_other_instance"),
                        (_token(standin, token_type="refresh"), "token_not_access")):
        refused = check("plan=monthly", token)
        assert refused.status_code == 401
        assert refused["WWW-Authenticate"].endswith(f'error="invalid_token", error_description="{code}"')

    # the Saleor auth SDK's cookie, or one the web server names
    assert check("plan=monthly", cookie=(standin.api_url + "+saleor_auth_access_token", _token(standin))).status_code == 200
    assert check("plan=monthly&cookie=members", cookie=("members", _token(standin))).status_code == 200
    assert check("plan=monthly&product=x", _token(standin)).status_code == 400


def _readme_nginx(replacements: dict) -> str:
    """The README's nginx example, pointed at this test's app, Saleor and a scratch web root."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = re.search(r"```nginx\n(.*?)```", readme, re.S).group(1)
    for old, new in replacements.items():
        assert old in block, old
        block = block.replace(old, new)
    return block


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture
def served_app():
    """The app as saleor_subscriptions.wsgi composes it (Django's handler, the access check beside it) on a loopback
    port: its address. Not by importing that module: its django.setup() would configure logging again, onto the
    stream pytest is capturing at that moment."""
    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    def serve():
        try:
            server.serve_forever()
        finally:
            connections.close_all()  # the requests' database connection, this thread's own

    server = make_server("127.0.0.1", free_port(), with_access_check(WSGIHandler()), handler_class=Quiet)
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
@pytest.mark.django_db(transaction=True)
def test_the_readme_nginx_example_lets_members_in_and_sends_others_to_sign_in_or_subscribe(member, served_app, tmp_path):
    standin, installation, subscription, _ = member
    port = free_port()
    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "guide.pdf").write_text("for members")
    server = _readme_nginx({
        "listen 443 ssl;": f"listen 127.0.0.1:{port};", "subscriptions.internal:8080": served_app,
        "subscriptions.example.com": "localhost", "https://shop.example.com/graphql/": standin.api_url,
        "root /srv/shop;": f"root {tmp_path};", "plan=gold": "plan=monthly"})
    config = tmp_path / "nginx.conf"
    workers = "user root;\n" if os.geteuid() == 0 else ""  # root's scratch directory is closed to nobody
    config.write_text(f"{workers}daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
                      f"events {{}}\nhttp {{\naccess_log off; client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n"
                      f"{server}}}\n")
    assert subprocess.run(["nginx", "-t", "-c", str(config)], capture_output=True).returncode == 0
    nginx = subprocess.Popen(["nginx", "-c", str(config)], stderr=subprocess.PIPE)
    try:
        wait_for_port(port)
        url = f"http://127.0.0.1:{port}/members/guide.pdf"
        member_gets = requests.get(url, headers={"Authorization": f"Bearer {_token(standin)}"}, allow_redirects=False)
        assert (member_gets.status_code, member_gets.text) == (200, "for members")
        assert member_gets.headers["X-Member-Paid-Through"] == "2027-02-28T00:00:00+09:00"
        cookie = {"Cookie": f"{standin.api_url}+saleor_auth_access_token={_token(standin)}"}
        assert requests.get(url, headers=cookie, allow_redirects=False).status_code == 200
        stranger = requests.get(url, headers={"Authorization": f"Bearer {_token(standin, user_id='VXNlcjo5OQ==')}"},
                                allow_redirects=False)
        assert (stranger.status_code, stranger.headers["Location"]) == (302, f"http://127.0.0.1:{port}/products/gold-membership")
        expired = requests.get(url, headers={"Authorization": f"Bearer {_token(standin, lifetime=-10)}"}, allow_redirects=False)
        assert (expired.status_code, expired.headers["Location"]) == (
            302, f"http://127.0.0.1:{port}/login?next=/members/guide.pdf")
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
