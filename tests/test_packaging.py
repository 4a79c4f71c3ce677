"""`pip install .` (a real wheel, not the editable checkout) carries everything the app reads."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True,
        timeout=300,
    )
    (path,) = out.glob("saleor_subscriptions-*.whl")
    return path


def test_the_wheel_holds_documents_templates_migrations_and_the_logo(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "saleor_subscriptions/resources/graphql/operations/AppInstallation.graphql",
        "saleor_subscriptions/resources/graphql/webhooks/async/order-events.graphql",
        "saleor_subscriptions/resources/emails/_layout/base.html",
        "saleor_subscriptions/resources/emails/payment_failed/ja.subject.txt",
        "saleor_subscriptions/mail/pages/page.html",
        "saleor_subscriptions/portal/pages/subscription.html",
        "saleor_subscriptions/resources/emails/portal_sign_in/ja.html",
        "saleor_subscriptions/migrations/0001_initial.py",
        "saleor_subscriptions/static/logo.png",
        "saleor_subscriptions/invoices/layout.py",
        "saleor_subscriptions/resources/graphql/operations/InvoiceOrder.graphql",
    }
    assert expected <= names
    assert not any(name.startswith("tests/") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "saleor-subscriptions = saleor_subscriptions.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_copy_migrates_and_serves_its_manifest(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True, timeout=300)
    script = (
        "import saleor_subscriptions, django, json;"
        "from django.core.management import call_command;"
        "from django.test import Client;"
        "django.setup(); call_command('migrate', verbosity=0);"
        "m = Client().get('/api/manifest').json();"
        "print(saleor_subscriptions.__file__);"
        "print(len(m['webhooks']), m['tokenTargetUrl'])"
    )
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}  # nothing from the test settings
    env |= {"PYTHONPATH": str(target), "DEBUG": "1", "DATA_DIR": str(tmp_path / "var"), "ALLOWED_HOSTS": "testserver",
            "DJANGO_SETTINGS_MODULE": "saleor_subscriptions.settings"}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    module_file, manifest_line = result.stdout.split("\n")[:2]
    assert module_file.startswith(str(target))  # the wheel's copy, not the checkout
    assert manifest_line == "8 http://127.0.0.1:8080/api/register"
    assert (tmp_path / "var" / "db.sqlite3").exists()


def test_the_wheel_holds_the_built_dashboard_pages(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "saleor_subscriptions/resources/dashboard/index.html" in names
    assert any(n.startswith("saleor_subscriptions/resources/dashboard/assets/") and n.endswith(".js") for n in names)
