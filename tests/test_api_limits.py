"""The cost limits of /graphql/, and what a caller sees when a resolver fails: coded errors, no internal text."""

import logging

import pytest

from saleor_subscriptions.api import limits, selling_plans
from saleor_subscriptions.saleor.client import SaleorClient, SaleorTransportError

pytestmark = pytest.mark.django_db


def post(client, query, headers=None, **variables):
    return client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                       headers=headers or {})


def refusal(response):
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    return error


def test_a_hundred_thousand_aliases_are_refused_by_size_at_once(client, monkeypatch):
    query = "{" + " ".join(f"a{n}: __typename" for n in range(100_000)) + "}"
    parsed = []
    monkeypatch.setattr(limits, "parse", lambda *args, **kwargs: parsed.append(args))
    error = refusal(post(client, query, {"Accept-Language": "en"}))
    assert parsed == []  # refused by its length alone: the 1.3 MB document is never tokenised
    assert error["extensions"]["limit"] == "large"
    assert f"{limits.MAX_BYTES} bytes" in error["message"]


def test_a_compact_query_of_too_many_tokens_is_refused(client):
    query = "{" + " ".join(f"a{n}:__typename" for n in range(800)) + "}"
    assert len(query.encode()) < limits.MAX_BYTES
    error = refusal(post(client, query))
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "limit": "many_tokens", "max": limits.MAX_TOKENS}


def test_the_limit_is_named_in_the_callers_language(client, settings):
    settings.LANGUAGE_CODE = "ja"
    query = "{" + " ".join(f"a{n}:__typename" for n in range(800)) + "}"
    error = refusal(post(client, query))  # no Accept-Language: the deployment's LANGUAGE_CODE
    assert error["message"] == f"クエリが複雑すぎます：トークン数が{limits.MAX_TOKENS}を超えています。"


def test_fields_that_call_saleor_cannot_be_multiplied_with_aliases(client, shop):
    standin, _, product = shop
    selection = f'sellingPlans(channel: "jp", productId: "{product["id"]}") {{ currency }}'

    def aliased(count):
        return "{" + " ".join(f"p{n}: {selection}" for n in range(count)) + "}"

    calls = len(standin.received)
    error = refusal(post(client, aliased(limits.MAX_COSTLY_FIELDS + 1), {"Saleor-Api-Url": standin.api_url, "Accept-Language": "en"}))
    assert error["extensions"]["limit"] == "many_costly_fields" and "sellingPlans" in error["message"]
    assert len(standin.received) == calls  # refused before anything ran
    answered = post(client, aliased(limits.MAX_COSTLY_FIELDS), {"Saleor-Api-Url": standin.api_url}).json()
    assert [plans["currency"] for plans in answered["data"].values()] == ["JPY"] * limits.MAX_COSTLY_FIELDS


def test_too_many_top_level_fields(client):
    query = "{" + " ".join(f"a{n}: __typename" for n in range(limits.MAX_ROOT_FIELDS + 1)) + "}"
    assert refusal(post(client, query))["extensions"]["limit"] == "many_root_fields"


def test_fragments_count_every_time_they_are_used(client):
    # 2**12 leaves from a few hundred bytes: a fragment bomb
    fragments = ["fragment F0 on __Type { name }"]
    fragments += [f"fragment F{n} on __Type {{ ...F{n - 1} ofType {{ ...F{n - 1} }} }}" for n in range(1, 13)]
    query = '{ __type(name: "Query") { ...F12 } } ' + " ".join(fragments)
    assert refusal(post(client, query))["extensions"]["limit"] in ("many_fields", "deep")


def test_nesting_deeper_than_the_limit_is_refused_and_introspection_still_works(client):
    nested = "name " + "ofType { " * (limits.MAX_DEPTH) + "name" + " }" * limits.MAX_DEPTH
    error = refusal(post(client, f'{{ __type(name: "Query") {{ {nested} }} }}'))
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "limit": "deep", "max": limits.MAX_DEPTH}
    from graphql import get_introspection_query

    response = post(client, get_introspection_query(descriptions=True))
    assert response.status_code == 200 and "errors" not in response.json()


