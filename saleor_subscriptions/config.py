"""Settings read from the environment, validated in one place.

Every problem raises `ConfigError` whose message is one line naming the variable. Secret values
are never echoed back.
"""

import base64
import dataclasses
import functools
import hashlib
import re
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import environ
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

LANGUAGES = (("en", "English"), ("ja", "日本語"), ("zh-hans", "简体中文"), ("zh-hant", "繁體中文"))
LANGUAGE_CODES = tuple(code for code, _ in LANGUAGES)
# Saleor's own development server; allowed to install only while DEBUG is on.
DEBUG_SALEOR_API_URLS = ("http://localhost:8000/graphql/", "http://127.0.0.1:8000/graphql/")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
DEFAULT_PORTS = {"http": 80, "https": 443}
# Debian's fonts-noto-cjk: Japanese, Chinese and Latin in one embeddable collection (checked when an invoice is printed).
DEFAULT_INVOICE_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


class ConfigError(ImproperlyConfigured):
    """A missing or malformed setting; the message names the variable."""


@dataclasses.dataclass(frozen=True)
class Config:
    debug: bool
    secret_key: str
    data_dir: Path
    database: dict
    port: int
    app_url: str
    trust_proxy_headers: bool
    allowed_hosts: list[str]
    celery_broker_url: str | None
    email: dict
    default_from_email: str
    mail_templates_dir: Path | None
    field_encryption_keys: list[str]
    stripe_secret_key: str | None
    stripe_publishable_key: str | None
    stripe_webhook_secret: str | None
    stripe_api_base: str | None
    time_zone: str
    language_code: str
    saleor_allowed_api_urls: list[str]
    app_identifier: str
    log_level: str
    beat_interval_seconds: float | None
    dashboard_origins: list[str]
    invoice_font: Path


def load_config(env: Mapping[str, str]) -> Config:
    debug = _bool(env, "DEBUG", False)
    secret_key = _secret_key(env, debug)
    data_dir = Path(env.get("DATA_DIR") or "var").resolve()
    port = _port(env)
    app_url = _app_url(env, debug, port)
    return Config(
        debug=debug,
        secret_key=secret_key,
        data_dir=data_dir,
        database=_database(env, data_dir),
        port=port,
        app_url=app_url,
        # An https APP_URL means a TLS proxy is in front (the app itself serves plain HTTP).
        trust_proxy_headers=_bool(env, "TRUST_PROXY_HEADERS", urlsplit(app_url).scheme == "https"),
        allowed_hosts=_list(env, "ALLOWED_HOSTS")
        or sorted({urlsplit(app_url).hostname, "127.0.0.1", "localhost"}),
        celery_broker_url=_broker(env, debug),
        email=_email(env, debug, data_dir),
        default_from_email=env.get("DEFAULT_FROM_EMAIL") or "subscriptions@localhost",
        mail_templates_dir=_directory(env, "MAIL_TEMPLATES_DIR"),
        field_encryption_keys=_encryption_keys(env, debug, secret_key),
        stripe_secret_key=_prefixed(env, "STRIPE_SECRET_KEY", ("sk_", "rk_")),
        stripe_publishable_key=_prefixed(env, "STRIPE_PUBLISHABLE_KEY", ("pk_",)),
        stripe_webhook_secret=_prefixed(env, "STRIPE_WEBHOOK_SECRET", ("whsec_",)),
        stripe_api_base=_url(env, "STRIPE_API_BASE") if env.get("STRIPE_API_BASE") else None,
        time_zone=_time_zone(env),
        language_code=_choice(env, "LANGUAGE_CODE", LANGUAGE_CODES, "ja"),
        saleor_allowed_api_urls=_allowed_saleors(env, debug),
        app_identifier=env.get("APP_IDENTIFIER") or "saleor-subscriptions",
        log_level=_choice(env, "LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO"),
        beat_interval_seconds=_seconds(env, "BEAT_INTERVAL_SECONDS"),
        dashboard_origins=_dashboard_origins(env, debug),
        invoice_font=Path(env.get("INVOICE_FONT") or DEFAULT_INVOICE_FONT),
    )


