"""`saleor-subscriptions export-schema`: write the app's GraphQL schema, which the Dashboard pages are typed from."""

from pathlib import Path

from django.core.management.base import BaseCommand

from ...api.schema import schema


def schema_text() -> str:
    """The schema as SDL, as graphql-codegen reads it."""
    return str(schema).rstrip("\n") + "\n"


# In a checkout: dashboard/schema.graphql, next to graphql-codegen's configuration.
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "dashboard" / "schema.graphql"


class Command(BaseCommand):
    help = "Write the app's GraphQL schema (SDL) to dashboard/schema.graphql, or to --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", type=Path, help="default: dashboard/schema.graphql")

    def handle(self, *args, output=None, **options):
        path = output or DEFAULT_PATH
        path.write_text(schema_text(), encoding="utf-8")
        self.stdout.write(f"wrote {path}")
