"""Reference lists an object may be written without members that do not exist (ARCHITECTURE.md §8).

A failed change skips its dependents. For an object that lists several siblings of one kind, that
would starve it for as long as one sibling's create keeps failing: a DNC group listing a new skill
would never scrub the skills that do exist, nor gain its new records. For the fields in PARTIAL_LISTS
the object is written for the members that exist, the result says which were left out and why, and
the next apply, once the sibling exists, adds them. A member whose create did not apply is left out;
a member whose update did not apply still exists, so it stays. Every other reference still skips.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from reconciler.apply.results import ChangeResult, Outcome
from reconciler.apply.work import Work
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.manifest.refs import field_ref
from reconciler.manifest.resource import address_of
from reconciler.platform import Platform

PARTIAL_LISTS: Mapping[tuple[str, str], Mapping[str, str]] = {
    (Platform.CXONE, "DncGroup"): {
        "scrubbed_skills": "a skill that does not exist dials nobody, and the listed skills that do are "
        "scrubbed from now on instead of never",
        "contributing_skills": "a skill that does not exist has no dispositions to contribute",
    },
    (Platform.CXONE, "Campaign"): {
        "skills": "a reporting group: leaving a missing skill out changes no dialing"
    },
}
"""(platform, kind) -> {list-of-references field: why writing without a missing member is safe}.

Left out on purpose, so a missing member still skips the object: Genesys Campaign `dnc_lists` (it
would dial without that suppression), `rule_sets` (the missing set may hold the compliance rules) and
`contact_list_filters` (it would dial a wider audience); Sequence `campaigns` and CampaignRule
entities (the run order and the rule's targets would change meaning)."""

_VERBS = {Outcome.FAILED: "failed", Outcome.SKIPPED: "was skipped", Outcome.REFUSED: "was refused"}


@dataclass(frozen=True)
class LeftOut:
    field: str
    name: str
    reason: str
    """Why the member does not exist, e.g. "its create failed"."""


@dataclass(frozen=True)
class Partial:
    """A change to apply without some list members, and what it leaves out."""

    work: Work
    left_out: tuple[LeftOut, ...]

    def message(self) -> str:
        listed = "; ".join(f"{item.field} member '{item.name}' ({item.reason})" for item in self.left_out)
        them = "it" if len(self.left_out) == 1 else "them"
        return f"written without {listed}; the next apply adds {them} once the object exists"


def _mentions(value: Any, name: str) -> bool:
    if isinstance(value, str):
        return value == name
    if isinstance(value, dict):
        return any(_mentions(item, name) for item in value.values())
    if isinstance(value, list):
        return any(_mentions(item, name) for item in value)
    return False


def _member_fields(work: Work, address: str) -> list[str] | None:
    """The tolerant list fields naming `address`; None when another field names it (it must exist)."""
    desired = work.desired
    tolerant = {} if desired is None else PARTIAL_LISTS.get((desired.platform, desired.kind), {})
    if desired is None or not tolerant:
        return None
    spec = MANIFEST_KINDS[(desired.platform, desired.kind)].spec
    fields: list[str] = []
    for field, value in desired.essence.items():
        info = spec.model_fields.get(field)
        marker = field_ref(info) if info is not None else None
        if marker is not None and field in tolerant and isinstance(value, list):
            if address in (address_of(desired.platform, marker.kind, str(item)) for item in value):
                fields.append(field)
        elif _mentions(value, address.rsplit("/", 1)[-1]):  # any other mention needs the object
            return None
    return fields or None


def split_blocked(work: Work, not_applied: Mapping[str, ChangeResult]) -> tuple[list[str], Partial | None]:
    """The dependencies that did not apply and still block `work`, and the change to run without the
    members it can do without (None when it needs no change)."""
    blocking: list[str] = []
    left_out: list[LeftOut] = []
    for address in sorted(not_applied):
        result = not_applied[address]
        fields = _member_fields(work, address)
        if fields is None or result.category not in ("create", "update"):
            blocking.append(address)
        elif result.category == "create":
            reason = f"its create {_VERBS.get(result.outcome, str(result.outcome))}"
            left_out += [LeftOut(field, result.name, reason) for field in fields]
    if blocking or not left_out:
        return blocking, None
    return [], Partial(work=_without(work, left_out), left_out=tuple(left_out))


def _without(work: Work, members: Iterable[LeftOut]) -> Work:
    """`work` whose desired object no longer lists `members`."""
    if work.desired is None:
        return work
    essence = dict(work.desired.essence)
    for item in members:
        essence[item.field] = [name for name in essence[item.field] if name != item.name]
    return replace(work, desired=replace(work.desired, essence=essence))