def normalize_api_url(url: str) -> str:
    """Canonical form of a Saleor API URL: lower-case scheme and host, no default port, '/' end."""
    scheme, host, port, path = _url_parts(url)
    netloc = f"[{host}]" if ":" in host else host
    if port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return f"{scheme}://{netloc}{path}"


@dataclasses.dataclass(frozen=True)
class AllowedSaleor:
    """One SALEOR_ALLOWED_API_URLS entry: scheme, port and path match exactly; the host exactly, or
    after a leading `*.` that stands for one DNS label (`*.saleor.cloud` matches `shop.saleor.cloud`)."""

    scheme: str
    host: str
    port: int
    path: str
    wildcard: bool

    def matches(self, api_url: str) -> bool:
        scheme, host, port, path = _url_parts(api_url)
        if (scheme, port, path) != (self.scheme, self.port, self.path):
            return False
        if not self.wildcard:
            return host == self.host
        label, _, rest = host.partition(".")
        return rest == self.host and HOST_LABEL.fullmatch(label) is not None


@functools.lru_cache(maxsize=256)
def allowed_saleor(entry: str) -> AllowedSaleor:
    """Parse one allow-list entry; ValueError says what is wrong with it."""
    scheme, host, port, path = _url_parts(entry)
    wildcard = host.startswith("*.")
    if wildcard:
        host = host[2:]
    if "*" in f"{host}{path}":
        raise ValueError(f"'*' may only stand for the first label of the host: {entry!r}")
    if wildcard and (host.count(".") < 1 or host.rsplit(".", 1)[1].isdigit()):
        raise ValueError(f"a '*.' entry needs a domain name of at least two labels after it: {entry!r}")
    return AllowedSaleor(scheme, host, port, path, wildcard)


def allow_list_match(api_url: str, allowed: list[str]) -> AllowedSaleor | None:
    """The entry of `allowed` that admits `api_url`, or None."""
    return next((entry for entry in map(allowed_saleor, allowed) if entry.matches(api_url)), None)


def _url_parts(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of an http(s) URL, with the scheme's default port filled in."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        raise ValueError(f"not a valid port in {url!r}") from None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts.scheme, parts.hostname, port, path


def _bool(env, name, default):
    raw = env.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}: expected true or false, got {raw!r}")


def _list(env, name):
    return [item.strip() for item in (env.get(name) or "").split(",") if item.strip()]


def _choice(env, name, choices, default):
    value = env.get(name) or default
    if value not in choices:
        raise ConfigError(f"{name}: must be one of {', '.join(choices)}, got {value!r}")
    return value


def _secret_key(env, debug):
    key = env.get("SECRET_KEY")
    if not key:
        if debug:
            return "insecure-development-key-set-SECRET_KEY-in-production"
        raise ConfigError("SECRET_KEY: required when DEBUG is off")
    if len(key) < 32:
        raise ConfigError("SECRET_KEY: must be at least 32 characters long")
    return key


def _port(env):
    raw = env.get("PORT") or "8080"
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigError(f"PORT: expected a TCP port number, got {raw!r}")
    return int(raw)


def _seconds(env, name):
    raw = env.get(name)
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0
    if not seconds > 0:
        raise ConfigError(f"{name}: expected a number of seconds above 0, got {raw!r}")
    return seconds


def _url(env, name):
    raw = env[name]
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ConfigError(f"{name}: expected an http(s) URL without query, got {raw!r}")
    return raw.rstrip("/")


def _app_url(env, debug, port):
    if env.get("APP_URL"):
        return _url(env, "APP_URL")
    if debug:
        return f"http://127.0.0.1:{port}"
    raise ConfigError("APP_URL: required when DEBUG is off (the public base URL Saleor calls)")


def _database(env, data_dir):
    url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'db.sqlite3'}"
    try:
        database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:
        raise ConfigError(f"DATABASE_URL: cannot parse it ({exc})") from None
    engine = database.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        # WAL lets the web process and background threads read while one writes.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
        database["CONN_MAX_AGE"] = 0
    elif not engine.endswith("postgresql"):
        raise ConfigError("DATABASE_URL: only postgres:// and sqlite:// databases are supported")
    return database


