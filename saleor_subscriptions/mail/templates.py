"""Rendering `emails/<event>/<language>.{subject.txt,txt,html}` with Jinja2 (strict: a missing value is an error).

Each mail's templates are looked up in this order: the shop's own (saved on the Dashboard's Mail templates
tab, `shop_templates`), then the deployment's `MAIL_TEMPLATES_DIR`, then the defaults. A mail whose
templates fail to render is reported and rendered again from the next source: a mail is never sent
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
from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, FunctionLoader, StrictUndefined, Template, TemplateError,
                    TemplateNotFound)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ..core.dates import format_day
from ..core.models import record_event
from ..core.money import format_money
from ..resources import resource_dir
from .models import latest_template_versions

logger = logging.getLogger(__name__)
PARTS = ("subject.txt", "txt", "html")
OWN = "<shop>/"  # the file name of the shop's own templates
BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")  # left by conditional paragraphs


@dataclasses.dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str


class TemplateMissing(LookupError):
    pass


class _Quicker:
    """Two shortcuts of Jinja2's for the way mails are rendered: `a.b` on a plain dict reads its key first (Jinja2
    tries the attribute first, and the values mails are made of are dicts: an AttributeError raised and caught at
    every name printed; none of them has a key named as a dict method, which it would hide from templates), and a
    template's globals are a plain dict, not a ChainMap over the environment's (which every render iterated in
    Python to build its context): the environment's globals are not changed once templates are loaded."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


class MailEnvironment(_Quicker, Environment):
    pass


class ShopSandbox(_Quicker, SandboxedEnvironment):
    """Where a shop's own texts render (its templates, its step mails): its staff wrote them, so no Python internals
    (`''.__class__`), and no `*` or `**` but on numbers (a huge string or number would stall the worker)."""

    intercepted_binops = frozenset(("*", "**"))

    def call_binop(self, context, operator, left, right):
        if operator == "**" or not all(isinstance(value, (int, float, Decimal)) for value in (left, right)):
            raise SecurityError(f"{operator!r} is not allowed here")
        return super().call_binop(context, operator, left, right)


class _Templates:
    """The shop's own templates over the deployment's directory over the defaults, and which three templates each
    mail resolved to.

    Jinja2 keeps compiled templates and checks each file's modification time when it is used again,
    but never notices a merchant's file appearing where a default was used (or one removed): so the
    files of a mail's folder and of `_layout/` are listed at every mail, and when they changed since
    the last mail of that folder, everything compiled is dropped.
    """

    def __init__(self, override: Path | None, own: dict[str, str] | None = None):
        loaders = [FileSystemLoader(resource_dir("emails"))]
        if override is not None:
            loaders.insert(0, FileSystemLoader(override))
        if own:  # named "<shop>/…" in tracebacks: a refusal finds the line of the shop's own text
            loaders.insert(0, FunctionLoader(lambda name: (own[name], f"{OWN}{name}", lambda: True) if name in own else None))
        self.override = override
        self.environment = (ShopSandbox if own else MailEnvironment)(
            loader=ChoiceLoader(loaders), undefined=StrictUndefined, keep_trailing_newline=True,
            autoescape=lambda name: bool(name) and name.endswith(".html"),
            auto_reload=override is not None or settings.DEBUG)  # the defaults change only with the code (or in development)
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
        if chosen is None or self.environment.auto_reload and not all(template.is_up_to_date for template in chosen[1]):
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
def helpers(language: str) -> dict:
    """The functions every template may call, writing as `language` does, and the language itself."""
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
    context = {**context, **helpers(language)}
    return finished(*(template.render(context) for template in parts), language)


def finished(subject: str, text: str, html: str, language: str) -> Rendered:
    """A mail as rendered, tidied: the subject on one line, no runs of blank lines in the text."""
    return Rendered(" ".join(subject.split()), BLANK_LINES.sub("\n\n", text).strip() + "\n", html, language)


def override_dir() -> Path | None:
    """The deployment's `MAIL_TEMPLATES_DIR`, if it has one."""
    return Path(settings.MAIL_TEMPLATES_DIR) if settings.MAIL_TEMPLATES_DIR is not None else None


def default_source(name: str) -> str:
    """The template `name` (`payment_failed/ja.txt`) as a mail without the shop's own uses it: the deployment's,
    else the built-in one (TemplateNotFound if neither has it)."""
    environment = _templates(override_dir()).environment
    return environment.loader.get_source(environment, name)[0]


def draft_environment(own: dict[str, str]) -> Environment:
    """An environment where the templates of `own` (by name) come first, for a draft's check; never remembered."""
    return _Templates(override_dir(), own).environment


def own_sources(installation) -> dict[str, str]:
    """The shop's templates in use, by template name (`renewal_placed/ja.html`): the latest version of each kind and
    language, unless it is a reset."""
    return {f"{version.kind}/{version.language}.{part}": getattr(version, field)
            for version in latest_template_versions(installation) if not version.is_default
            for part, field in zip(PARTS, ("subject", "text", "html"))}


_own: dict[int, tuple[int, Path | None, _Templates | None]] = {}


def _own_templates(installation, override: Path | None) -> _Templates | None:
    """The shop's templates as this process remembers them: read again when the installation's
    `mail_templates_version` (bumped by each save, see `installations.recent`) is newer than what was read."""
    stamp = installation.mail_templates_version
    if not stamp:  # never saved one: nothing to look up
        return None
    entry = _own.get(installation.pk)
    if entry is None or entry[0] < stamp or entry[1] != override:
        sources = own_sources(installation)
        if len(_own) >= 1000:
            _own.clear()
        entry = _own[installation.pk] = (stamp, override, _Templates(override, sources) if sources else None)
    return entry[2]


def render(event: str, language: str, context: dict, *, installation=None) -> Rendered:
    """The mail for `event` in `language` (or the fallback language): the shop's, the deployment's or the default
    templates, the next of them used if one breaks."""
    wanted = tuple(dict.fromkeys([language, getattr(installation, "default_language", None) or "en", "en"]))
    override = override_dir()
    sources = [("shop", _own_templates(installation, override) if installation is not None else None),
               ("MAIL_TEMPLATES_DIR", _templates(override) if override is not None else None)]
    for source, templates in sources:
        if templates is None:
            continue
        try:
            return _render(templates, event, wanted, context)
        except TemplateError as exc:
            logger.error("%s mail template for %s/%s is broken (%s); using the next", source, event, language, exc)
            if installation is not None:
                record_event(installation, "mail.template_broken", template=f"{event}/{language}", source=source,
                             error=str(exc)[:500])
    return _render(_templates(None), event, wanted, context)
