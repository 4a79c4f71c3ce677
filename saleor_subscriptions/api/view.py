"""/graphql/: cost limits before a query runs, errors in the request's language, no internal text in errors."""

import logging

from django.utils import translation
from graphene_django.views import GraphQLView
from graphql import ExecutionResult, GraphQLError, specified_rules

from ..core.error_texts import error_text
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
        refused = check_document(query) if isinstance(query, str) else None
        if refused:
            return ExecutionResult(errors=[refused])  # no path: graphene-django answers 400
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)

    @staticmethod
    def format_error(error):
        """Errors of a running resolver are bugs or outages: log them, answer a coded, generic error.

        Bad input never gets here (it is a coded payload error), nor do parse, validation and
        variable errors (they have no path, and say only what was wrong with the request).
        """
        if isinstance(error, GraphQLError) and error.path is not None and not (error.extensions or {}).get("code"):
            cause = error.original_error or error
            logger.error("GraphQL field %s failed", ".".join(map(str, error.path)),
                         exc_info=(type(cause), cause, cause.__traceback__))
            return {"message": error_text("internal_error"), "locations": error.formatted.get("locations"),
                    "path": error.path, "extensions": {"code": "INTERNAL_ERROR"}}
        return GraphQLView.format_error(error)
