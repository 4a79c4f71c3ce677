"""The cost limits of /graphql/: checked before a query runs, so no query can tie up the server or Saleor.

Size and tokens are checked before parsing; depth and field counts by a validation rule that
expands fragments (a fragment used twice counts twice).
"""

from itertools import islice

from graphql import FieldNode, FragmentSpreadNode, GraphQLError, GraphQLSyntaxError, InlineFragmentNode, parse
from graphql.validation import ValidationRule

from ..core.error_texts import error_text

MAX_BYTES = 16_384
MAX_TOKENS = 2_000
MAX_COMMENTS = 100
MAX_DEPTH = 15  # the standard introspection query is 15 deep; our own types are at most 5
MAX_FIELDS = 500
MAX_ROOT_FIELDS = 20
MAX_COSTLY_FIELDS = 5
# root fields that call Saleor or send mail: each one is work a caller must not multiply with aliases
COSTLY_FIELDS = frozenset({
    "sellingPlans", "subscriptionDisclosure", "subscriptionLineAdd", "subscriptionLineUpdate",
    "subscriptionLineRemovePlan", "paymentMarkReceived", "mailTestSend",
    "staffSubscription", "staffShippingMethods", "staffSubscriptionLineAdd", "staffSubscriptionVariant",
    "staffSubscriptionShipping", "staffSubscriptionAddress", "staffSubscriptionPaymentReceived", "staffSubscriptionDelete",
    # every customer field shows the subscription as priced by Saleor (names, prices, shipping)
    "mySubscriptions", "mySubscription", "mySubscriptionChangeQuote", "mySubscriptionSkip", "mySubscriptionReschedule",
    "mySubscriptionPause", "mySubscriptionResume", "mySubscriptionQuantity", "mySubscriptionVariant", "mySubscriptionPlan",
    "mySubscriptionAddress", "mySubscriptionCardSetup", "mySubscriptionCard", "mySubscriptionCancel",
    "mySubscriptionAddOneTimeItem", "mySubscriptionRemoveOneTimeItem", "mySubscriptionCancelStart",
    "mySubscriptionOfferAccept",
})
CODE = "QUERY_TOO_COMPLEX"


def too_complex(limit: str, maximum: int, **params) -> GraphQLError:
    return GraphQLError(error_text(f"query_too_{limit}", limit=maximum, **params),
                        extensions={"code": CODE, "limit": limit, "max": maximum})


def check_document(query: str) -> GraphQLError | None:
    """The size and token limits, before graphene parses the query for real."""
    if len(query.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return too_complex("large", MAX_BYTES)
    try:
        parse(query, no_location=True, max_lexical_tokens=MAX_TOKENS, max_comments=MAX_COMMENTS)
    except GraphQLSyntaxError as exc:
        if "Document contains more than" in exc.message:
            return too_complex("many_tokens", MAX_TOKENS)
    return None  # a syntax error is reported by the normal parse


class CostLimits(ValidationRule):
    """Depth, fields, top-level fields and Saleor-calling fields of each operation."""

    def enter_operation_definition(self, node, *_):
        fragments = {f.name.value: f for f in self.context.document.definitions if f.kind == "fragment_definition"}
        self.fields = 0
        roots = list(islice(self._fields(node.selection_set, fragments, ()), MAX_ROOT_FIELDS + 1))
        if len(roots) > MAX_ROOT_FIELDS:
            return self._report(too_complex("many_root_fields", MAX_ROOT_FIELDS))
        costly = [field.name.value for field in roots if field.name.value in COSTLY_FIELDS]
        if len(costly) > MAX_COSTLY_FIELDS:
            return self._report(too_complex("many_costly_fields", MAX_COSTLY_FIELDS, names=", ".join(sorted(set(costly)))))
        try:
            for root in roots:
                self._walk(root, fragments, 1)
        except _Exceeded as exceeded:
            self._report(exceeded.error)

    def _report(self, error):
        self.report_error(error)
        return self.BREAK

    def _walk(self, field: FieldNode, fragments, depth: int):
        self.fields += 1
        if self.fields > MAX_FIELDS:
            raise _Exceeded(too_complex("many_fields", MAX_FIELDS))
        if depth > MAX_DEPTH:
            raise _Exceeded(too_complex("deep", MAX_DEPTH))
        for child in self._fields(field.selection_set, fragments, ()):
            self._walk(child, fragments, depth + 1)

    def _fields(self, selection_set, fragments, path: tuple):
        """The fields of a selection set, with its fragments expanded (a cycle is another rule's error)."""
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(selection.selection_set, fragments, path)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in path:
                    yield from self._fields(fragments[name].selection_set, fragments, (*path, name))


class _Exceeded(Exception):
    def __init__(self, error: GraphQLError):
        self.error = error
