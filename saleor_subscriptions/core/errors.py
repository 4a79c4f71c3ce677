"""Refused input, named the way our GraphQL API reports it: {field, code, message}."""

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from .error_texts import TEXTS, error_text


class InputError(Exception):
    """`message` as raised (the fallback); `words` (a key of TEXTS, else the code's) and `params` translate it."""

    def __init__(self, field: str | None, code: str, message: str, *, words: str | None = None, **params):
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
        self.words = words
        self.params = params


def check_length(field: str, value: str, column) -> None:
    """Refuse empty text, or text longer than `column` (a model field) holds."""
    if not value:
        raise InputError(field, "required", error_text("required"))
    if len(value) > column.max_length:
        raise InputError(field, "too_long", error_text("too_long", limit=column.max_length), limit=column.max_length)


def one_line(value: str) -> str:
    """A pydantic validator for text that goes into a mail header, where a line break injects headers."""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        raise PydanticCustomError("line_break", "must be a single line")
    return value


# pydantic's error types: (our code, our text, the context key holding the limit)
PYDANTIC = {
    "missing": ("required", "required", None),
    "string_too_long": ("too_long", "too_long", "max_length"),
    "too_long": ("too_long", "too_long", "limit"),  # ours, for a column's length
    "string_too_short": ("required", "too_short", "min_length"),
    "greater_than": ("invalid", "greater_than", "gt"),
    "greater_than_equal": ("invalid", "at_least", "ge"),
    "less_than": ("invalid", "less_than", "lt"),
    "less_than_equal": ("invalid", "at_most", "le"),
    "finite_number": ("invalid", "number_finite", None),
    "decimal_parsing": ("invalid", "number_invalid", None),
    "decimal_type": ("invalid", "number_invalid", None),
    "int_parsing": ("invalid", "number_invalid", None),
    "int_type": ("invalid", "number_invalid", None),
}


def pydantic_errors(exc: ValidationError, prefix: tuple = ()) -> list[dict]:
    """Each error as {field, code, message}, in the request's language where we have the words."""
    errors = []
    for error in exc.errors():
        field = ".".join(str(part) for part in (*prefix, *error["loc"]))
        context = error.get("ctx") or {}
        code, text, limit = PYDANTIC.get(error["type"], ("invalid", error["type"], None))
        if error["type"] == "too_long" and "limit" not in context:  # pydantic's own: a list with too many items
            code, text, limit = "too_many", "too_many_items", "max_length"
        if text == "too_short" and context.get("min_length") == 1:
            text = "required"
        if text in TEXTS:  # our own PydanticCustomError types carry their words' parameters
            message = error_text(text, **({"limit": context[limit]} if limit else context))
        else:
            message = error["msg"].removeprefix("Value error, ")
        errors.append({"field": field, "code": code, "message": message})
    return errors
