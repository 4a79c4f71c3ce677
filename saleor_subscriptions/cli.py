"""`saleor-subscriptions`: Django's management commands, with configuration errors on one line."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_subscriptions.settings")
    argv = sys.argv[1:] if argv is None else argv
    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        print(f"saleor-subscriptions: configuration error: {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    if argv and not argv[0].startswith("-"):
        argv = [argv[0].replace("-", "_"), *argv[1:]]  # `run-due` is the `run_due` command
    execute_from_command_line(["saleor-subscriptions", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
