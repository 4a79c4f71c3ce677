"""Test settings: production-like (DEBUG off), PostgreSQL whenever one is reachable.

`make test` and CI set DATABASE_URL; without it a local PostgreSQL is used when it answers, and
SQLite only outside CI (CI=true or REQUIRE_POSTGRES=1 turns an unreachable PostgreSQL into an error).
"""

import os

import psycopg

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/saleor_subscriptions"


def _reachable(url: str) -> bool:
    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


if not os.environ.get("DATABASE_URL"):
    if _reachable(LOCAL_POSTGRES):
        os.environ["DATABASE_URL"] = LOCAL_POSTGRES
    elif os.environ.get("CI") == "true" or os.environ.get("REQUIRE_POSTGRES") == "1":
        raise RuntimeError(f"PostgreSQL is required here but {LOCAL_POSTGRES} does not answer")
    else:
        os.environ["DATABASE_URL"] = "sqlite:///:memory:"

os.environ.update(
    DEBUG="0",
    SECRET_KEY="test-secret-key-that-is-long-enough-for-django",
    APP_URL="http://testserver",
    ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    CELERY_BROKER_URL=os.environ.get("TEST_CELERY_BROKER_URL", "memory://"),
    EMAIL_URL="memorymail://",
    FIELD_ENCRYPTION_KEYS="lbT0Mtl3KILa6Fkd0H6GEJvXnnMJpZ3Xpn3dlzJUCSo=",
    SALEOR_ALLOWED_API_URLS="http://127.0.0.1:8000/graphql/",
    TIME_ZONE="Asia/Tokyo",
)

from saleor_subscriptions.settings import *  # noqa: E402,F403

# Tasks run inline unless a test starts a real worker (tests/test_celery_integration.py).
CELERY_TASK_ALWAYS_EAGER = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
