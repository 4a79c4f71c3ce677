"""Rendering `emails/<event>/<language>.{subject.txt,txt,html}` with Jinja2 (strict: a missing value is an error).

A merchant overrides any file by putting one at the same path under `MAIL_TEMPLATES_DIR`. An override
that fails to render is reported and the whole mail falls back to the defaults: a mail is never sent
half-rendered. Missing languages fall back to the installation's default language, then English.
"""

import dataclasses
import datetime
import logging
import os
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template, TemplateError, TemplateNotFound

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


class _Templates:
    """The merchant's directory over the defaults, and which three templates each mail resolved to.

    Jinja2 keeps compiled templates and checks each file's modification time when it is used again,
    but never notices a merchant's file appearing where a default was used (or one removed): so the
    files of a mail's folder and of `_layout/` are listed at every mail, and when they changed since
    the last mail of that folder, everything compiled is dropped.
    """

    def __init__(self, override: Path | None):
        loaders = [FileSystemLoader(resource_dir("emails"))]
        if override is not None:
            loaders.insert(0, FileSystemLoader(override))
        self.override = override
        self.environment = Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, keep_trailing_newline=True,
                                       autoescape=lambda name: bool(name) and name.endswith(".html"))
        self.listed: dict[str, tuple] = {}  # folder → its files as last seen
        self.chosen: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[Template, ...]]] = {}

    def _listing(self, folder: str) -> tuple:
        try:
            with os.scandir(self.override / folder) as entries:
                return tuple(sorted((entry.name, entry.inode(), entry.stat().st_mtime_ns, entry.stat().st_size)
                                    for entry in entries))
        except FileNotFoundError:
            return ()

    def for_mail(self, event: str, wanted: tuple[str, ...]) -> tuple[str, tuple[Template, ...]]:
        """The language (the first of `wanted` that has the mail) and the mail's subject, text and HTML templates."""
        if self.override is not None:
            for folder in (event, "_layout"):
                listing = self._listing(folder)
                if self.listed.get(folder) != listing:
                    self.environment.cache.clear()
                    self.chosen.clear()
                    self.listed[folder] = listing
        chosen = self.chosen.get((event, wanted))
        if chosen is None or not all(template.is_up_to_date for template in chosen[1]):
            language = _language(self.environment, event, wanted)
            chosen = language, tuple(self.environment.get_template(f"{event}/{language}.{part}") for part in PARTS)
            if len(self.chosen) > 1000:
                self.chosen.clear()
            self.chosen[(event, wanted)] = chosen
        return chosen


@cache
def _templates(override: Path | None) -> _Templates:
    return _Templates(override)


@cache
def _helpers(language: str) -> dict:
    def money(amount: Decimal, currency: str) -> str:
        return format_money(Decimal(amount), currency, language)

    def date(value: datetime.date | str, format: str = "long") -> str:
        return format_day(value, language, format)

    return {"money": money, "date": date, "language": language}


def _language(environment: Environment, event: str, wanted: tuple[str, ...]) -> str:
    for language in wanted:
        try:
            environment.get_template(f"{event}/{language}.subject.txt")
            return language
        except TemplateNotFound:
            continue
    raise TemplateMissing(f"no template for {event!r} in {', '.join(wanted)}")


def _render(templates: _Templates, event: str, wanted: tuple[str, ...], context: dict) -> Rendered:
    language, parts = templates.for_mail(event, wanted)
    context = {**context, **_helpers(language)}
    subject, text, html = (template.render(context) for template in parts)
    return Rendered(" ".join(subject.split()), BLANK_LINES.sub("\n\n", text).strip() + "\n", html, language)


def render(event: str, language: str, context: dict, *, installation=None) -> Rendered:
    """The mail for `event` in `language` (or the fallback language), defaults used if an override breaks."""
    wanted = tuple(dict.fromkeys([language, getattr(installation, "default_language", None) or "en", "en"]))
    override = settings.MAIL_TEMPLATES_DIR
    if override is not None:
        try:
            return _render(_templates(Path(override)), event, wanted, context)
        except TemplateError as exc:
            logger.error("mail template override for %s/%s is broken (%s); using the default", event, language, exc)
            if installation is not None:
                record_event(installation, "mail.template_broken", template=f"{event}/{language}", error=str(exc)[:500])
    return _render(_templates(None), event, wanted, context)
