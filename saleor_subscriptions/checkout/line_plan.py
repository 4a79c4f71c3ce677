"""The plan a checkout or order line names in its metadata, read in one place.

Shoppers can write checkout-line metadata, so nothing read from it is trusted: a plan code must be
a plan code, a version a short number, and both must name a plan version of this installation.
"""

import dataclasses
import re

from ..plans.models import PlanVersion
from ..plans.terms import PlanTerms

PLAN_KEY = "subscription.plan"
VERSION_KEY = "subscription.plan_version"
_CODE = re.compile(r"[-a-zA-Z0-9_]{1,64}")  # Plan.code: a slug of at most 64 characters
_NUMBER = re.compile(r"[1-9][0-9]{0,8}")  # fits a database integer


@dataclasses.dataclass(frozen=True)
class PlanReference:
    code: str
    number: int | None  # None: the plan's latest version


def names_plan(metadata: dict[str, str]) -> bool:
    """The line says it is a subscription line, whether or not what it names is valid."""
    return bool(metadata.get(PLAN_KEY))


def plan_reference(metadata: dict[str, str]) -> PlanReference | None:
    """The plan code and version number a line names; None when absent or malformed."""
    code, number = metadata.get(PLAN_KEY), metadata.get(VERSION_KEY) or ""
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        return None
    if number and not (isinstance(number, str) and _NUMBER.fullmatch(number)):
        return None
    return PlanReference(code, int(number) if number else None)


def plan_version(installation, metadata: dict[str, str]) -> PlanVersion | None:
    """The installation's plan version a line names; None when malformed or not a plan of this shop."""
    reference = plan_reference(metadata)
    if reference is None:
        return None
    versions = PlanVersion.objects.filter(plan__installation=installation, plan__code=reference.code)
    if reference.number is not None:
        versions = versions.filter(number=reference.number)
    return versions.select_related("plan").order_by("-number").first()


_TERMS: dict[tuple[int, PlanReference], PlanTerms] = {}  # (installation, numbered version) → its terms


def plan_terms(installation, metadata: dict[str, str]) -> PlanTerms | None:
    """The terms of the plan version a line names, as `plan_version`; a numbered version's are read once per process
    (versions are never edited), the latest version's every time."""
    reference = plan_reference(metadata)
    key = (installation.pk, reference)
    if reference is not None and reference.number is not None and key in _TERMS:
        return _TERMS[key]
    version = plan_version(installation, metadata)
    if version is None:
        return None  # not remembered: the version may be created later
    if reference.number is not None:
        if len(_TERMS) >= 4096:
            _TERMS.clear()
        _TERMS[key] = version.terms
    return version.terms
