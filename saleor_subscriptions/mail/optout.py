"""Opting out of marketing mail (step mails): honoured from the moment it is saved, funnels left at once."""

from ..core.models import Event, record_event
from ..funnels.models import Enrolment
from ..installations.models import Installation
from .models import MailOptOut


def is_opted_out(installation, email: str) -> bool:
    return MailOptOut.objects.filter(installation=installation, email=email.strip().lower()).exists()


def opt_out(installation_id: int, email: str, *, source: str) -> None:
    installation = Installation.objects.get(pk=installation_id)
    _, created = MailOptOut.objects.get_or_create(installation=installation, email=email.strip().lower())
    Enrolment.objects.filter(funnel__installation=installation, email__iexact=email.strip(),
                             status__in=(Enrolment.Status.ACTIVE, Enrolment.Status.FINISHED)).update(
        status=Enrolment.Status.UNSUBSCRIBED)
    if created:
        record_event(installation, "mail.opted_out", actor=Event.Actor.CUSTOMER, email=email.strip().lower(), source=source)


def unsubscribe_headers(url: str) -> dict:
    """RFC 8058 one-click unsubscribe, which large mailbox providers require of bulk senders."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
