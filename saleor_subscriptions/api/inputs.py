"""Arguments no column can store are refused before any resolver sees them, as a payload error."""

import re

from graphene.utils.str_converters import to_camel_case, to_snake_case
from graphql import get_nullable_type, is_list_type, is_non_null_type

from ..core.error_texts import error_text

# PostgreSQL text cannot hold NUL; an unpaired surrogate cannot be encoded at all
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value, path: str) -> str | None:
    """The path of the first string (or JSON key) in `value` that cannot be stored, if any."""
    if isinstance(value, str):
        return path if UNSTORABLE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = unstorable(key, path) or unstorable(item, f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = unstorable(item, f"{path}.{index}")
            if found:
                return found
    return None


def refuse_unstorable_text(next, root, info, **arguments):
    """Graphene middleware: a top-level field given such text answers its payload with `invalid_character`."""
    payload = get_nullable_type(info.return_type)
    if info.path.prev is None and "errors" in getattr(payload, "fields", ()):  # not introspection
        for name, value in arguments.items():
            field = unstorable(value, to_camel_case(name))
            if field:
                return refusal(info, field, "invalid_character", error_text("invalid_character"))
    return next(root, info, **arguments)


def refusal(info, field: str, code: str, message: str) -> dict:
    """The field's payload carrying one error: required lists empty, everything else null."""
    payload = get_nullable_type(info.return_type)
    empty = {to_snake_case(name): [] for name, definition in payload.fields.items()
             if is_non_null_type(definition.type) and is_list_type(get_nullable_type(definition.type))}
    return {**empty, "errors": [{"field": field, "code": code, "message": message}]}