def test_a_failing_resolver_answers_a_coded_generic_error_and_logs_the_cause(client, shop, monkeypatch, caplog, settings):
    settings.DEBUG = False
    standin, _, product = shop

    def broken(*args, **kwargs):
        raise TypeError("'NoneType' object is not iterable")

    monkeypatch.setattr(selling_plans, "offers_for", broken)
    query = f'{{ sellingPlans(channel: "jp", productId: "{product["id"]}") {{ currency }} }}'
    with caplog.at_level(logging.ERROR):
        body = post(client, query, {"Saleor-Api-Url": standin.api_url, "Accept-Language": "zh-TW"}).json()
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "INTERNAL_ERROR"}
    assert error["message"] == "伺服器端發生問題，請求未能完成。請稍後再試。"
    assert "NoneType" not in str(body)
    assert "'NoneType' object is not iterable" in caplog.text  # for the operator


@pytest.mark.parametrize("text", ["a\x00b", "\ud800"])
def test_text_no_column_can_store_is_a_coded_payload_error(client, installed, text):
    standin, _, _ = installed
    query = 'query Q($channel: String!) { sellingPlans(channel: $channel, productId: "x") { plans { code } errors { field code message } } }'
    response = client.post("/graphql/", {"query": query, "variables": {"channel": text}}, content_type="application/json",
                           headers={"Saleor-Api-Url": standin.api_url})
    body = response.json()
    assert body == {"data": {"sellingPlans": {"plans": [], "errors": [
        {"field": "channel", "code": "INVALID_CHARACTER", "message": body["data"]["sellingPlans"]["errors"][0]["message"]}]}}}
    assert "NUL" in body["data"]["sellingPlans"]["errors"][0]["message"]


@pytest.mark.parametrize("token", ["a.b.c", "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln", "garbage"])
def test_a_bad_dashboard_token_is_refused_without_the_libraries_words(client, installed, token):
    standin, _, _ = installed
    body = post(client, "{ staffPlans { errors { code message } } }",
                {"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token, "Accept-Language": "zh-Hans"}).json()
    assert body["data"]["staffPlans"]["errors"] == [{"code": "UNAUTHENTICATED",
                                                     "message": "请在 Authorization-Bearer 请求头中发送此 Saleor 有效且未过期的 Dashboard 令牌。"}]


def test_an_unknown_saleor_is_named_in_the_callers_language(client, installed):
    body = post(client, '{ sellingPlans(channel: "jp", productId: "x") { errors { code message } } }',
                {"Saleor-Api-Url": "https://attacker.example/graphql/", "Accept-Language": "ja"}).json()
    (error,) = body["data"]["sellingPlans"]["errors"]
    assert error["code"] == "UNKNOWN_INSTANCE" and error["message"].startswith("このSaleorには")


@pytest.mark.parametrize("body", [{"query": 5}, {"query": ["{ __typename }"]}, {"query": "{ __typename }", "variables": [1]},
                                  {"query": "{ __typename }", "operationName": {"a": 1}}])
def test_a_body_of_the_wrong_shape_is_a_coded_400_in_our_words(client, body):
    response = client.post("/graphql/", body, content_type="application/json", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Send a JSON object with query (a string), and optionally variables "
                                                      "(an object) and operationName (a string).",
                                           "extensions": {"code": "BAD_REQUEST"}}]}


@pytest.mark.parametrize("operation", [
    '{ sellingPlans(channel: "jp", productId: "UHJvZHVjdDox") { errors { code message } } }',
    'mutation { subscriptionLineAdd(checkoutId: "Q2hlY2tvdXQ6MQ==", variantId: "x", quantity: 1, plan: "monthly") '
    '{ errors { code message } } }',
])
def test_saleor_out_of_reach_is_said_without_the_http_librarys_words(client, installed, monkeypatch, caplog, operation):
    standin, _, _ = installed

    def unreachable(self, name, *args, **kwargs):
        raise SaleorTransportError(f"{name}: ConnectionError: HTTPConnectionPool(host='10.0.0.7', port=8000): Max retries")

    monkeypatch.setattr(SaleorClient, "execute", unreachable)
    body = post(client, operation, {"Saleor-Api-Url": standin.api_url, "Accept-Language": "en"}).json()
    (error,) = next(iter(body["data"].values()))["errors"]
    assert error == {"code": "SALEOR_UNAVAILABLE",
                     "message": "The shop's Saleor could not be reached or did not answer. Please try again in a moment."}
    assert "HTTPConnectionPool" in caplog.text


def test_introspection_of_a_name_with_nul_is_just_not_found(client):
    body = post(client, 'query T($name: String!) { __type(name: $name) { name } }', name="Query\x00").json()
    assert body == {"data": {"__type": None}}
