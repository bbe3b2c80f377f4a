"""DNC-REQUIRED and DNC-ENTRY: nobody dials without a do-not-call list, and every listed number is real.

DNC-REQUIRED (ARCHITECTURE.md §6): a Genesys voice campaign, and an SMS messaging campaign (a text is a
call under 47 CFR 64.1200(c)(2): reconciler.policy.calling_campaigns), must reference at least one DNC
list that can suppress phone numbers: an internal (rds) list whose contact_method is Phone or Any, or an external
source (dnc.com, gryphon, rds_custom), which are phone lists. A referenced list found nowhere (neither in
the manifests nor, at plan time, in the org) counts as phone-capable here: REF-MISSING reports it. A
CXone outbound skill must be scrubbed by at least one DNC group. Offline, only DNC groups declared in
the manifests are known, so the CXone rule is applied offline only when the manifests declare DNC
groups at all (a repository that leaves groups to the admin UI is checked at plan time, with the org).

DNC-ENTRY: a Genesys internal list's `entries` and a CXone group's `records` (inline or from a CSV file)
must each be a valid phone number written in E.164 (reconciler.phones: a leading +, then `is_valid_number`;
fictional 555 area codes are not valid numbers; no extension, no international dialing prefix such as
011, no trunk prefix), the same rule on both platforms; a refusal names the E.164 form when it can be
derived. A cell a spreadsheet would run as a formula is refused without being echoed. Numbers are
masked in messages (the E.164 form too); a CSV row is reported at its own line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reconciler.diagnostics import Code, Finding, finding
from reconciler.exceptions import Location
from reconciler.finding_cap import CodeCap
from reconciler.manifest.entry_files import (
    ENTRY_FILE_FIELDS,
    allowed_roots,
    entry_file_folder,
    entry_file_problem,
    read_entry_rows,
    resolve_entry_file,
)
from reconciler.manifest.resource import Resource
from reconciler.phones import problem_of
from reconciler.plan.masking import mask_text
from reconciler.platform import Platform
from reconciler.policy.calling_campaigns import calling_campaigns, noun
from reconciler.policy.context import CheckContext

PHONE_SOURCES = frozenset({"dnc.com", "gryphon", "rds_custom"})
PHONE_METHODS = frozenset({"Phone", "Any"})


def _phone_capable(spec: dict[str, object] | object) -> bool:
    if not isinstance(spec, dict):
        return True
    source = spec.get("dnc_source_type")
    if source in PHONE_SOURCES:
        return True
    return source == "rds" and spec.get("contact_method", "Phone") in PHONE_METHODS


def _verb(campaign: Resource) -> str:
    return "text" if campaign.kind == "MessagingCampaign" else "dial"


def dnc_required(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for campaign in calling_campaigns(context):
        names = list(getattr(campaign.document.spec, "dnc_lists", None) or [])
        usable = []
        for name in names:
            target = context.lookup(Platform.GENESYS, "DncList", name)
            if target is None or _phone_capable(dict(target.spec)):
                usable.append(name)
        if usable:
            continue
        if names:
            detail = (
                f"its DNC list(s) {', '.join(names)} hold no phone numbers (contact_method Email or WhatsApp)"
            )
            where = campaign.location_of(("spec", "dnc_lists"))
        else:
            detail = "it names no DNC list (dnc_lists)"
            where = campaign.source
        found.append(
            finding(
                Code.DNC_REQUIRED,
                f"{noun(campaign)} '{campaign.name}' would {_verb(campaign)} without do-not-call suppression: "
                f"{detail}. "
                "Add an internal DNC list with contact_method Phone (or an external DNC source) to dnc_lists.",
                address=campaign.address,
                source=where,
            )
        )
    found.extend(_unscrubbed_skills(context))
    return found


def _scrubbed_skill_names(context: CheckContext) -> tuple[set[str], bool]:
    """Skill names some DNC group scrubs, and whether the group side is known at all."""
    groups: dict[str, list[str]] = {}
    for address, live in context.live.items():
        if (live.platform, live.kind) == (Platform.CXONE, "DncGroup"):
            groups[address] = list(live.essence.get("scrubbed_skills") or [])
    declared = list(context.resources(Platform.CXONE, "DncGroup"))
    for group in declared:
        groups[group.address] = list(getattr(group.document.spec, "scrubbed_skills", None) or [])
    known = bool(declared) or not context.offline
    return {name for names in groups.values() for name in names}, known


def _unscrubbed_skills(context: CheckContext) -> list[Finding]:
    skills = list(context.resources(Platform.CXONE, "Skill"))
    if not skills:
        return []
    scrubbed, known = _scrubbed_skill_names(context)
    if not known:
        return []
    return [
        finding(
            Code.DNC_REQUIRED,
            f"Skill '{skill.name}' dials outbound but no DNC group scrubs it: numbers on your do-not-call "
            "groups would still be called. Add the skill to a DNC group's scrubbed_skills.",
            address=skill.address,
            source=skill.source,
        )
        for skill in skills
        if skill.name not in scrubbed
    ]


Written = int | tuple[str | int, ...]
"""Where a number is written: a CSV line, or its path in the manifest (made a Location only if reported)."""


def _numbers(resource: Resource, roots: list[Path]) -> Iterator[tuple[str, Written]]:
    """(number, where it is written) for the numbers a DNC list or group declares. A CSV file is read
    only if it may be (inside the manifest folders, present, not too large: else SCHEMA reports it)."""
    field = ENTRY_FILE_FIELDS[(resource.platform, resource.kind)]
    value = getattr(resource.document.spec, field, None)
    if isinstance(value, str):
        if entry_file_problem(resource, roots) is None:
            yield from _csv_numbers(resolve_entry_file(resource, value))
        return
    for index, item in enumerate(value or []):
        number = item if isinstance(item, str) else getattr(item, "phone_number", "")
        where = ("spec", field, index) if isinstance(item, str) else ("spec", field, index, "phone_number")
        yield str(number), where


def _csv_numbers(path: Path) -> Iterator[tuple[str, int]]:
    """The rows of a CSV file, streamed: a million rows are never held at once."""
    try:
        for line, number in read_entry_rows(path):
            yield number, line
    except (OSError, UnicodeDecodeError):
        return  # unreadable files are SCHEMA findings of the entry-file check


def _location(resource: Resource, where: Written) -> Location:
    if isinstance(where, int):
        value = getattr(resource.document.spec, ENTRY_FILE_FIELDS[(resource.platform, resource.kind)])
        return Location(str(entry_file_folder(resource) / value), where)
    return resource.location_of(where)


def dnc_sources(context: CheckContext) -> Iterator[Resource]:
    """The DNC lists and groups of the run that declare numbers."""
    for (platform, kind), field in ENTRY_FILE_FIELDS.items():
        for resource in context.resources(platform, kind):
            if getattr(resource.document.spec, field, None) is not None:
                yield resource


def dnc_entries(context: CheckContext) -> list[Finding]:
    found = CodeCap(context.findings_per_code)
    roots = allowed_roots(context.roots)
    for resource in dnc_sources(context):
        left_out = 0
        for number, where in _numbers(resource, roots):
            problem = problem_of(number)
            if problem is None:
                continue
            if found.full(Code.DNC_ENTRY):  # counted, not built: a CSV may hold a million bad rows
                left_out += 1
                continue
            found.add(_entry_finding(resource, number, problem, _location(resource, where)))
        if left_out:
            found.count(Code.DNC_ENTRY, resource.address, left_out)
    return found.findings()


def _entry_finding(resource: Resource, number: str, problem: str, where: Location) -> Finding:
    shown = "a cell" if problem.startswith("looks like") else mask_text(number)
    return finding(
        Code.DNC_ENTRY,
        f"{resource.kind} '{resource.name}': {shown} {mask_text(problem)}. The platform would not match it "
        "against dialed numbers, so it suppresses nothing; nothing is sent until it is fixed.",
        address=resource.address,
        source=where,
    )
