"""Against a real Saleor 3.23 (SALEOR_API_URL + SALEOR_STAFF_TOKEN); skipped without one.

The Saleor must reach this machine's loopback (HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS=True) and be
listed in no other app as `saleor-subscriptions`. The staff token needs MANAGE_APPS plus every
permission of the manifest.
"""

import os
import time

import pytest
import requests

from saleor_subscriptions.config import normalize_api_url
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.saleor.client import SaleorClient
from saleor_subscriptions.saleor.manifest import PERMISSIONS

from .saleor_standin.graphql_engine import validation_errors

API_URL = os.environ.get("SALEOR_API_URL")
STAFF_TOKEN = os.environ.get("SALEOR_STAFF_TOKEN")

APP_INSTALL = """
mutation LiveAppInstall($manifestUrl: String!, $permissions: [PermissionEnum!]) {
  appInstall(input: {appName: "Subscriptions (live test)", manifestUrl: $manifestUrl,
                     permissions: $permissions, activateAfterInstallation: true}) {
    appInstallation { id status message }
    errors { field code message }
  }
}"""
APP_DELETE = """
mutation LiveAppDelete($id: ID!) {
  appDelete(id: $id) { errors { field code message } }
}"""
STAFF_OPERATIONS = [APP_INSTALL, APP_DELETE]


def staff(query, **variables):
    response = requests.post(API_URL, json={"query": query, "variables": variables},
                             headers={"Authorization": f"Bearer {STAFF_TOKEN}"}, timeout=30)
    body = response.json()
    assert not body.get("errors"), body
    return body["data"]


def wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.5)
    return None


@pytest.mark.parametrize("query", STAFF_OPERATIONS)
def test_live_test_operations_are_valid_against_the_sdl(query, requires_schema):
    assert validation_errors(query) == ()


@pytest.mark.saleor_live
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not (API_URL and STAFF_TOKEN), reason="set SALEOR_API_URL and SALEOR_STAFF_TOKEN")
def test_a_real_saleor_installs_the_app_and_uninstalls_it(live_server, settings):
    settings.APP_URL = live_server.url
    settings.ALLOWED_HOSTS = ["*"]
    settings.SALEOR_ALLOWED_API_URLS = [normalize_api_url(API_URL)]

    result = staff(APP_INSTALL, manifestUrl=f"{live_server.url}/api/manifest", permissions=list(PERMISSIONS))
    assert result["appInstall"]["errors"] == []
    installation = wait_for(lambda: Installation.objects.filter(is_active=True).first())
    assert installation, "Saleor never posted the token to /api/register"
    assert set(installation.permissions) == set(PERMISSIONS)

    data = SaleorClient.for_installation(installation).execute("AppInstallation")
    assert data["app"]["id"] == installation.app_id

    assert staff(APP_DELETE, id=installation.app_id)["appDelete"]["errors"] == []
    assert wait_for(lambda: not Installation.objects.get(pk=installation.pk).is_active), "APP_DELETED never arrived"
