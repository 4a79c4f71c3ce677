"""The `make run` path end to end: the real server process with embedded defaults (SQLite,
in-process tasks), installed by the stand-in over real HTTP, then sent signed webhooks."""

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest
import requests

from .conftest import TRIAL_TERMS, free_port, order_payload
from .saleor_standin.signing import SigningKey
from .saleor_standin.standin import SaleorStandin
from .saleor_standin.transport import serve
from .test_webhooks import ORDER


def real_http(method, url, headers, body):
    response = requests.request(method, url, headers=headers, data=body, timeout=10, allow_redirects=False)
    return response.status_code, dict(response.headers), response.content


@pytest.fixture
def running_app(tmp_path):
    with serve(SaleorStandin) as standin:
        port = free_port()
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "DEBUG": "1", "DATA_DIR": str(tmp_path / "var"),
               "PORT": str(port), "SALEOR_ALLOWED_API_URLS": standin.api_url, "LOG_LEVEL": "WARNING",
               "BEAT_INTERVAL_SECONDS": "1"}
        process = subprocess.Popen(
            [sys.executable, "-m", "saleor_subscriptions", "serve", "--migrate"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{base}/healthz", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"the app did not start:\n{process.stdout.read()}")
                time.sleep(0.2)
        try:
            yield standin, base, tmp_path / "var" / "db.sqlite3"
        finally:
            process.terminate()
            output, _ = process.communicate(timeout=10)
        assert f"Manifest URL: {base}/api/manifest" in output


def rows(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_the_served_app_installs_and_accepts_only_signed_webhooks(running_app):
    standin, base, database = running_app
    app = standin.install(real_http, f"{base}/api/manifest")
    assert rows(database, "SELECT saleor_api_url, app_id, is_active FROM saleor_subscriptions_installation") == [
        (standin.api_url, app.id, 1)
    ]

    [(status, _, _)] = standin.emit(real_http, "ORDER_CREATED", {"order": ORDER})
    assert status == 200
    assert rows(database, "SELECT event_type, status FROM saleor_subscriptions_webhookdelivery") == [("order_created", "processed")]

    [(status, _, _)] = standin.emit(real_http, "ORDER_CREATED", {"order": {**ORDER, "number": "7"}}, tamper=lambda b: b.replace(b'"7"', b'"8"'))
    assert status == 401
    genuine = standin.key
    standin.key = SigningKey()  # a foreign key under its own kid
    [(status, _, _)] = standin.emit(real_http, "ORDER_CREATED", {"order": {**ORDER, "number": "9"}})
    assert status == 401
    assert len(rows(database, "SELECT id FROM saleor_subscriptions_webhookdelivery")) == 1

    standin.key = genuine
    [(status, _, _)] = standin.delete_app(real_http, app)
    assert status == 200
    assert rows(database, "SELECT is_active FROM saleor_subscriptions_installation") == [(0,)]


PLAN_CREATE = """mutation Create($productId: ID!, $code: String!, $terms: JSONString!) {
  planCreate(productId: $productId, code: $code, terms: $terms) { plan { code } errors { field code message } }
}"""
SETTINGS = """mutation U($s: JSONString!) { installationSettingsUpdate(settings: $s) { errors { field code message } } }"""
FUNNEL_CREATE = """mutation C($funnel: JSONString!) { funnelCreate(funnel: $funnel) { errors { field code message } } }"""


def wait_for(database, sql, seconds=60):
    """Rows the served process writes by itself, within `seconds`."""
    deadline = time.monotonic() + seconds
    while not (found := rows(database, sql)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return found


def staff(standin, base, app, query, permissions, **variables):
    token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3", permissions=permissions)
    answer = requests.post(f"{base}/graphql/", timeout=10, json={"query": query, "variables": variables},
                           headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token}).json()
    (result,) = answer["data"].values()
    assert result["errors"] == [], answer


def test_the_served_app_renews_sends_step_mails_and_retries_mails_by_itself(running_app):
    """No manual call: the embedded scheduler does the beat's work, while Saleor calls the app back inside its mutations."""
    standin, base, database = running_app
    standin.deliver_inline = real_http
    app = standin.install(real_http, f"{base}/api/manifest")
    channel = standin.add_channel("jp", "JPY", shipping=500)
    tea = standin.add_product("Green tea", variants=[("100 g", {"jp": 6800})])
    trial = standin.add_product("Trial set", variants=[("3 bags", {"jp": 980})])
    terms = {**TRIAL_TERMS, "payment_methods": ["card", "cod"]}
    staff(standin, base, app, PLAN_CREATE, ["MANAGE_PRODUCTS"], productId=tea["id"], code="monthly", terms=json.dumps(terms))
    staff(standin, base, app, SETTINGS, ["MANAGE_CHANNELS"], s=json.dumps({"sender_name": "お茶の山田園", "sender_address": "東京都千代田区丸の内1-1"}))
    regular = {key: value for key, value in terms.items() if key != "trial"}
    staff(standin, base, app, PLAN_CREATE, ["MANAGE_PRODUCTS"], productId=tea["id"], code="regular", terms=json.dumps(regular))
    staff(standin, base, app, FUNNEL_CREATE, ["MANAGE_DISCOUNTS"], funnel=json.dumps({
        "name": "Trial → monthly", "trigger_product_id": trial["id"], "target_plan": "regular",
        "target_variant_id": tea["variants"][0]["id"], "offer_percent_off": "10",
        "steps": [{"delay_days": 30, "texts": {"ja": {"subject": "お試しセットはいかがでしたか", "body": "定期便が10%オフです。"}}}]}))

    # a cash-on-delivery subscription bought 35 days ago (its first renewal is overdue), and a trial set
    # bought 31 days ago (its first step mail is due)
    bought = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=35)
    order = order_payload(channel, tea["variants"][0]["id"], number=1, created=bought.isoformat())
    order |= {"chargeStatus": "NONE", "transactions": [{"pspReference": "cod:1", "chargePendingAmount": {"amount": 980.0, "currency": "JPY"}}]}
    [(status, _, _)] = standin.emit(real_http, "ORDER_CREATED", {"order": order})
    assert status == 200
    tried = order_payload(channel, trial["variants"][0]["id"], number=2, created=(bought + datetime.timedelta(days=4)).isoformat(),
                          user={"id": "VXNlcjo5", "email": "taro@example.jp"})
    tried["lines"][0] |= {"metadata": [], "variant": {"id": trial["variants"][0]["id"], "product": {"id": trial["id"]}}}
    [(status, _, _)] = standin.emit(real_http, "ORDER_FULLY_PAID", {"order": tried})
    assert status == 200

    assert wait_for(database, "SELECT state FROM saleor_subscriptions_renewal WHERE state = 'done'")
    (renewal,) = [o for o in standin.orders.values() if (o["externalReference"] or "").startswith("sub-")]
    assert renewal["status"] == "UNFULFILLED" and renewal["transactions"][0]["pending"] == 6500  # ¥6,000 + ¥500 shipping
    # Saleor's ORDER_CREATED for the renewal came inside draftOrderComplete, and was taken, not locked out
    assert ("ORDER_CREATED", 200) in standin.inline
    assert rows(database, "SELECT status FROM saleor_subscriptions_webhookdelivery WHERE event_type = 'order_created'") == [
        ("processed",), ("processed",)]
    assert wait_for(database, "SELECT subject FROM saleor_subscriptions_maillog WHERE kind = 'funnel_step' AND status = 'sent'") == [
        ("お試しセットはいかがでしたか",)]

    # a mail whose last attempt failed, due for its retry now
    (installation,) = rows(database, "SELECT id FROM saleor_subscriptions_installation")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO saleor_subscriptions_maillog (installation_id, key, kind, \"to\", language, subject, text_body, html_body,"
            " headers, status, attempts, last_error, next_attempt_at, created_at)"
            " VALUES (?, 'retry-me', 'renewal_placed', 'hanako@example.jp', 'ja', 'ご注文を承りました', '本文', '', '{}',"
            " 'pending', 1, 'SMTPServerDisconnected: Connection unexpectedly closed', ?, ?)",
            (installation[0], "2000-01-01 00:00:00", "2000-01-01 00:00:00"))
    assert wait_for(database, "SELECT attempts FROM saleor_subscriptions_maillog WHERE key = 'retry-me' AND status = 'sent'") == [(2,)]
