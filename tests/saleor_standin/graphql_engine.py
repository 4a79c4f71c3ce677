"""Answers GraphQL from plain dicts: validates against Saleor's SDL, then projects the answer.

Resolvers return dicts shaped like Saleor's types; the selection set of the request decides which
keys come back (aliases, fragments and `__typename` included), so answers have Saleor's shape.
"""

import os
from functools import cache, lru_cache
from pathlib import Path

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    build_schema,
    is_abstract_type,
    parse,
    validate,
    value_from_ast_untyped,
)

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = Path(os.environ.get("SALEOR_SCHEMA_PATH", REPO.parent / "shared" / "saleor" / "schema-3.23.graphql"))


@cache
def saleor_schema():
    """Saleor 3.23's real schema, or None when the SDL file is not on this machine."""
    if not SCHEMA_PATH.is_file():
        return None
    return build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=512)
def validation_errors(query: str) -> tuple[str, ...]:
    """Messages of everything Saleor's schema rejects in `query` (none when the SDL is absent).

    Cached per query text: the app sends the same few documents over and over."""
    try:
        document = parse(query)
    except GraphQLError as exc:
        return (exc.message,)
    schema = saleor_schema()
    if schema is None:
        return ()
    return tuple(error.message for error in validate(schema, document))


class Failure(Exception):
    """A resolver's refusal, reported as a top-level GraphQL error with Saleor's error code."""

    def __init__(self, message: str, code: str = "GraphQLError"):
        super().__init__(message)
        self.code = code


def parse_operation(query: str, operation_name: str | None):
    document = parse(query)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [d for d in operations if d.name and d.name.value == operation_name]
    if len(operations) != 1:
        raise GraphQLError("exactly one operation must be selected")
    return operations[0], fragments


def arguments(field: FieldNode, variables: dict) -> dict:
    return {arg.name.value: value_from_ast_untyped(arg.value, variables) for arg in field.arguments or ()}


def _applies(type_condition, value: dict) -> bool:
    """Whether a fragment on `type_condition` applies to an object of `value["__typename"]`."""
    if type_condition is None or "__typename" not in value:
        return True
    name, typename = type_condition.name.value, value["__typename"]
    if name == typename or name in value.get("__implements", ()):
        return True
    schema = saleor_schema()
    if schema is None or schema.get_type(name) is None or schema.get_type(typename) is None:
        return False
    condition = schema.get_type(name)
    return is_abstract_type(condition) and schema.is_sub_type(condition, schema.get_type(typename))


def project(value, selection_set, fragments, variables):
    """Keep only what the selection set asks for, recursively."""
    if value is None or selection_set is None:
        return value
    if isinstance(value, list):
        return [project(item, selection_set, fragments, variables) for item in value]
    result = {}
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            key = selection.alias.value if selection.alias else name
            sub = value.get(name)
            if callable(sub):
                sub = sub(**arguments(selection, variables))
            result[key] = project(sub, selection.selection_set, fragments, variables)
        elif isinstance(selection, InlineFragmentNode):
            if _applies(selection.type_condition, value):
                result.update(project(value, selection.selection_set, fragments, variables))
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments[selection.name.value]
            if _applies(fragment.type_condition, value):
                result.update(project(value, fragment.selection_set, fragments, variables))
    return result


def execute(query: str, variables: dict, operation_name: str | None, resolvers: dict) -> tuple[int, dict]:
    """Run a request; `resolvers[kind][field](**args)` returns plain data. Returns (status, body)."""
    errors = validation_errors(query)
    if errors:
        return 400, {"errors": [{"message": message, "extensions": {"exception": {"code": "GraphQLError"}}} for message in errors]}
    operation, fragments = parse_operation(query, operation_name)
    data, errors = {}, []
    for field in operation.selection_set.selections:
        key = field.alias.value if field.alias else field.name.value
        resolver = resolvers.get(operation.operation.value, {}).get(field.name.value)
        if resolver is None:
            raise NotImplementedError(f"the Saleor stand-in does not implement {field.name.value!r}")
        try:
            value = resolver(**arguments(field, variables))
        except Failure as failure:
            data[key] = None
            errors.append({"message": str(failure), "path": [key], "extensions": {"exception": {"code": failure.code}}})
            continue
        data[key] = project(value, field.selection_set, fragments, variables)
    body = {"data": data}
    if errors:
        body["errors"] = errors
    return 200, body
