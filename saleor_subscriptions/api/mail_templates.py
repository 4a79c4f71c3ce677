"""The Mail templates tab's API: every transactional mail per kind and language, the shop's own versions of it,
a draft's preview, save and reset to default.

The same permission as the shop settings page the tab belongs to, and as mail previews and test sends
(`MANAGE_CHANNELS`): one page, one permission, so no tab of it refuses someone the others admit.
"""

import graphene

from ..config import LANGUAGE_CODES
from ..core.errors import InputError
from ..mail import shop_templates
from ..mail.previews import kinds
from .marketing import MAIL_PERMISSION
from .staff import StaffError, _guarded, _refuse, staff, staff_claims


class MailTemplateSummary(graphene.ObjectType):
    kind = graphene.String(required=True)
    language = graphene.String(required=True)
    overridden = graphene.Boolean(required=True, description="the shop's own template is in use")
    version = graphene.Int(description="the latest version saved (a reset too); none if never edited")


class MailTemplateSource(graphene.ObjectType):
    subject = graphene.String(required=True)
    text = graphene.String(required=True)
    html = graphene.String(required=True)


class MailTemplateVersionNode(graphene.ObjectType):
    number = graphene.Int(required=True)
    is_default = graphene.Boolean(required=True, description="a reset to the default")
    subject = graphene.String(required=True)
    text = graphene.String(required=True)
    html = graphene.String(required=True)
    saved_by = graphene.String(required=True, description="the staff user's e-mail (or id)")
    saved_at = graphene.DateTime(required=True)


class MailTemplate(graphene.ObjectType):
    kind = graphene.String(required=True)
    language = graphene.String(required=True)
    overridden = graphene.Boolean(required=True)
    current = graphene.Field(MailTemplateSource, required=True, description="what the mail is rendered from now")
    default = graphene.Field(MailTemplateSource, required=True,
                             description="without the shop's own: MAIL_TEMPLATES_DIR's, else the built-in")
    versions = graphene.List(graphene.NonNull(MailTemplateVersionNode), required=True, description="newest first")


class MailTemplateInput(graphene.InputObjectType):
    subject = graphene.String(required=True, description="Jinja2; rendered on one line")
    text = graphene.String(required=True, description="Jinja2, the plain-text part")
    html = graphene.String(default_value="", description="Jinja2, autoescaped; empty: no HTML part")


class MailTemplatesPayload(graphene.ObjectType):
    templates = graphene.List(graphene.NonNull(MailTemplateSummary), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class MailTemplatePayload(graphene.ObjectType):
    template = graphene.Field(MailTemplate)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class MailTemplatePreviewPayload(graphene.ObjectType):
    subject = graphene.String()
    text = graphene.String()
    html = graphene.String()
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _source(version) -> dict:
    return {field: getattr(version, field) for field in shop_templates.FIELDS}


def _template(installation, kind: str, language: str) -> dict:
    versions = shop_templates.versions(installation, kind, language)
    default = shop_templates.default_sources(kind, language)
    overridden = bool(versions) and not versions[0].is_default
    return {
        "kind": kind, "language": language, "overridden": overridden, "default": default,
        "current": _source(versions[0]) if overridden else default,
        "versions": [{**_source(version), "number": version.number, "is_default": version.is_default,
                      "saved_by": version.actor_email or version.actor_id, "saved_at": version.created_at}
                     for version in versions],
    }


def _refused(work):
    """`work()`'s result, an InputError refused as the API reports it."""
    try:
        return work()
    except InputError as exc:
        raise _refuse(exc.field, exc.code, exc.message) from None


def resolve_mail_templates(root, info):
    def work():
        installation, _ = staff(info.context, MAIL_PERMISSION)
        latest = shop_templates.in_use(installation)
        return {"templates": [{"kind": kind, "language": language, "overridden": (kind, language) in latest
                               and not latest[kind, language].is_default,
                               "version": latest[kind, language].number if (kind, language) in latest else None}
                              for kind in kinds() for language in LANGUAGE_CODES]}

    return {"templates": [], **_guarded(work)}


def resolve_mail_template(root, info, kind, language):
    def work():
        installation, _ = staff(info.context, MAIL_PERMISSION)
        _refused(lambda: shop_templates.checked_kind(kind, language))
        return {"template": _template(installation, kind, language)}

    return _guarded(work)


def resolve_mail_template_preview(root, info, kind, language, input):
    def work():
        installation, _ = staff(info.context, MAIL_PERMISSION)
        mail = _refused(lambda: shop_templates.render_draft(installation, kind, language, dict(input)))
        return {"subject": mail.subject, "text": mail.text, "html": mail.html}

    return _guarded(work)


class MailTemplateSave(graphene.Mutation):
    """The shop's own subject, text and HTML for a mail in a language: checked by rendering it for a sample
    customer, refused with the part and line that fail (nothing saved), else saved as a new version in use at once."""

    class Arguments:
        kind = graphene.String(required=True)
        language = graphene.String(required=True)
        input = MailTemplateInput(required=True)

    Output = MailTemplatePayload

    def mutate(root, info, kind, language, input):
        def work():
            installation, claims = staff_claims(info.context, MAIL_PERMISSION)
            _refused(lambda: shop_templates.save(installation, kind, language, dict(input),
                                                 actor_id=claims.get("user_id", ""), actor_email=claims.get("email", "")))
            return {"template": _template(installation, kind, language)}

        return _guarded(work)


class MailTemplateReset(graphene.Mutation):
    """Back to the default for a mail in a language (a version that removes the shop's own; its texts stay listed)."""

    class Arguments:
        kind = graphene.String(required=True)
        language = graphene.String(required=True)

    Output = MailTemplatePayload

    def mutate(root, info, kind, language):
        def work():
            installation, claims = staff_claims(info.context, MAIL_PERMISSION)
            _refused(lambda: shop_templates.reset(installation, kind, language, actor_id=claims.get("user_id", ""),
                                                  actor_email=claims.get("email", "")))
            return {"template": _template(installation, kind, language)}

        return _guarded(work)
