"""Rendering `emails/<event>/<language>.{subject.txt,txt,html}` with Jinja2 (strict: a missing value is an error).

A merchant overrides any file by putting one at the same path under `MAIL_TEMPLATES_DIR`. An override
that fails to render is reported and the whole mail falls back to the defaults: a mail is never sent
half-rendered. Missing languages fall back to the installation's default language, then English.
"""

import dataclasses
import datetime
import logging
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound

from ..core.dates import format_day
from ..core.models import record_event
from ..core.money import format_money
from ..resources import resource_dir

logger = logging.getLogger(__name__)
PARTS = ("subject.txt", "txt", "html")
BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")  # left by conditional paragraphs


@dataclasses.dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str


class TemplateMissing(LookupError):
    pass


@cache
def _environment(override: Path | None) -> Environment:
    loaders = [FileSystemLoader(resource_dir("emails"))]
    if override is not None:
        loaders.insert(0, FileSystemLoader(override))
    return Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, keep_trailing_newline=True,
                       autoescape=lambda name: bool(name) and name.endswith(".html"))


def _helpers(language: str) -> dict:
    def money(amount: Decimal, currency: str) -> str:
        return format_money(Decimal(amount), currency, language)

    def date(value: datetime.date | str, format: str = "long") -> str:
        return format_day(value, language, format)

    return {"money": money, "date": date}


def _language(environment: Environment, event: str, wanted: list[str]) -> str:
    for language in wanted:
        try:
            environment.get_template(f"{event}/{language}.subject.txt")
            return language
        except TemplateNotFound:
            continue
    raise TemplateMissing(f"no template for {event!r} in {', '.join(wanted)}")


def _render(environment: Environment, event: str, language: str, context: dict) -> Rendered:
    context = {**context, **_helpers(language), "language": language}
    subject, text, html = (environment.get_template(f"{event}/{language}.{part}").render(context) for part in PARTS)
    return Rendered(" ".join(subject.split()), BLANK_LINES.sub("\n\n", text).strip() + "\n", html, language)


def render(event: str, language: str, context: dict, *, installation=None) -> Rendered:
    """The mail for `event` in `language` (or the fallback language), defaults used if an override breaks."""
    wanted = list(dict.fromkeys([language, getattr(installation, "default_language", None) or "en", "en"]))
    override = settings.MAIL_TEMPLATES_DIR
    if override is not None:
        environment = _environment(Path(override))
        try:
            return _render(environment, event, _language(environment, event, wanted), context)
        except TemplateError as exc:
            logger.error("mail template override for %s/%s is broken (%s); using the default", event, language, exc)
            if installation is not None:
                record_event(installation, "mail.template_broken", template=f"{event}/{language}", error=str(exc)[:500])
    environment = _environment(None)
    return _render(environment, event, _language(environment, event, wanted), context)
