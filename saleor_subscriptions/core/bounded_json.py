"""JSON from outside, parsed with a bound on nesting: no body can exhaust the stack (a 500)."""

import json

# Far deeper than any request or Saleor payload we read, far below Python's recursion limit, so
# the code that later walks or re-serialises the value cannot overflow either.
MAX_DEPTH = 64


class TooDeep(ValueError):
    pass


def loads(raw: str | bytes, **kwargs):
    """`json.loads`, refusing (TooDeep, a ValueError) values nested deeper than MAX_DEPTH."""
    try:
        value = json.loads(raw, **kwargs)
    except RecursionError:
        raise TooDeep(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    if _deeper_than(value, MAX_DEPTH):
        raise TooDeep(f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


def _deeper_than(value, limit: int) -> bool:
    """Whether containers nest more than `limit` levels (iterative: no recursion to overflow)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
