"""The access check served beside Django's handler: web servers ask it on every members-only request.

Django's handler (middleware, URL resolution) would cost more than the check itself, so
`/api/access` goes straight to its view. It keeps what matters on this path: the request
signals (database connections are reused and closed as for any request), the host check, and
an error logged and answered 500 rather than a worker failing.
"""

import logging
from http import HTTPStatus

from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from .views import access_view

logger = logging.getLogger(__name__)
PATH = "/api/access"


def with_access_check(django_application):
    def application(environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            return django_application(environ, start_response)
        signals.request_started.send(sender=with_access_check, environ=environ)
        try:
            request = WSGIRequest(environ)
            request.get_host()
            response = access_view(request)
            status, headers, body = response.status_code, list(response.items()), response.content
        except DisallowedHost:
            status, headers, body = 400, [("Content-Type", "text/plain; charset=utf-8")], b"bad host"
        except Exception:
            logger.exception("access check failed")
            status, headers, body = 500, [("Content-Type", "text/plain; charset=utf-8")], b"internal error"
        finally:
            signals.request_finished.send(sender=with_access_check)
        start_response(f"{status} {_reason(status)}", [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return application


def _reason(status: int) -> str:
    return HTTPStatus(status).phrase
