"""Deeply nested JSON is refused with a coded 400 on every JSON endpoint, never a 500."""

import json

import pytest

from saleor_subscriptions.core import bounded_json
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.saleor.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

DEEP = "[" * 5000 + "]" * 5000
JUST_TOO_DEEP = "[" * (bounded_json.MAX_DEPTH + 1) + "]" * (bounded_json.MAX_DEPTH + 1)


def nested(inner, depth):
    return "{\"a\": " * depth + inner + "}" * depth


@pytest.mark.parametrize("body", [DEEP, nested('"x"', 5000), f'{{"auth_token": "x", "y": {JUST_TOO_DEEP}}}'])
def test_register_refuses_deep_json_before_anything_else(client, body):
    response = client.post("/api/register", data=body, content_type="application/json",
                           headers={"Saleor-Api-Url": "https://attacker.example/graphql/"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "json_too_deep"
    assert not Installation.objects.exists()


@pytest.mark.parametrize("body", [DEEP, json.dumps({"query": "{ __typename }"})[:-1] + f', "variables": {{"v": {JUST_TOO_DEEP}}}}}'])
def test_graphql_refuses_deep_json_with_a_coded_error(client, body):
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "json_too_deep"
    assert "64" in error["message"]


def test_graphql_refuses_deep_variables_sent_in_the_url(client):
    response = client.get("/graphql/", {"query": "{ __typename }", "variables": DEEP}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "json_too_deep"


def test_graphql_still_answers_ordinary_requests_and_reports_bad_json(client):
    ok = client.post("/graphql/", data={"query": "{ __typename }"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json() == {"data": {"__typename": "Query"}}
    bad = client.post("/graphql/", data="{not json", content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"]["code"] == "invalid_json"


def test_a_signed_webhook_nested_too_deep_is_refused_not_crashed(installed, client):
    standin, app, _ = installed
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": app.id}})[:-1].encode() + b', "x": ' + DEEP.encode() + b"}"
    response = client.post("/api/webhooks/saleor", data=body, content_type="application/json", headers={
        "Saleor-Event": "order_created", "Saleor-Api-Url": standin.api_url, "Saleor-Signature": standin.key.sign_webhook(body)})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_payload"
    assert not WebhookDelivery.objects.exists()


def test_the_bound_is_exact():
    ok = "[" * bounded_json.MAX_DEPTH + "]" * bounded_json.MAX_DEPTH
    assert bounded_json.loads(ok)
    with pytest.raises(bounded_json.TooDeep):
        bounded_json.loads(JUST_TOO_DEEP)
