"""Every document in graphql/ is valid against Saleor 3.23's SDL (skipped without the SDL)."""

import pytest

from graphql import FragmentDefinitionNode, parse
from saleor_subscriptions.saleor.documents import all_operations, graphql_root, webhook_specs

from .saleor_standin.graphql_engine import saleor_schema, validation_errors


@pytest.mark.usefixtures("requires_schema")
@pytest.mark.parametrize("operation", all_operations(), ids=lambda op: op.name)
def test_every_operation_is_valid_against_saleors_schema(operation):
    assert validation_errors(operation.text) == ()


@pytest.mark.usefixtures("requires_schema")
@pytest.mark.parametrize("spec", webhook_specs(), ids=lambda spec: spec.name)
def test_webhook_events_exist_in_the_right_enum(spec):
    enum = saleor_schema().get_type("WebhookEventTypeAsyncEnum" if spec.is_async else "WebhookEventTypeSyncEnum")
    assert spec.events
    assert set(spec.events) <= set(enum.values)


def test_every_fragment_is_used_by_some_operation():
    defined = {
        definition.name.value
        for path in graphql_root().rglob("*.graphql")
        for definition in parse(path.read_text()).definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    used = {
        definition.name.value
        for op in all_operations()
        for definition in op.document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    assert defined == used


def test_webhook_payloads_carry_what_verification_needs():
    for spec in webhook_specs():
        assert "__typename" in spec.query and "recipient" in spec.query, spec.name


@pytest.mark.usefixtures("requires_schema")
def test_the_standin_rejects_what_saleor_would():
    assert validation_errors("query { app { noSuchField } }")
