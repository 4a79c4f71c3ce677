"""/graphql/: cost limits before a query runs, errors in the request's language, no internal text in errors."""

import logging

from django.utils import translation
from graphene_django.views import HttpError
from graphql import ExecutionResult, GraphQLError, specified_rules

from ..core.error_texts import error_text
from ..graphql_view import GraphQLView
from .inputs import refuse_unstorable_text
from .limits import CostLimits, check_document

logger = logging.getLogger(__name__)


class ApiView(GraphQLView):
    validation_rules = (*specified_rules, CostLimits)  # given rules replace graphql-core's, so keep them

    def get_middleware(self, request):
        return [refuse_unstorable_text]

    def dispatch(self, request, *args, **kwargs):
        # Accept-Language (or the language cookie), else settings.LANGUAGE_CODE
        with translation.override(translation.get_language_from_request(request)):
            return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not all(isinstance(value, kind | None) for value, kind in ((query, str), (variables, dict), (operation_name, str))):
            # graphql-core would answer in Python's words ("object of type 'int' has no len()")
            return ExecutionResult(errors=[GraphQLError(error_text("bad_request"), extensions={"code": "BAD_REQUEST"})])
        refused = check_document(query) if query else None
        if refused:
            return ExecutionResult(errors=[refused])  # no path: graphene-django answers 400
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)

    @staticmethod
    def format_error(error):
        """Errors of a running resolver, and exceptions that are not GraphQL errors, are bugs or
        outages: log them and answer a coded, generic error.

        Bad input never gets here (it is a coded payload error); parse, validation and variable
        errors have no path and say only what was wrong with the request, so they pass as they are.
        """
        if isinstance(error, HttpError):  # the view's own refusals of the request (not JSON, no query …)
            return GraphQLView.format_error(error)
        if not isinstance(error, GraphQLError) or (error.path is not None and not (error.extensions or {}).get("code")):
            cause = getattr(error, "original_error", None) or error
            logger.error("GraphQL request failed at %s", ".".join(map(str, getattr(error, "path", None) or ["(request)"])),
                         exc_info=(type(cause), cause, cause.__traceback__))
            formatted = {"message": error_text("internal_error"), "extensions": {"code": "INTERNAL_ERROR"}}
            if isinstance(error, GraphQLError):
                formatted.update(locations=error.formatted.get("locations"), path=error.path)
            return formatted
        return GraphQLView.format_error(error)
