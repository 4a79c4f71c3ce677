"""Installing the app into Saleor: manifest → tokenTargetUrl → Installation, idempotent per instance."""

import json

import pytest
from django.db import connection

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.installations.models import Installation

from .conftest import MANIFEST_URL
from .saleor_standin.standin import InstallFailed, SaleorStandin
from .saleor_standin.transport import serve


def register(client, api_url, body, **headers):
    headers = {"Saleor-Api-Url": api_url, "Saleor-Domain": "shop.example.com", **headers}
    return client.post("/api/register", data=body, content_type="application/json", headers=headers)


@pytest.mark.django_db
def test_install_stores_the_installation_with_the_token_encrypted(installed):
    standin, app, installation = installed
    assert installation.is_active
    assert installation.app_id == app.id
    assert installation.app_token == app.token
    assert installation.saleor_version == "3.23.28"
    assert installation.permissions == sorted(app.permissions)
    assert installation.jwks == standin.key.jwks
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_token_encrypted FROM saleor_subscriptions_installation")
        (stored,) = cursor.fetchone()
    assert app.token not in stored
    assert [e.type for e in installation.events.all()] == ["app.installed"]
    # the app proved the token with exactly one call, validated against Saleor's schema
    assert [(r.operation_name, r.token) for r in standin.received] == [("AppInstallation", app.token)]


@pytest.mark.django_db
def test_a_retried_install_replaces_the_token_on_the_same_row(installed, app_http):
    standin, first, installation = installed
    second = standin.install(app_http, MANIFEST_URL)
    assert second.id != first.id
    assert Installation.objects.count() == 1
    installation.refresh_from_db()
    assert (installation.app_id, installation.app_token) == (second.id, second.token)
    assert [e.type for e in installation.events.all()] == ["app.installed", "app.reinstalled"]


@pytest.mark.django_db
def test_the_same_registration_posted_twice_changes_nothing(installed, client):
    standin, app, installation = installed
    response = register(client, standin.api_url, json.dumps({"auth_token": app.token}))
    assert response.status_code == 200
    assert response.json() == {"success": True}
    assert Installation.objects.count() == 1
    assert installation.events.count() == 1


@pytest.mark.django_db
def test_installer_granting_fewer_permissions_is_recorded(standin, app_http):
    standin.install(app_http, MANIFEST_URL, permissions=["MANAGE_ORDERS", "HANDLE_PAYMENTS"])
    assert Installation.objects.get().permissions == ["HANDLE_PAYMENTS", "MANAGE_ORDERS"]


@pytest.mark.django_db
def test_a_saleor_not_on_the_allow_list_cannot_install(app_http):
    with serve(SaleorStandin) as stranger:
        with pytest.raises(InstallFailed, match="not in this app's SALEOR_ALLOWED_API_URLS"):
            stranger.install(app_http, MANIFEST_URL)
        assert stranger.received == []  # its token was never even tried
    assert not Installation.objects.exists()


@pytest.mark.django_db
def test_register_rejects_a_token_the_instance_does_not_know(standin, client):
    response = register(client, standin.api_url, json.dumps({"auth_token": "forged-token"}))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_rejected"
    assert not Installation.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        ('{"auth_token": "x"}', {"Saleor-Api-Url": ""}, 400, "api_url_missing"),
        ("not json", {}, 400, "auth_token_missing"),
        ('{"token": "x"}', {}, 400, "auth_token_missing"),
        ('{"auth_token": "  "}', {}, 400, "auth_token_missing"),
        ('{"auth_token": "x"}', {"Saleor-Api-Url": "ftp://shop/graphql/"}, 400, "invalid_api_url"),
        ('{"auth_token": "x"}', {"Saleor-Api-Url": "http://evil.example/graphql/"}, 403, "api_url_not_allowed"),
    ],
)
def test_bad_registration_requests_are_refused_with_a_reason(client, body, headers, status, code):
    response = register(client, "http://127.0.0.1:8000/graphql/", body, **headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert not Installation.objects.exists()


@pytest.mark.django_db
def test_register_only_takes_post(client):
    assert client.get("/api/register").status_code == 405


@pytest.mark.django_db
def test_an_unreachable_saleor_fails_the_install_with_502(client, allow_saleor):
    with serve(SaleorStandin) as gone:
        api_url = gone.api_url
    allow_saleor(api_url)  # the server is shut: connection refused
    response = register(client, api_url, '{"auth_token": "x"}')
    assert response.status_code == 502
    assert response.json()["error"]["code"] == "saleor_unreachable"


@pytest.mark.django_db
def test_an_instance_without_a_usable_jwks_cannot_install(standin, app_http):
    standin.jwks = {"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"}]}
    with pytest.raises(InstallFailed, match="no RSA signing key"):
        standin.install(app_http, MANIFEST_URL)
    assert not Installation.objects.exists()
    assert list(standin.apps) == []  # Saleor deletes the app of a failed install


@pytest.mark.django_db
def test_two_instances_get_two_installations(installed, app_http, allow_saleor):
    standin, _, first = installed
    with serve(SaleorStandin) as other:
        allow_saleor(other.api_url)
        other.install(app_http, MANIFEST_URL)
    assert Installation.objects.count() == 2
    second = Installation.objects.exclude(pk=first.pk).get()
    assert second.saleor_api_url == other.api_url
    assert second.jwks != first.jwks


def test_wildcard_allow_list_entries_match_saleor_cloud_hosts():
    from saleor_subscriptions.config import api_url_allowed, normalize_api_url

    allowed = ["https://*.saleor.cloud/graphql/"]
    assert api_url_allowed(normalize_api_url("https://Shop-1.saleor.cloud:443/graphql"), allowed)
    assert not api_url_allowed(normalize_api_url("https://shop.saleor.cloud.evil.com/graphql/"), allowed)
    assert not api_url_allowed(normalize_api_url("http://shop.saleor.cloud/graphql/"), allowed)
