"""What every bench script starts with: its own PostgreSQL database, emptied and migrated, and Django set up;
and localstripe on a free loopback port for those that charge."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def fresh_database(name: str) -> str:
    """BENCH_DATABASE_URL (default: `name` on the local PostgreSQL), dropped, created and migrated; its URL."""
    url = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{name}")
    sys.path.insert(0, str(REPO))
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="tests.settings", LOG_LEVEL="WARNING")
    import psycopg

    server, database = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        admin.execute(f'CREATE DATABASE "{database}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def localstripe() -> tuple[subprocess.Popen, str]:
    """localstripe (tests/localstripe_server.py) on a free loopback port: the process and its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(REPO / "tests" / "localstripe_server.py"), str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}"
