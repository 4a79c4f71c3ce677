"""The Saleor client: named operations, three kinds of error, retries, pagination."""

import pytest
from tenacity import wait_none

from saleor_subscriptions.saleor.client import (
    SaleorClient,
    SaleorGraphQLError,
    SaleorMutationError,
    SaleorTransportError,
)
from saleor_subscriptions.saleor.documents import DocumentError

from .saleor_standin.standin import SaleorStandin, StandinApp, gid
from .saleor_standin.transport import serve


@pytest.fixture
def saleor():
    with serve(SaleorStandin) as standin:
        standin.apps["app-token"] = StandinApp(gid("App", 7), "Subs", "subs", "app-token", ["MANAGE_PRODUCTS"])
        yield standin


def client_for(saleor, token="app-token"):
    return SaleorClient(saleor.api_url, token, wait=wait_none())


def test_a_named_query_runs_with_the_app_token(saleor):
    data = client_for(saleor).execute("AppInstallation")
    assert data["app"]["id"] == gid("App", 7)
    assert data["shop"]["version"] == "3.23.28"
    (received,) = saleor.received
    assert (received.operation_name, received.token) == ("AppInstallation", "app-token")


def test_top_level_errors_are_graphql_errors(saleor):
    with pytest.raises(SaleorGraphQLError) as error:
        client_for(saleor, token="unknown").execute("AppInstallation")
    assert error.value.permission_denied
    assert len(saleor.received) == 1  # refusals are not retried


def test_a_mutation_errors_list_raises_with_field_and_code(saleor):
    with pytest.raises(SaleorMutationError) as error:
        client_for(saleor).execute("UpdateMetadata", {"id": gid("Product", 999), "input": [{"key": "k", "value": "v"}]})
    assert error.value.mutation == "updateMetadata"
    assert error.value.errors == [{"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve id: {gid('Product', 999)}."}]


def test_a_successful_mutation_returns_its_data(saleor):
    product = saleor.add_product("Coffee beans")
    client_for(saleor).execute("UpdateMetadata", {"id": product["id"], "input": [{"key": "subscribable", "value": "true"}]})
    assert saleor.metadata[product["id"]] == {"subscribable": "true"}


def test_queries_are_retried_through_server_errors(saleor):
    saleor.http_failures = [502, 503]
    assert client_for(saleor).execute("AppInstallation")["app"]["id"]
    assert saleor.http_failures == []


def test_retries_give_up_after_the_last_attempt(saleor):
    saleor.http_failures = [502] * 10
    with pytest.raises(SaleorTransportError) as error:
        client_for(saleor).execute("AppInstallation")
    assert error.value.status == 502
    assert len(saleor.http_failures) == 10 - 4


def test_mutations_are_not_retried_unless_idempotent(saleor):
    product = saleor.add_product("Tea")
    variables = {"id": product["id"], "input": [{"key": "k", "value": "v"}]}
    saleor.http_failures = [503]
    with pytest.raises(SaleorTransportError):
        client_for(saleor).execute("UpdateMetadata", variables)
    saleor.http_failures = [503]
    client_for(saleor).execute("UpdateMetadata", variables, idempotent=True)
    assert saleor.metadata[product["id"]] == {"k": "v"}


def test_an_unreachable_saleor_is_a_transport_error():
    with serve(SaleorStandin) as gone:
        url = gone.api_url
    with pytest.raises(SaleorTransportError, match="ConnectionError"):
        SaleorClient(url, "t", wait=wait_none()).execute("AppInstallation")


def test_a_wrong_url_is_not_retried(saleor):
    client = SaleorClient(saleor.api_url.replace("/graphql/", "/nope/"), "app-token", wait=wait_none())
    with pytest.raises(SaleorTransportError) as error:
        client.execute("AppInstallation")
    assert (error.value.status, error.value.retryable) == (404, False)


def test_paginate_follows_every_page(saleor):
    for number in range(250):
        saleor.add_product(f"Product {number}")
    names = [node["name"] for node in client_for(saleor).paginate("Products", path="products", page_size=100)]
    assert names == [f"Product {number}" for number in range(250)]
    assert [r.variables["after"] for r in saleor.received] == [None, "100", "200"]


def test_an_unknown_operation_name_is_an_error(saleor):
    with pytest.raises(DocumentError, match="no operation named 'Nope'"):
        client_for(saleor).execute("Nope")


def test_saleor_is_called_through_the_environment_s_proxy_except_for_no_proxy_hosts(monkeypatch):
    """Read once per host (not scanned again for every call), yet honoured as `requests` would."""
    from saleor_subscriptions.saleor import http

    with serve(SaleorStandin) as proxy:  # any loopback HTTP server stands for the proxy: it records what reaches it
        proxy.apps["app-token"] = StandinApp(gid("App", 7), "Subs", "subs", "app-token", [])
        monkeypatch.setenv("HTTP_PROXY", proxy.api_url.rsplit("/graphql/", 1)[0])
        monkeypatch.setenv("NO_PROXY", "saleor.invalid")
        http._proxy.cache_clear()
        try:
            SaleorClient("http://shop.invalid/graphql/", "app-token", wait=wait_none()).execute("AppInstallation")
            with pytest.raises(SaleorTransportError, match="NameResolutionError"):
                SaleorClient("http://saleor.invalid/graphql/", "app-token", wait=wait_none()).execute("AppInstallation")
        finally:
            http._proxy.cache_clear()
    assert [r.operation_name for r in proxy.received] == ["AppInstallation"]  # the no-proxy host was called directly, not through it


def test_inside_pinned_a_hosts_calls_go_to_the_address_checked_not_where_dns_points(saleor):
    """A name libcurl cannot resolve (.invalid) reaches the stand-in on the loopback only through the pin."""
    from saleor_subscriptions.saleor import http

    port = saleor.api_url.split(":")[2].split("/")[0]
    api_url = f"http://shop.rebind.invalid:{port}/graphql/"
    with http.pinned(api_url, "127.0.0.1"):
        assert SaleorClient(api_url, "app-token", wait=wait_none()).execute("AppInstallation")["app"]["id"] == gid("App", 7)
        with pytest.raises(SaleorTransportError, match="NameResolutionError"):  # another port of the host is not pinned
            SaleorClient(f"http://shop.rebind.invalid:{int(port) + 1}/graphql/", "app-token", wait=wait_none()).execute(
                "AppInstallation")
    with pytest.raises(SaleorTransportError, match="NameResolutionError"):  # outside it, and on the same thread's handle
        SaleorClient(api_url, "app-token", wait=wait_none()).execute("AppInstallation")
    assert [r.operation_name for r in saleor.received] == ["AppInstallation"]


def test_answer_headers_are_those_of_the_final_answer_whatever_their_case():
    from saleor_subscriptions.saleor.http import _Headers

    headers = _Headers([b"HTTP/1.1 100 Continue\r\n", b"\r\n", b"HTTP/1.1 200 OK\r\n", b"Request-Id: req_1\r\n",
                        b"Content-Type: application/json\r\n", b"\r\n"])
    assert headers["request-id"] == headers.get("REQUEST-ID") == "req_1"
    assert dict(headers) == {"request-id": "req_1", "content-type": "application/json"}
