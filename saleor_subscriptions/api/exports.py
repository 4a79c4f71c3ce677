"""Staff: `exportCreate` turns a chosen export into a download link the browser opens (exports/)."""

import re

import graphene
from django.utils import timezone

from ..core.error_texts import current_language, error_text
from ..core.models import Event, record_event
from ..exports import links
from ..exports.kinds import EXPORTS
from .staff import StaffError, _guarded, _refuse, staff

SLUG = re.compile(r"^[-\w]{1,255}$")

ExportKind = graphene.Enum("ExportKind", [(name.upper(), name) for name in EXPORTS], description=(
    "SUBSCRIPTIONS: one row per subscription; RENEWALS: one per delivery cycle with its amount and payment status; "
    "PAYMENTS: renewals paid, awaiting payment or declined, with the PSP reference, method and reconciliation time; "
    "MAILS: the mail log; ENROLMENTS: step-mail funnel enrolments; CANCELLATIONS: cancellation attempts with reasons."))


class ExportCreate(graphene.Mutation):
    """A link (valid for a few minutes) that downloads the export as CSV: UTF-8 with BOM, headers in the request's
    language, amounts as plain decimals beside their currency, times in the shop's time zone."""

    class Arguments:
        kind = ExportKind(required=True)
        channel = graphene.String(description="A channel slug; default: every channel")
        from_ = graphene.Date(name="from", description="First day (the shop's dates) of the export's own date, inclusive")
        to = graphene.Date(description="Last day, inclusive")

    url = graphene.String(description="Open it in a browser (no headers needed): the file downloads")
    expires_at = graphene.DateTime()
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    def mutate(root, info, kind, channel=None, from_=None, to=None):
        def work():
            installation, user = staff(info.context, "MANAGE_ORDERS")
            if channel and not SLUG.match(channel):
                raise _refuse("channel", "invalid", error_text("export_channel"))
            if from_ and to and from_ > to:
                raise _refuse("to", "invalid", error_text("export_range"))
            name = getattr(kind, "value", kind)
            url = links.make(installation, name, language=current_language(), channel=channel or None, since=from_, until=to)
            record_event(installation, "export.created", actor=Event.Actor.STAFF, actor_id=user, kind=name,
                         channel=channel or "", since=from_ and from_.isoformat(), until=to and to.isoformat())
            return {"url": url, "expires_at": timezone.now() + links.MAX_AGE}

        return _guarded(work)