def _broker(env, debug):
    url = env.get("CELERY_BROKER_URL")
    if not url:
        if debug:
            return None  # embedded mode: tasks run in-process after the request's commit
        raise ConfigError("CELERY_BROKER_URL: required when DEBUG is off (e.g. redis://host:6379/0)")
    if "://" not in url:
        raise ConfigError(f"CELERY_BROKER_URL: expected a broker URL such as redis://…, got {url!r}")
    return url


def _email(env, debug, data_dir):
    url = env.get("EMAIL_URL")
    if not url:
        if not debug:
            raise ConfigError("EMAIL_URL: required when DEBUG is off (e.g. smtp+tls://user:pass@host:587)")
        url = "consolemail://"
    try:
        return environ.Env.email_url_config(url)
    except Exception:
        raise ConfigError(
            "EMAIL_URL: unknown scheme; use smtp://, smtp+tls://, smtp+ssl://, consolemail://, "
            "filemail://<path> or memorymail://"
        ) from None


def _directory(env, name):
    if not env.get(name):
        return None
    path = Path(env[name]).resolve()
    if not path.is_dir():
        raise ConfigError(f"{name}: {path} is not a directory")
    return path


def _encryption_keys(env, debug, secret_key):
    keys = _list(env, "FIELD_ENCRYPTION_KEYS")
    if not keys:
        if not debug:
            raise ConfigError(
                "FIELD_ENCRYPTION_KEYS: required when DEBUG is off (generate one with "
                "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)"
            )
        digest = hashlib.sha256(b"field-encryption:" + secret_key.encode()).digest()
        return [base64.urlsafe_b64encode(digest).decode()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ConfigError(
                f"FIELD_ENCRYPTION_KEYS: key #{position} is not a valid Fernet key "
                "(32 url-safe base64-encoded bytes)"
            ) from None
    return keys


def _prefixed(env, name, prefixes):
    value = env.get(name)
    if not value:
        return None
    if not value.startswith(prefixes):
        raise ConfigError(f"{name}: must start with {' or '.join(prefixes)}")
    return value


def _time_zone(env):
    name = env.get("TIME_ZONE") or "Asia/Tokyo"
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TIME_ZONE: unknown time zone {name!r} (use an IANA name such as Asia/Tokyo)") from None
    return name


# Saleor Cloud serves each Dashboard on its own *.saleor.cloud origin; the Dashboard's dev server listens on 9000.
CLOUD_DASHBOARDS = ("https://*.saleor.cloud",)
DEBUG_DASHBOARDS = ("http://localhost:9000", "http://127.0.0.1:9000")
_ORIGIN = re.compile(r"https?://(\*\.)?[a-z0-9.-]+(:[0-9]{1,5})?")


def _dashboard_origins(env, debug):
    """Origins of Dashboards allowed to frame the app's pages (besides each installation's own Saleor origin)."""
    entries = [entry.lower().rstrip("/") for entry in _list(env, "DASHBOARD_ORIGINS")]
    for entry in entries:
        if not _ORIGIN.fullmatch(entry):
            raise ConfigError(f"DASHBOARD_ORIGINS: expected origins such as https://dashboard.example.com, got {entry!r}")
    return entries or [*CLOUD_DASHBOARDS, *(DEBUG_DASHBOARDS if debug else ())]


def _allowed_saleors(env, debug):
    entries = _list(env, "SALEOR_ALLOWED_API_URLS")
    if not entries:
        if debug:
            return list(DEBUG_SALEOR_API_URLS)
        raise ConfigError(
            "SALEOR_ALLOWED_API_URLS: required when DEBUG is off "
            "(comma-separated Saleor API URLs, e.g. https://shop.example.com/graphql/)"
        )
    try:
        for entry in entries:
            allowed_saleor(entry)  # checks the pattern syntax
        return [normalize_api_url(entry) for entry in entries]
    except ValueError as exc:
        raise ConfigError(f"SALEOR_ALLOWED_API_URLS: {exc}") from None
