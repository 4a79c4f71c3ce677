"""The invoice PDF behind a signed link: opened by the customer from a mail or the portal, printed by the warehouse."""

import logging

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from ..mail.texts import PAGE_TEXTS
from ..mail.views import browser_language, not_found, page
from ..saleor.client import SaleorError
from ..subscriptions.models import Renewal
from . import links
from .gathering import NoInvoice, gather
from .layout import FontMissing, render
from .texts import TEXTS, UNAVAILABLE

logger = logging.getLogger(__name__)


@require_GET
def invoice_view(request, token: str):
    try:
        payload = links.read(token)
    except links.BadLink as exc:
        language = browser_language(request)
        return page(language, status=400, title=PAGE_TEXTS[language]["expired_link" if exc.expired else "bad_link"])
    renewal = (Renewal.objects.select_related("subscription__installation")  # the shop that signed it, and only its own
               .filter(pk=payload["r"], subscription__installation_id=payload["i"], subscription__installation__is_active=True)
               .first())
    if renewal is None:
        return not_found(request)
    language = renewal.subscription.language
    try:
        invoice = gather(renewal)
        pdf = render(invoice)
    except NoInvoice:
        return not_found(request)
    except (SaleorError, FontMissing) as exc:
        logger.error("invoice of renewal %s not printed: %s", renewal.pk, exc)
        return page(language, status=503, title=TEXTS[language]["title"], error=UNAVAILABLE[language])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="invoice-{invoice.order_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
