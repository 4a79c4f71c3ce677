"""/graphql/: bounded JSON, cost limits before a query runs, errors in the request's language, no internal text in errors."""

import logging

from django.http import HttpResponseBadRequest
from django.utils import translation
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, specified_rules

from ..core import bounded_json
from ..core.error_texts import error_text
from .inputs import refuse_unstorable_text
from .limits import CostLimits, check_document

logger = logging.getLogger(__name__)


class RefusedRequest(HttpError):
    """A 400 whose GraphQL error carries a stable code in `extensions`."""

    def __init__(self, code: str, message: str):
        super().__init__(HttpResponseBadRequest(), message)
        self.code = code


class ApiView(GraphQLView):
    validation_rules = (*specified_rules, CostLimits)  # given rules replace graphql-core's, so keep them

    def parse_body(self, request):
        """JSON bodies through the bounded loader: a document nested thousands deep is a 400, not a RecursionError."""
        if self.get_content_type(request) != "application/json":
            return super().parse_body(request)
        try:
            data = bounded_json.loads(request.body)
        except bounded_json.TooDeep as exc:
            raise RefusedRequest("json_too_deep", str(exc)) from None
        except ValueError:
            raise RefusedRequest("invalid_json", "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise RefusedRequest("invalid_json", 'the body must be a JSON object {"query": …}')
        return data

    @staticmethod
    def get_graphql_params(request, data):
        # Variables sent as a string (GET, form posts) are parsed by the base view; refuse deep ones first.
        variables = request.GET.get("variables") or data.get("variables")
        if isinstance(variables, str):
            try:
                bounded_json.loads(variables)
            except bounded_json.TooDeep as exc:
                raise RefusedRequest("json_too_deep", f"variables: {exc}") from None
            except ValueError:
                pass  # the base view reports invalid JSON
        return GraphQLView.get_graphql_params(request, data)

    def get_middleware(self, request):
        return [refuse_unstorable_text]

    def dispatch(self, request, *args, **kwargs):
        # Accept-Language (or the language cookie), else settings.LANGUAGE_CODE
        with translation.override(translation.get_language_from_request(request)):
            response = super().dispatch(request, *args, **kwargs)
        if getattr(request, "retry_after", None):  # a customer field was throttled (api/customer/signed_in.py)
            response["Retry-After"] = str(request.retry_after)
        return response

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
        if isinstance(error, RefusedRequest):
            return {"message": error.message, "extensions": {"code": error.code}}
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
