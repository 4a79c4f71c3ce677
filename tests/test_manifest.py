"""The manifest at /api/manifest: what Saleor 3.23's appInstall fetches and validates."""

import struct

import pytest

from .saleor_standin.standin import InstallFailed, SaleorStandin


@pytest.fixture
def manifest(client):
    response = client.get("/api/manifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_manifest_passes_saleors_install_validation(manifest):
    SaleorStandin("http://127.0.0.1:8000/graphql/").check_manifest(manifest)


def test_the_manifest_names_our_endpoints_under_app_url(client, settings):
    settings.APP_URL = "https://subs.example.com"
    manifest = client.get("/api/manifest").json()
    assert manifest["tokenTargetUrl"] == "https://subs.example.com/api/register"
    assert manifest["appUrl"] == "https://subs.example.com/dashboard/"
    assert manifest["brand"]["logo"]["default"] == "https://subs.example.com/static/logo.png"
    targets = {hook["name"]: hook["targetUrl"] for hook in manifest["webhooks"]}
    assert targets["order-events"] == "https://subs.example.com/api/webhooks/saleor"
    assert targets["transaction-initialize-session"] == "https://subs.example.com/api/webhooks/sync/transaction-initialize-session"


def test_the_manifest_asks_for_what_the_app_uses(manifest):
    assert manifest["requiredSaleorVersion"] == ">=3.23.23 <4"
    assert {"MANAGE_ORDERS", "HANDLE_CHECKOUTS", "HANDLE_PAYMENTS", "MANAGE_CHECKOUTS"} <= set(manifest["permissions"])
    events = {event for hook in manifest["webhooks"] for event in hook.get("asyncEvents", [])}
    assert {"APP_DELETED", "ORDER_CREATED", "ORDER_FULLY_PAID"} <= events
    sync = {event for hook in manifest["webhooks"] for event in hook.get("syncEvents", [])}
    assert sync == {"PAYMENT_GATEWAY_INITIALIZE_SESSION", "TRANSACTION_INITIALIZE_SESSION", "TRANSACTION_PROCESS_SESSION",
                    "TRANSACTION_CHARGE_REQUESTED", "TRANSACTION_REFUND_REQUESTED", "TRANSACTION_CANCELATION_REQUESTED"}
    assert all(hook["identifier"] == hook["name"] for hook in manifest["webhooks"])


# The mount and target names the 3.23 Dashboard renders (APP_PROTOCOL §7.1); Saleor itself accepts any string.
DASHBOARD_MOUNTS = {"NAVIGATION_ORDERS", "ORDER_OVERVIEW_CREATE", "CUSTOMER_DETAILS_WIDGETS", "ORDER_DETAILS_WIDGETS",
                    "PRODUCT_DETAILS_WIDGETS", "PRODUCT_DETAILS_MORE_ACTIONS", "NAVIGATION_DISCOUNTS"}


def test_staff_find_the_desk_the_order_create_button_the_widgets_the_plan_editor_step_mails_and_figures(manifest):
    places = {(ext["mount"], ext["target"], ext["url"]) for ext in manifest["extensions"]}
    assert places == {
        ("NAVIGATION_ORDERS", "APP_PAGE", "/subscriptions"),
        ("NAVIGATION_ORDERS", "APP_PAGE", "/figures"),  # Orders → Subscription figures: charts and CSV exports
        ("ORDER_OVERVIEW_CREATE", "APP_PAGE", "/phone-order"),
        ("CUSTOMER_DETAILS_WIDGETS", "WIDGET", "/widgets/customer"),
        ("ORDER_DETAILS_WIDGETS", "WIDGET", "/widgets/order"),
        ("PRODUCT_DETAILS_WIDGETS", "WIDGET", "/widgets/product"),
        ("PRODUCT_DETAILS_MORE_ACTIONS", "APP_PAGE", "/products/plans"),
        ("NAVIGATION_DISCOUNTS", "APP_PAGE", "/step-mails"),  # Discounts → Step mails (there is no NAVIGATION_MARKETING)
    }
    products = [ext for ext in manifest["extensions"] if ext["mount"].startswith("PRODUCT_")]
    assert all(ext["permissions"] == ["MANAGE_PRODUCTS"] for ext in products)
    (step_mails,) = [ext for ext in manifest["extensions"] if ext["url"] == "/step-mails"]
    assert step_mails["permissions"] == ["MANAGE_DISCOUNTS"]  # what the funnel API checks
    (figures,) = [ext for ext in manifest["extensions"] if ext["url"] == "/figures"]
    assert (figures["label"], figures["permissions"]) == ("Subscription figures", ["MANAGE_ORDERS"])  # what the figures API checks
    assert {ext["mount"] for ext in manifest["extensions"]} <= DASHBOARD_MOUNTS
    assert all(ext["options"] == {"widgetTarget": {"method": "GET"}} for ext in manifest["extensions"] if ext["target"] == "WIDGET")
    assert len({ext["identifier"] for ext in manifest["extensions"]}) == len(manifest["extensions"])


def test_every_extension_page_is_served_inside_the_dashboard(client, manifest):
    for ext in manifest["extensions"]:
        response = client.get("/dashboard" + ext["url"])
        assert response.status_code == 200, ext["url"]
        assert "X-Frame-Options" not in response


def test_an_older_saleor_refuses_the_install(manifest, monkeypatch):
    monkeypatch.setattr("tests.saleor_standin.standin.VERSION", "3.23.19")
    with pytest.raises(InstallFailed, match="UNSUPPORTED_SALEOR_VERSION"):
        SaleorStandin("http://127.0.0.1:8000/graphql/").check_manifest(manifest)


def test_the_manifest_is_served_at_the_exact_url_without_redirects(client):
    assert client.get("/api/manifest/").status_code == 404  # Saleor follows no redirect
    assert client.post("/api/manifest").status_code == 405


def test_the_logo_is_a_square_png_of_at_least_256_pixels(client):
    response = client.get("/static/logo.png")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Type"] == "image/png"
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", body[16:24])
    assert width == height >= 256


@pytest.mark.django_db
def test_health_reports_the_database(client):
    assert client.get("/healthz").json()["status"] == "ok"


@pytest.mark.django_db
def test_the_dashboard_app_page_is_served(client):
    assert client.get("/dashboard/").status_code == 200


def test_the_standin_refuses_an_extension_asking_more_than_the_app(manifest):
    extension = dict(manifest["extensions"][0], permissions=["MANAGE_STAFF"])
    with pytest.raises(InstallFailed, match="OUT_OF_SCOPE_PERMISSION"):
        SaleorStandin("http://127.0.0.1:8000/graphql/").check_manifest(dict(manifest, extensions=[extension]))
