"""Hypothesis-graphql over our own schema, as an anonymous or badly authenticated caller: never an
HTTP 500, never an internal error, never internal text (tracebacks, exception names, SQL) in a message."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from saleor_subscriptions.api.schema import schema

pytestmark = pytest.mark.django_db

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12)
SCALARS = {"JSONString": JSON.map(lambda value: nodes.String(json.dumps(value))),
           "Date": st.one_of(st.dates().map(lambda day: nodes.String(day.isoformat())), st.text(max_size=12).map(nodes.String))}
OPERATIONS = st.one_of(
    from_schema(schema.graphql_schema, custom_scalars=SCALARS),
    from_schema(schema.graphql_schema, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
)
HEADERS = st.sampled_from([
    {},
    {"Saleor-Api-Url": "not a url"},
    {"Saleor-Api-Url": "https://attacker.example/graphql/"},
    {"Saleor-Api-Url": "http://127.0.0.1:1/graphql/"},
    {"Authorization-Bearer": "garbage"},
    {"Authorization-Bearer": "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln"},
    {"Authorization": "Bearer garbage", "Authorization-Bearer": "a.b.c"},
    {"Accept-Language": "ja"},
])
INTERNAL_TEXT = re.compile(
    r"Traceback|File \"|\b\w+(Error|Exception)\b|NoneType|object is not|object of type|unhashable|has no attribute|"
    r"positional argument|not subscriptable|invalid literal|character varying|cannot contain NUL|"
    r"\b(SELECT|INSERT|UPDATE|DELETE)\b .*\b(FROM|INTO|SET|WHERE)\b|psycopg|sqlite|django\.|saleor_subscriptions\.")


def messages(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "message" and isinstance(item, str):
                yield item
            else:
                yield from messages(item)
    elif isinstance(value, list):
        for item in value:
            yield from messages(item)


@pytest.fixture
def api(client, installed):
    standin, _, _ = installed

    def call(query, headers):
        # the installed Saleor where the header names none, so resolvers get past the instance
        headers = {"Saleor-Api-Url": standin.api_url, **headers}
        return client.post("/graphql/", {"query": query}, content_type="application/json", headers=headers)

    return call


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(query=OPERATIONS, headers=HEADERS)
def test_no_500_and_no_internal_text_for_any_query(api, query, headers):
    response = api(query, headers)
    assert response.status_code in (200, 400), (response.status_code, query, response.content[:500])
    body = response.json()
    assert "INTERNAL_ERROR" not in json.dumps(body), (query, body)
    for message in messages(body):
        assert not INTERNAL_TEXT.search(message), (query, message)


@pytest.fixture
def staff_api(client, shop):
    standin, _, _ = shop
    app = next(iter(standin.apps.values()))
    token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                              permissions=["MANAGE_PRODUCTS", "MANAGE_CHANNELS", "MANAGE_DISCOUNTS", "MANAGE_ORDERS"])
    return lambda query: client.post("/graphql/", {"query": query}, content_type="application/json",
                                     headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token})


STAFF_FIELDS = ["planCreate", "planUpdate", "planArchive", "productSubscriptionSet", "installationSettingsUpdate",
                "funnelCreate", "mailTestSend", "mailPreview", "paymentMarkReceived", "staffPlans", "funnels",
                "staffSubscriptions", "staffSubscription", "staffSubscriptionSkip", "staffSubscriptionReschedule",
                "staffSubscriptionQuantity", "staffSubscriptionPause", "staffSubscriptionResume", "staffSubscriptionCancel",
                "staffSubscriptionPrice", "staffSubscriptionRenewNow", "staffSubscriptionPaymentMethod",
                "staffSubscriptionAddress", "staffCustomers", "staffCustomer", "staffChannels", "staffProducts", "staffPhoneOrderQuote", "staffPhoneOrderPlace",
                "staffCardSetup", "staffSubscriptionCard"]


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(query=from_schema(schema.graphql_schema, fields=STAFF_FIELDS, custom_scalars=SCALARS))
def test_staff_input_never_reaches_a_resolver_unchecked(staff_api, query):
    # explicit nulls, empty ids, 0 and odd JSON once gave 'NoneType' and ValueError texts
    response = staff_api(query)
    assert response.status_code in (200, 400), (response.status_code, query, response.content[:500])
    body = response.json()
    assert "INTERNAL_ERROR" not in json.dumps(body), (query, body)
    for message in messages(body):
        assert not INTERNAL_TEXT.search(message), (query, message)


REQUEST_BODIES = st.one_of(
    JSON,
    st.fixed_dictionaries({"query": JSON}, optional={"variables": JSON, "operationName": JSON}),
    st.fixed_dictionaries({"query": st.just("query Q($a: String) { __typename }")},
                          optional={"variables": JSON, "operationName": JSON}),
)


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=REQUEST_BODIES)
def test_any_json_body_is_answered_in_our_words(client, body):
    response = client.post("/graphql/", json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400), (body, response.content[:500])
    for message in messages(response.json()):
        assert not INTERNAL_TEXT.search(message) and "INTERNAL_ERROR" not in response.content.decode(), (body, message)
