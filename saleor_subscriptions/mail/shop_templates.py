"""The shop's own mail templates (the Dashboard's Mail templates tab): a version per save, per kind and language.

A draft is checked before it is saved: parsed, its names compared with what the kind's mails can say,
and rendered for the kind's sample customer (`previews.sample_context`, the very context a preview
uses); one that fails is refused naming its part (subject, text, html) and line, and nothing is saved.
Each save bumps the installation's `mail_templates_version`, which tells every process to read the
shop's templates again (`templates._own_templates`).
"""

import traceback

from django.db import transaction
from jinja2 import TemplateNotFound, TemplateSyntaxError, meta, nodes

from ..config import LANGUAGE_CODES
from ..core.error_texts import error_text
from ..core.errors import InputError
from ..installations.models import Installation
from . import previews
from .models import MailTemplateVersion, latest_template_versions
from .templates import OWN, PARTS, Rendered, default_source, draft_environment, finished, helpers

FIELDS = ("subject", "text", "html")  # the parts as the API names them, in the order of PARTS
LIMITS = {"subject": 2_000, "text": 100_000, "html": 200_000}
REQUIRED = ("subject", "text")  # a shop may send its mails without HTML


def checked_kind(kind: str, language: str) -> None:
    if kind not in previews.kinds():
        raise InputError("kind", "not_found", error_text("mail_kind_unknown", kind=kind))
    if language not in LANGUAGE_CODES:
        raise InputError("language", "invalid", error_text("language_unknown", choices=", ".join(LANGUAGE_CODES)))


def default_sources(kind: str, language: str) -> dict[str, str]:
    """What the mail says without the shop's own: the deployment's `MAIL_TEMPLATES_DIR`, else the defaults."""
    sources = {}
    for part, field in zip(PARTS, FIELDS):
        try:
            sources[field] = default_source(f"{kind}/{language}.{part}")
        except TemplateNotFound:  # a language without the mail: English is what it gets
            sources[field] = default_source(f"{kind}/en.{part}")
    return sources


def versions(installation, kind: str, language: str) -> list[MailTemplateVersion]:
    """Newest first."""
    return list(MailTemplateVersion.objects.filter(installation=installation, kind=kind, language=language)
                .order_by("-number"))


def in_use(installation) -> dict[tuple[str, str], MailTemplateVersion]:
    """The latest version of each kind and language the shop has saved, resets included."""
    return {(version.kind, version.language): version for version in latest_template_versions(installation)}


def _refusal(field: str, words: str, **params) -> InputError:
    return InputError(field, "template", error_text(words, **params), words=words, **params)


def _line(exc: BaseException, name: str) -> int | None:
    """The line of the shop's template `name` where rendering failed (Jinja2 rewrites tracebacks to template lines)."""
    lines = [line for frame, line in traceback.walk_tb(exc.__traceback__) if frame.f_code.co_filename == OWN + name]
    return lines[-1] if lines else None


def _unknown_name(environment, source: str, known: set[str]) -> tuple[str, int] | None:
    """The first name the template reads that its mail's context does not have, and its line."""
    tree = environment.parse(source)
    # a name set in the template (even in one branch only) is the template's own, not the context's
    assigned = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    unknown = meta.find_undeclared_variables(tree) - known - assigned
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in unknown:
            return node.name, node.lineno
    return None


def render_draft(installation, kind: str, language: str, draft: dict[str, str]) -> Rendered:
    """The draft rendered for the kind's sample customer in `language`; InputError naming its part and line if it
    cannot be (a syntax error, a name the mail does not have, anything failing while rendering)."""
    checked_kind(kind, language)
    for field in FIELDS:
        value = draft.get(field) or ""
        if field in REQUIRED and not value.strip():
            raise InputError(field, "required", error_text("required"))
        if len(value) > LIMITS[field]:
            raise InputError(field, "too_long", error_text("too_long", limit=LIMITS[field]), limit=LIMITS[field])
    names = {field: f"{kind}/{language}.{part}" for part, field in zip(PARTS, FIELDS)}
    environment = draft_environment({names[field]: draft.get(field) or "" for field in FIELDS})
    context = {**previews.sample_context(installation, kind, language), **helpers(language)}
    known = set(context) | set(environment.globals)
    compiled = {}
    for field in FIELDS:
        try:
            compiled[field] = environment.get_template(names[field])
        except TemplateSyntaxError as exc:
            raise _refusal(field, "template_syntax", line=exc.lineno, error=exc.message) from None
        unknown = _unknown_name(environment, draft.get(field) or "", known)
        if unknown is not None:
            raise _refusal(field, "template_unknown_name", name=unknown[0], line=unknown[1],
                           names=", ".join(sorted(set(context) - {"language"})))
    rendered = {}
    for field in FIELDS:
        try:
            rendered[field] = compiled[field].render(context)
        except Exception as exc:  # noqa: BLE001 — whatever fails here would fail the real mail: refused
            line = _line(exc, names[field])
            error = str(exc) or type(exc).__name__
            raise (_refusal(field, "template_render", line=line, error=error) if line is not None
                   else _refusal(field, "template_render_layout", error=error)) from None
    return finished(rendered["subject"], rendered["text"], rendered["html"], language)


def _new_version(installation, kind: str, language: str, *, actor_id: str, actor_email: str,
                 **texts) -> MailTemplateVersion:
    """The next version, and the installation's `mail_templates_version` bumped (saved: `installations.recent`
    forgets the row, so this process's next mail reads the templates again; other processes within seconds)."""
    with transaction.atomic():
        locked = Installation.objects.select_for_update().only("pk", "mail_templates_version").get(pk=installation.pk)
        last = MailTemplateVersion.objects.filter(installation=installation, kind=kind, language=language) \
            .order_by("-number").values_list("number", flat=True).first()
        version = MailTemplateVersion.objects.create(
            installation=installation, kind=kind, language=language, number=(last or 0) + 1,
            actor_id=actor_id[:255], actor_email=actor_email[:255], **texts)
        locked.mail_templates_version += 1
        locked.save(update_fields=["mail_templates_version"])
    installation.mail_templates_version = locked.mail_templates_version
    return version


def save(installation, kind: str, language: str, draft: dict[str, str], *, actor_id: str = "",
         actor_email: str = "") -> MailTemplateVersion:
    """The shop's own subject, text and HTML for the mail, checked first: refused whole, or saved as a new version."""
    render_draft(installation, kind, language, draft)
    return _new_version(installation, kind, language, actor_id=actor_id, actor_email=actor_email,
                        **{field: draft.get(field) or "" for field in FIELDS})


def reset(installation, kind: str, language: str, *, actor_id: str = "", actor_email: str = "") -> MailTemplateVersion | None:
    """Back to the default: a version that removes the shop's own (None when there is none to remove)."""
    checked_kind(kind, language)
    current = in_use(installation).get((kind, language))
    if current is None or current.is_default:
        return None
    return _new_version(installation, kind, language, actor_id=actor_id, actor_email=actor_email, is_default=True)
