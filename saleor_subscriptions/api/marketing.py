"""Staff operations for e-mails: previews and test sends of any mail, of a saved funnel step, or of one being typed."""

import re
import uuid

import graphene
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..core.error_texts import error_text
from ..core.errors import InputError, check_length
from ..funnels import actions as funnels
from ..funnels.models import Funnel
from ..mail import previews, sending
from ..mail.models import MailLog
from .staff import StaffError, _guarded, _refuse, staff

MAIL_PERMISSION, FUNNEL_PERMISSION = "MANAGE_CHANNELS", "MANAGE_DISCOUNTS"


class MailPreview(graphene.ObjectType):
    subject = graphene.String()
    text = graphene.String()
    html = graphene.String()
    language = graphene.String()
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _checked_address(to: str) -> str:
    try:
        check_length("to", to, MailLog._meta.get_field("to"))
        validate_email(to)
    except InputError as exc:
        raise _refuse(exc.field, exc.code, exc.message) from None
    except ValidationError:
        raise _refuse("to", "invalid", error_text("email_invalid")) from None
    return to


def _step(installation, funnel_id, position):
    # our funnel ids are row numbers; anything else names no funnel
    funnel = (Funnel.objects.filter(installation=installation, pk=int(funnel_id)).first()
              if re.fullmatch(r"[0-9]{1,18}", funnel_id) else None)
    step = funnel.steps.filter(position=position).first() if funnel is not None else None
    if step is None:
        raise _refuse("position", "not_found", error_text("step_not_found", position=position))
    return step


class FunnelStepDraftInput(graphene.InputObjectType):
    """A funnel step as the marketer is typing it (saved or not), as `funnelStepPreview` takes it."""

    subject = graphene.String(required=True)
    body = graphene.String(required=True)
    offer_percent_off = graphene.String(description="the funnel's offer as it stands in the form")
    voucher_code = graphene.String()


def step_draft(subject, body, offer_percent_off=None, voucher_code="") -> dict:
    """A typed step as `funnels.preview_draft` reads it (an empty offer is none)."""
    return {"subject": subject, "body": body, "offer_percent_off": offer_percent_off or None, "voucher_code": voucher_code or ""}


def _rendered(installation, kind, language, funnel_id, position, draft=None):
    if sum(given is not None for given in (kind, funnel_id, draft)) > 1:
        raise _refuse(None, "invalid", error_text("one_mail"))
    if funnel_id is not None:
        return funnels.preview_step(_step(installation, funnel_id, position or 1), language)
    try:
        if draft is not None:
            return funnels.preview_draft(installation, language, step_draft(**draft))
        return previews.preview(installation, kind, language)
    except InputError as exc:
        raise _refuse(exc.field, exc.code, exc.message) from None


def resolve_mail_preview(root, info, language, kind=None, funnel_id=None, position=None):
    def work():
        installation, _ = staff(info.context, FUNNEL_PERMISSION if funnel_id is not None else MAIL_PERMISSION)
        mail = _rendered(installation, kind, language, funnel_id, position)
        return {"subject": mail.subject, "text": mail.text, "html": mail.html, "language": mail.language}

    return _guarded(work)


class MailTestSend(graphene.Mutation):
    """Send a template (`kind`), a saved funnel step or a step being typed (`draft`, nothing saved) to `to`,
    rendered for a sample customer, marked [TEST]."""

    class Arguments:
        to = graphene.String(required=True)
        language = graphene.String(required=True)
        kind = graphene.String()
        funnel_id = graphene.ID()
        position = graphene.Int()
        draft = FunnelStepDraftInput(description="a step as typed, rendered as `funnelStepPreview` renders it")

    sent = graphene.Boolean()
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    def mutate(root, info, to, language, kind=None, funnel_id=None, position=None, draft=None):
        def work():
            funnel = funnel_id is not None or draft is not None
            installation, user = staff(info.context, FUNNEL_PERMISSION if funnel else MAIL_PERMISSION)
            mail = _rendered(installation, kind, language, funnel_id, position, draft)
            logged = sending.queue(installation, key=f"test-{uuid.uuid4()}", kind=kind or "funnel_step",
                                   to=_checked_address(to), rendered=previews.as_test(mail))
            # staff wait for the answer: deliver now (a worker handed the same row finds it done)
            outcome = sending.deliver(logged.pk).status
            if outcome == MailLog.Status.FAILED:  # the log row says why
                raise _refuse(None, "mail_failed", error_text("mail_failed"))
            if outcome == MailLog.Status.PENDING:
                raise _refuse(None, "mail_delayed", error_text("mail_delayed"))
            return {"sent": True}

        return {"sent": False, **_guarded(work)}
