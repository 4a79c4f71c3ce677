"""The Dashboard extension pages: served for any path with or without the slash, framable only by the Dashboard."""

import pytest

from saleor_subscriptions.config import ConfigError, load_config

pytestmark = pytest.mark.django_db


def page(client, path, **query):
    return client.get(path, query)


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard/", "/dashboard/subscriptions", "/dashboard/subscriptions/12/"])
def test_every_path_of_the_app_page_is_served_framable_by_its_dashboard(installed, client, path):
    standin, _, _ = installed
    response = page(client, path, domain="127.0.0.1:8000", saleorApiUrl=standin.api_url, id="QXBwOjE=")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "X-Frame-Options" not in response  # SAMEORIGIN would blank the Dashboard's cross-origin iframe
    origin = standin.api_url.rsplit("/graphql/", 1)[0]
    assert response["Content-Security-Policy"] == f"frame-ancestors https://*.saleor.cloud {origin}"
    assert response["Cache-Control"] == "no-cache"


def test_a_saleor_that_has_not_installed_the_app_may_not_frame_it(installed, client):
    response = page(client, "/dashboard", saleorApiUrl="https://attacker.example/graphql/")
    assert response["Content-Security-Policy"] == "frame-ancestors https://*.saleor.cloud"


@pytest.mark.parametrize("path", ["/api/manifest", "/healthz", "/m/not-a-token"])
def test_every_other_page_refuses_to_be_framed(client, path):
    assert client.get(path)["X-Frame-Options"] == "DENY"


def test_the_built_pages_and_their_hashed_assets(client, settings, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><div id="root"></div><script src="/dashboard/assets/app-1a2b.js"></script>')
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log('subscriptions')")
    settings.DASHBOARD_DIST = tmp_path
    index = client.get("/dashboard/subscriptions")
    assert b'<div id="root">' in index.content and index["Cache-Control"] == "no-cache"
    asset = client.get("/dashboard/assets/app-1a2b.js")
    assert asset.status_code == 200 and b"".join(asset.streaming_content) == b"console.log('subscriptions')"
    assert asset["Content-Type"] == "text/javascript" and asset["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/dashboard/assets/missing.js").status_code == 404
    assert client.get("/dashboard/assets/../index.html").status_code == 404


ENV = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "APP_URL": "https://subs.example.com", "CELERY_BROKER_URL": "redis://r:6379/0",
       "EMAIL_URL": "smtp://mail.example.com", "SALEOR_ALLOWED_API_URLS": "https://shop.example.com/graphql/",
       "FIELD_ENCRYPTION_KEYS": "lbT0Mtl3KILa6Fkd0H6GEJvXnnMJpZ3Xpn3dlzJUCSo="}


def test_dashboard_origins_are_configured_as_origins():
    assert load_config(ENV).dashboard_origins == ["https://*.saleor.cloud"]
    assert load_config({**ENV, "DASHBOARD_ORIGINS": "https://Dashboard.Example.com/, http://127.0.0.1:9000"}).dashboard_origins == [
        "https://dashboard.example.com", "http://127.0.0.1:9000"]
    with pytest.raises(ConfigError, match="DASHBOARD_ORIGINS"):
        load_config({**ENV, "DASHBOARD_ORIGINS": "https://dashboard.example.com/path"})


def test_a_head_request_gets_the_page_headers(client):
    response = client.head("/dashboard")
    assert response.status_code == 200 and "X-Frame-Options" not in response
