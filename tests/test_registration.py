"""Installing the app into Saleor: manifest → tokenTargetUrl → Installation, idempotent per instance."""

import json
import socket

import pytest
from django.db import connection

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.installations.addresses import NonPublicAddress, require_public_host
from saleor_subscriptions.installations.models import Installation

from .conftest import MANIFEST_URL
from .saleor_standin.standin import InstallFailed, SaleorStandin, StandinApp
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


NOT_VERIFIED = "saleor_not_verified"


def refusal(response, api_url):
    """The answer with the (caller-supplied) URL taken out, to compare refusals with each other."""
    return response.status_code, json.dumps(response.json()).replace(api_url, "<api_url>")


@pytest.mark.django_db
def test_register_rejects_a_token_the_instance_does_not_know(standin, client):
    response = register(client, standin.api_url, json.dumps({"auth_token": "forged-token"}))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == NOT_VERIFIED
    assert not Installation.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_token_of_another_app_on_the_same_saleor_does_not_replace_ours(installed, client):
    standin, ours, installation = installed
    other = StandinApp(id="QXBwOjk5", name="Other app", identifier="someone-else", token="other-token",
                       permissions=list(ours.permissions))
    standin.apps[other.token] = other
    response = register(client, standin.api_url, json.dumps({"auth_token": other.token}))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == NOT_VERIFIED
    installation.refresh_from_db()
    assert (installation.app_id, installation.app_token) == (ours.id, ours.token)
    assert [e.type for e in installation.events.all()] == ["app.installed"]


@pytest.mark.django_db
def test_every_failure_to_verify_the_saleor_gets_the_same_answer(client, allow_saleor, caplog):
    """Closed port, unknown token, unusable JWKS: the caller cannot tell them apart (no port oracle)."""
    answers = []
    with serve(SaleorStandin) as gone:
        closed = gone.api_url
    allow_saleor(closed)
    answers.append(refusal(register(client, closed, '{"auth_token": "x"}'), closed))
    with serve(SaleorStandin) as saleor:
        allow_saleor(saleor.api_url)
        answers.append(refusal(register(client, saleor.api_url, '{"auth_token": "x"}'), saleor.api_url))
        saleor.apps["ok"] = StandinApp(id="QXBwOjE=", name="n", identifier="saleor-subscriptions", token="ok", permissions=[])
        saleor.jwks = {"keys": []}
        answers.append(refusal(register(client, saleor.api_url, '{"auth_token": "ok"}'), saleor.api_url))
    assert answers[0][0] == 403
    assert answers[0] == answers[1] == answers[2]
    assert "saleor_not_verified" in answers[0][1]
    # the operator still learns why, from the app's log
    assert "ConnectionError" in caplog.text and "holds no RSA signing key" in caplog.text
    assert not Installation.objects.exists()


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
def test_an_instance_without_a_usable_jwks_cannot_install(standin, app_http):
    standin.jwks = {"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"}]}
    with pytest.raises(InstallFailed, match="could not verify this installation"):
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


@pytest.mark.django_db
@pytest.mark.parametrize("api_url", [
    "https://attacker.example/.saleor.cloud/graphql/",
    "https://attacker.example/x.saleor.cloud/graphql/",
    "https://a.b.saleor.cloud/graphql/",
    "https://shop.saleor.cloud.attacker.example/graphql/",
])
def test_a_wildcard_entry_lets_no_other_host_install(client, settings, mount, api_url):
    settings.SALEOR_ALLOWED_API_URLS = ["https://*.saleor.cloud/graphql/"]
    attacker = SaleorStandin(api_url)
    mount(api_url.split("/graphql/")[0].rsplit("/", 1)[0] + "/", attacker)
    response = register(client, api_url, '{"auth_token": "x"}')
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "api_url_not_allowed"
    assert attacker.received == []  # never called
    assert not Installation.objects.exists()


@pytest.fixture
def resolve_to(monkeypatch):
    """Make the host names given resolve to chosen addresses (everything else as usual)."""
    real = socket.getaddrinfo
    names = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                    for a in names[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names.update


@pytest.mark.django_db
def test_a_wildcard_entry_never_lets_registration_call_a_loopback_address(client, settings, standin, resolve_to):
    port = standin.api_url.split(":")[2].split("/")[0]
    # a name under .localhost: the app's check resolves it with Python's resolver (made to say 127.0.0.1 here), and
    # libcurl, which makes the calls, resolves any such name to the loopback itself (RFC 6761)
    resolve_to({"shop.saleor.localhost": ["127.0.0.1"]})
    settings.SALEOR_ALLOWED_API_URLS = [f"http://*.saleor.localhost:{port}/graphql/"]
    api_url = f"http://shop.saleor.localhost:{port}/graphql/"
    standin.apps["ok"] = StandinApp(id="QXBwOjE=", name="n", identifier="saleor-subscriptions", token="ok", permissions=[])
    response = register(client, api_url, '{"auth_token": "ok"}')
    assert response.status_code == 403
    assert response.json()["error"]["code"] == NOT_VERIFIED
    assert standin.received == []
    assert not Installation.objects.exists()
    # named explicitly, the same host may install
    settings.SALEOR_ALLOWED_API_URLS = [api_url]
    assert register(client, api_url, '{"auth_token": "ok"}').status_code == 200
    assert Installation.objects.get().saleor_api_url == api_url


@pytest.mark.django_db
def test_a_wildcard_hosts_registration_calls_go_to_the_address_its_check_approved(client, settings, standin, monkeypatch):
    """DNS rebinding: what the check approved is called, whatever the name resolves to next. Here the check is made to
    approve the loopback (as if it had answered a public address) for a name libcurl cannot resolve at all."""
    from saleor_subscriptions.installations import actions

    port = standin.api_url.split(":")[2].split("/")[0]
    settings.SALEOR_ALLOWED_API_URLS = [f"http://*.rebind.invalid:{port}/graphql/"]
    api_url = f"http://shop.rebind.invalid:{port}/graphql/"
    monkeypatch.setattr(actions, "require_public_host", lambda url: ["127.0.0.1"])
    standin.apps["ok"] = StandinApp(id="QXBwOjE=", name="n", identifier="saleor-subscriptions", token="ok", permissions=[])
    assert register(client, api_url, '{"auth_token": "ok"}').status_code == 200
    assert [r.operation_name for r in standin.received] == ["AppInstallation"]  # and the JWKS, from the same address
    assert Installation.objects.get().jwks["keys"]


@pytest.mark.parametrize("addresses", [
    ["127.0.0.1"], ["10.1.2.3"], ["192.168.0.10"], ["172.16.5.4"], ["169.254.169.254"], ["100.64.0.1"], ["0.0.0.0"],
    ["::1"], ["fe80::1"], ["fd00::1"], ["::ffff:127.0.0.1"], ["93.184.215.14", "10.0.0.1"],
])
def test_non_public_addresses_are_refused(resolve_to, addresses):
    resolve_to({"shop.saleor.cloud": addresses})
    with pytest.raises(NonPublicAddress):
        require_public_host("https://shop.saleor.cloud/graphql/")


def test_public_addresses_are_allowed(resolve_to):
    resolve_to({"shop.saleor.cloud": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]})
    assert require_public_host("https://shop.saleor.cloud/graphql/") == [  # what the calls are then pinned to
        "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]
