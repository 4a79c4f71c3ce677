"""Settings from the environment: embedded defaults, and one clear line for each bad value."""

import os
import subprocess
import sys

import pytest

from saleor_subscriptions.config import ConfigError, load_config, normalize_api_url

PRODUCTION = {
    "SECRET_KEY": "s" * 50,
    "APP_URL": "https://subs.example.com",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.com:587",
    "FIELD_ENCRYPTION_KEYS": "lbT0Mtl3KILa6Fkd0H6GEJvXnnMJpZ3Xpn3dlzJUCSo=",
    "SALEOR_ALLOWED_API_URLS": "https://shop.example.com/graphql/",
    "DATABASE_URL": "postgres://app:pw@db.example.com:5432/subs",
}


def test_embedded_defaults_need_nothing_but_debug(tmp_path):
    config = load_config({"DEBUG": "1", "DATA_DIR": str(tmp_path)})
    assert config.database["ENGINE"] == "django.db.backends.sqlite3"
    assert config.database["NAME"] == str(tmp_path / "db.sqlite3")
    assert config.app_url == "http://127.0.0.1:8080"
    assert config.celery_broker_url is None
    assert config.email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert config.time_zone == "Asia/Tokyo"
    assert config.saleor_allowed_api_urls == ["http://localhost:8000/graphql/", "http://127.0.0.1:8000/graphql/"]


def test_app_url_and_port_shape_the_public_url():
    assert load_config({"DEBUG": "1", "PORT": "9000"}).app_url == "http://127.0.0.1:9000"
    config = load_config({"DEBUG": "1", "APP_URL": "https://tunnel.example.com/"})
    assert config.app_url == "https://tunnel.example.com"
    assert "tunnel.example.com" in config.allowed_hosts


def test_a_complete_production_environment_loads():
    config = load_config(PRODUCTION)
    assert config.database["ENGINE"] == "django.db.backends.postgresql"
    assert config.database["HOST"] == "db.example.com"
    assert config.email["EMAIL_USE_TLS"] is True
    assert config.allowed_hosts == ["127.0.0.1", "localhost", "subs.example.com"]


@pytest.mark.parametrize("name", ["SECRET_KEY", "APP_URL", "CELERY_BROKER_URL", "EMAIL_URL", "FIELD_ENCRYPTION_KEYS", "SALEOR_ALLOWED_API_URLS"])
def test_each_required_setting_is_named_when_missing(name):
    env = {k: v for k, v in PRODUCTION.items() if k != name}
    with pytest.raises(ConfigError) as error:
        load_config(env)
    assert str(error.value).startswith(f"{name}: required when DEBUG is off")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG: expected true or false, got 'maybe'"),
        ("SECRET_KEY", "short", "SECRET_KEY: must be at least 32 characters long"),
        ("DATABASE_URL", "mysql://u@h/db", "DATABASE_URL: only postgres:// and sqlite:// databases are supported"),
        ("DATABASE_URL", "nonsense", "DATABASE_URL: cannot parse it"),
        ("PORT", "80a", "PORT: expected a TCP port number, got '80a'"),
        ("PORT", "70000", "PORT: expected a TCP port number, got '70000'"),
        ("APP_URL", "ftp://x", "APP_URL: expected an http(s) URL without query, got 'ftp://x'"),
        ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE: unknown time zone 'Mars/Olympus'"),
        ("LANGUAGE_CODE", "fr", "LANGUAGE_CODE: must be one of en, ja, zh-hans, zh-hant, got 'fr'"),
        ("EMAIL_URL", "pigeon://coop", "EMAIL_URL: unknown scheme"),
        ("CELERY_BROKER_URL", "localhost", "CELERY_BROKER_URL: expected a broker URL"),
        ("SALEOR_ALLOWED_API_URLS", "shop.example.com", "SALEOR_ALLOWED_API_URLS: not an http(s) URL"),
        ("FIELD_ENCRYPTION_KEYS", "not-a-fernet-key", "FIELD_ENCRYPTION_KEYS: key #1 is not a valid Fernet key"),
        ("STRIPE_SECRET_KEY", "pk_test_123", "STRIPE_SECRET_KEY: must start with sk_ or rk_"),
        ("STRIPE_WEBHOOK_SECRET", "secret", "STRIPE_WEBHOOK_SECRET: must start with whsec_"),
    ],
)
def test_a_wrong_value_is_named_with_what_was_expected(name, value, message):
    with pytest.raises(ConfigError) as error:
        load_config({**PRODUCTION, name: value})
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_secret_values_are_never_echoed():
    for name, value in (("FIELD_ENCRYPTION_KEYS", "my-secret-key-material"), ("STRIPE_SECRET_KEY", "pk_live_SECRETVALUE")):
        with pytest.raises(ConfigError) as error:
            load_config({**PRODUCTION, name: value})
        assert value not in str(error.value)


