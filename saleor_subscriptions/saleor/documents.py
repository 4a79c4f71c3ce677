"""The `.graphql` documents in `graphql/`: every operation we send and every webhook query.

Each operation is sent with exactly the fragments it uses, so documents stay small and Saleor
never sees an unused fragment (which GraphQL rejects).
"""

import dataclasses
import re
from functools import cache
from pathlib import Path

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    Visitor,
    parse,
    print_ast,
    visit,
)

from ..resources import resource_dir


@dataclasses.dataclass(frozen=True)
class Operation:
    name: str
    kind: str  # "query", "mutation" or "subscription"
    text: str
    path: Path

    @property
    def document(self) -> DocumentNode:
        return parse(self.text)


@dataclasses.dataclass(frozen=True)
class WebhookSpec:
    """A manifest webhook: one subscription document under graphql/webhooks/<async|sync>/."""

    name: str
    is_async: bool
    events: tuple[str, ...]
    query: str


class DocumentError(Exception):
    pass


def _spreads(node) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_):
            names.add(spread.name.value)

    visit(node, Collect())
    return names


@cache
def _library(root: Path) -> tuple[dict[str, tuple[OperationDefinitionNode, Path]], dict[str, FragmentDefinitionNode]]:
    operations, fragments = {}, {}
    for path in sorted(root.rglob("*.graphql")):
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, FragmentDefinitionNode):
                table, name, value = fragments, definition.name.value, definition
            elif isinstance(definition, OperationDefinitionNode) and definition.name:
                table, name, value = operations, definition.name.value, (definition, path)
            else:
                raise DocumentError(f"{path}: every operation needs a name")
            if name in table:
                raise DocumentError(f"{path}: {name!r} is defined twice in graphql/")
            table[name] = value
    return operations, fragments


def _with_fragments(definition, fragments) -> str:
    needed, queue = {}, list(_spreads(definition))
    while queue:
        name = queue.pop()
        if name in needed:
            continue
        if name not in fragments:
            raise DocumentError(f"fragment {name!r} used by {definition.name.value!r} is not defined")
        needed[name] = fragments[name]
        queue.extend(_spreads(fragments[name]))
    parts = [definition] + [needed[name] for name in sorted(needed)]
    return "\n\n".join(print_ast(part) for part in parts) + "\n"


def graphql_root() -> Path:
    return resource_dir("graphql")


def operation(name: str) -> Operation:
    """The named operation with its fragments, built once per process (documents do not change while it runs)."""
    return _operation(graphql_root(), name)


@cache
def _operation(root: Path, name: str) -> Operation:
    operations, fragments = _library(root)
    try:
        definition, path = operations[name]
    except KeyError:
        raise DocumentError(f"no operation named {name!r} in graphql/") from None
    return Operation(name, definition.operation.value, _with_fragments(definition, fragments), path)


def all_operations() -> list[Operation]:
    operations, _ = _library(graphql_root())
    return [operation(name) for name in sorted(operations)]


def event_enum_name(type_name: str) -> str:
    """`OrderFullyPaid` → `ORDER_FULLY_PAID`: Saleor's event types mirror the enum names."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type_name).upper()


def _subscribed_events(definition: OperationDefinitionNode) -> tuple[str, ...]:
    (event_field,) = definition.selection_set.selections
    return tuple(
        event_enum_name(selection.type_condition.name.value)
        for selection in event_field.selection_set.selections
        if isinstance(selection, InlineFragmentNode)
    )


def webhook_specs() -> list[WebhookSpec]:
    specs = []
    for op in all_operations():
        if op.kind != "subscription":
            continue
        kind = op.path.parent.name
        if kind not in ("async", "sync") or op.path.parent.parent.name != "webhooks":
            raise DocumentError(f"{op.path}: subscriptions belong in graphql/webhooks/async|sync/")
        definition = next(d for d in op.document.definitions if isinstance(d, OperationDefinitionNode))
        specs.append(WebhookSpec(op.path.stem, kind == "async", _subscribed_events(definition), op.text))
    return specs
