"""GET /api/exports/<shop>/<token>: a signed export link streams its CSV file to the browser."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_GET

from ..core.error_texts import error_text
from ..installations.models import Installation
from . import links
from .csv_stream import stream
from .headers import headers
from .kinds import EXPORTS, Scope


def _refused(text: str, status: int) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def file_name(kind: str, channel: str | None, since, until) -> str:
    """subscriptions.csv, renewals_jp_2027-01-01_2027-03-31.csv …"""
    return "_".join(str(part) for part in (kind, channel, since, until) if part) + ".csv"


@require_GET
def download_view(request, shop: str, token: str):
    installation = Installation.objects.active().filter(portal_key=shop).first()
    if installation is None:
        return _refused(error_text("export_link_invalid", get_language_from_request(request)), 404)
    try:
        asked = links.read(installation, token)
    except links.BadLink as bad:
        language = bad.language or get_language_from_request(request)
        return _refused(error_text("export_link_expired" if bad.expired else "export_link_invalid", language),
                        410 if bad.expired else 403)
    export = EXPORTS[asked["kind"]]
    scope = Scope(installation, language=asked["language"], channel=asked["channel"], since=asked["since"],
                  until=asked["until"])
    response = StreamingHttpResponse(stream(headers(export.columns, scope.language), export.rows(scope)),
                                     content_type="text/csv; charset=utf-8")
    name = file_name(asked["kind"], scope.channel, scope.since, scope.until)
    response["Content-Disposition"] = content_disposition_header(True, name)  # a channel slug may be Japanese
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the link must not travel on
    response["X-Content-Type-Options"] = "nosniff"
    return response
