"""Browser storefronts on other origins can call /graphql/ (CORS), and nothing else opens up."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://shop.example.com"


def preflight(client, path, headers="content-type, saleor-api-url"):
    return client.options(path, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                          HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers)


def test_a_storefront_preflight_to_graphql_is_answered(client):
    response = preflight(client, "/graphql/", "content-type, saleor-api-url, authorization-bearer, authorization")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "saleor-api-url", "authorization-bearer", "authorization"} <= allowed
    assert {"GET", "POST", "OPTIONS"} == {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert "Access-Control-Allow-Credentials" not in response  # bearer tokens only, never cookies


def test_the_actual_graphql_response_may_be_read_by_the_storefront(client):
    response = client.post("/graphql/", data={"query": "{ __typename }"}, content_type="application/json",
                           HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/api/register", "/api/webhooks/saleor", "/api/manifest"])
def test_other_endpoints_stay_closed_to_browsers_on_other_origins(client, path):
    response = preflight(client, path)
    assert "Access-Control-Allow-Origin" not in response
