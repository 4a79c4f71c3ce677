"""Behind a TLS proxy the app builds its links with the scheme and host the visitor used."""

import os
import subprocess
import sys

import pytest
from django.test import override_settings

from saleor_subscriptions.mail import links

from .stripe_scripted import stripe_object
from .test_config import PRODUCTION

pytestmark = pytest.mark.django_db

BEHIND_PROXY = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"), "USE_X_FORWARDED_HOST": True}


def return_url(client, subscription, stripe_http, **headers):
    stripe_http.answer(200, stripe_object("setup_intent", id="seti_1", client_secret="seti_1_secret", customer="cus_hanako"))
    page = client.get(links.make("card", s=subscription.pk).removeprefix("http://testserver"), headers=headers)
    assert page.status_code == 200
    html = page.content.decode()
    return html.split('return_url: "', 1)[1].split('"', 1)[0]


def test_the_card_page_returns_to_https_behind_a_tls_proxy(subscribed, client, stripe_http, settings):
    _, _, subscription, _ = subscribed
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "subs.example.com"]
    with override_settings(**BEHIND_PROXY):
        url = return_url(client, subscription, stripe_http,
                         **{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "subs.example.com"})
    assert url.startswith("https://subs.example.com/m/")


def test_served_directly_a_client_cannot_claim_https_by_a_header(subscribed, client, stripe_http):
    _, _, subscription, _ = subscribed
    url = return_url(client, subscription, stripe_http, **{"X-Forwarded-Proto": "https"})
    assert url.startswith("http://testserver/m/")


@pytest.mark.parametrize(
    ("env", "trusted"),
    [({}, True), ({"TRUST_PROXY_HEADERS": "0"}, False), ({"APP_URL": "http://subs.internal"}, False),
     ({"APP_URL": "http://subs.internal", "TRUST_PROXY_HEADERS": "1"}, True)],
)
def test_proxy_headers_are_trusted_when_the_public_url_is_https_unless_told_otherwise(env, trusted):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k not in ("DEBUG", "DJANGO_SETTINGS_MODULE", "APP_URL")}
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER, settings.USE_X_FORWARDED_HOST)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**base, **PRODUCTION, **env, "DJANGO_SETTINGS_MODULE": "saleor_subscriptions.settings"})
    expected = "('HTTP_X_FORWARDED_PROTO', 'https') True" if trusted else "None False"
    assert result.stdout.strip() == expected, result.stderr


def test_make_run_defaults_trust_no_proxy_header():
    from saleor_subscriptions.config import load_config

    assert load_config({"DEBUG": "1"}).trust_proxy_headers is False