def test_a_bad_setting_stops_start_up_with_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env |= {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"} | {"DATABASE_URL": f"sqlite:///{tmp_path}/db"}
    result = subprocess.run([sys.executable, "-m", "saleor_subscriptions", "check"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "saleor-subscriptions: configuration error: SECRET_KEY: required when DEBUG is off\n"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("HTTPS://Shop.Example.com:443/graphql", "https://shop.example.com/graphql/"),
        ("http://127.0.0.1:8000/graphql/", "http://127.0.0.1:8000/graphql/"),
        ("http://localhost:80/graphql/", "http://localhost/graphql/"),
    ],
)
def test_saleor_api_urls_are_normalised(raw, normal):
    assert normalize_api_url(raw) == normal


def test_mail_templates_dir_must_be_a_directory(tmp_path):
    from saleor_subscriptions.config import ConfigError, load_config

    assert load_config({"DEBUG": "1", "MAIL_TEMPLATES_DIR": str(tmp_path)}).mail_templates_dir == tmp_path
    with pytest.raises(ConfigError, match=r"^MAIL_TEMPLATES_DIR: .*missing is not a directory$"):
        load_config({"DEBUG": "1", "MAIL_TEMPLATES_DIR": str(tmp_path / "missing")})


@pytest.mark.parametrize(
    ("api_url", "allowed"),
    [
        ("https://shop.saleor.cloud/graphql/", True),
        ("https://Shop-1.saleor.cloud:443/graphql", True),
        ("https://attacker.example/.saleor.cloud/graphql/", False),
        ("https://attacker.example#.saleor.cloud/graphql/", False),
        ("https://attacker.example?.saleor.cloud/graphql/", False),
        ("https://a.b.saleor.cloud/graphql/", False),
        ("https://saleor.cloud/graphql/", False),
        ("https://shop.saleor.cloud.evil.com/graphql/", False),
        ("https://shop%2eevil.saleor.cloud/graphql/", False),
        ("http://shop.saleor.cloud/graphql/", False),
        ("https://shop.saleor.cloud:8443/graphql/", False),
        ("https://shop.saleor.cloud/graphql/x/", False),
        ("https://shop.saleor.cloud/", False),
    ],
)
def test_a_wildcard_stands_for_one_host_label_and_nothing_else(api_url, allowed):
    from saleor_subscriptions.config import allow_list_match

    assert (allow_list_match(api_url, ["https://*.saleor.cloud/graphql/"]) is not None) is allowed


def test_exact_entries_match_after_normalising_default_ports():
    from saleor_subscriptions.config import allow_list_match

    entries = ["https://shop.example.com:443/graphql/", "http://127.0.0.1:8000/graphql/"]
    assert not allow_list_match("https://shop.example.com/graphql", entries).wildcard
    assert allow_list_match("http://127.0.0.1:8000/graphql/", entries)
    assert allow_list_match("http://127.0.0.1/graphql/", entries) is None
    assert allow_list_match("https://other.example.com/graphql/", entries) is None


@pytest.mark.parametrize(
    "entry", ["https://shop.*.cloud/graphql/", "https://sh*p.saleor.cloud/graphql/", "https://*.cloud/graphql/",
              "https://*.saleor.cloud/*/", "https://*/graphql/", "http://*.0.0.1/graphql/"],
)
def test_an_allow_list_entry_with_a_wildcard_elsewhere_is_refused(entry):
    with pytest.raises(ConfigError, match=r"^SALEOR_ALLOWED_API_URLS: .*\*"):
        load_config({**PRODUCTION, "SALEOR_ALLOWED_API_URLS": entry})
