"""The Dashboard pages are typed from dashboard/schema.graphql: it must be the schema the app serves."""

from saleor_subscriptions.management.commands.export_schema import DEFAULT_PATH, schema_text


def test_the_committed_schema_is_the_one_the_app_serves():
    assert DEFAULT_PATH.read_text(encoding="utf-8") == schema_text(), (
        "dashboard/schema.graphql is stale: run `saleor-subscriptions export-schema` and regenerate (npm run codegen)"
    )
