"""`/graphql/`: graphene-django's view, with request JSON parsed by the bounded loader."""

from django.http import HttpResponseBadRequest
from graphene_django.views import GraphQLView as BaseGraphQLView
from graphene_django.views import HttpError

from .core import bounded_json


class RefusedRequest(HttpError):
    """A 400 whose GraphQL error carries a stable code in `extensions`."""

    def __init__(self, code: str, message: str):
        super().__init__(HttpResponseBadRequest(), message)
        self.code = code


class GraphQLView(BaseGraphQLView):
    def parse_body(self, request):
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
        return BaseGraphQLView.get_graphql_params(request, data)

    @staticmethod
    def format_error(error):
        if isinstance(error, RefusedRequest):
            return {"message": error.message, "extensions": {"code": error.code}}
        return BaseGraphQLView.format_error(error)
