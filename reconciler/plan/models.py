"""The plan document (ARCHITECTURE.md §5): what would change, why, in which order and in which steps.

Records are frozen; `Plan.to_dict()` produces exactly the versioned JSON contract, with phone numbers
masked (reconciler.plan.masking), and is the single source every renderer formats from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reconciler import __version__
from reconciler.diagnostics import Finding, Severity
from reconciler.diff import FieldChange
from reconciler.exceptions import Location
from reconciler.plan.blocked import apply_blocked
from reconciler.plan.masking import mask_text, mask_value
from reconciler.plan.numbers import NumberChanges, UnmanagedNumbers
from reconciler.plan.pacing_section import PacingEffect
from reconciler.plan.risk import risk_summary

FORMAT_VERSION = "1"


class Action(StrEnum):
    """Terraform-style actions; a replace is the pair ["delete", "create"]."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    NO_OP = "no-op"


REPLACE: tuple[Action, ...] = (Action.DELETE, Action.CREATE)


class Step(StrEnum):
    """What apply does for one change, in order (ARCHITECTURE.md §8 state machines)."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    START = "start"
    STOP = "stop"
    ENABLE = "enable"
    DISABLE = "disable"
    REPOINT = "repoint"


class DriftStatus(StrEnum):
    MODIFIED = "modified"
    """A managed field's live value differs from git."""
    MISSING = "missing"
    """A declared object no longer exists live."""
    UNMANAGED = "unmanaged"
    """A live object inside the prune scope that no manifest declares."""
    LEFTOVER = "leftover"
    """A declared object's old copy, renamed aside by an interrupted replace: the next apply deletes it."""
    NOT_DECLARED = "no-longer-declared"
    """A live object this tool applied (audit log) whose manifest is gone: it keeps running."""


SUMMARY_KEYS = ("create", "update", "replace", "delete", "no-op")
DNC_REMOVE = "dnc-remove"
"""Summary count of DNC numbers the plan removes (exact mode): destructive, counted with the deletes."""


def _source(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else {"file": location.file, "line": location.line}


@dataclass(frozen=True)
class ResourceChange:
    address: str
    kind: str
    name: str
    actions: tuple[Action, ...]
    order: int
    platform_id: str | None = None
    action_reason: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    changes: tuple[FieldChange, ...] = ()
    live_version: int | None = None
    live_fingerprint: str | None = None
    depends_on: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    source: Location | None = None
    numbers: NumberChanges | None = None
    """A DNC list's or group's numbers: what is added, rewritten, removed, or kept unmanaged."""
    pacing: PacingEffect | None = None
    """A paced campaign's or skill's predicted abandonment before and after (reconciler.plan.pacing_effects)."""
    looks_like_rename_of: str | None = None
    """A create's note: the name of the undeclared live object it looks like a rename of
    (reconciler.plan.rename_hints); the plan still creates."""

    @property
    def category(self) -> str:
        """The summary bucket: create, update, replace, delete or no-op."""
        if self.actions == REPLACE:
            return "replace"
        return str(self.actions[0])

    @property
    def is_change(self) -> bool:
        return self.actions != (Action.NO_OP,)

    @property
    def removed_numbers(self) -> int:
        """DNC numbers this change removes: destructive, gated like a delete."""
        return len(self.numbers.remove) if self.numbers is not None and self.is_change else 0

    @property
    def is_destructive(self) -> bool:
        """Deletes an object (a replace too) or removes numbers from a DNC list."""
        return Action.DELETE in self.actions or self.removed_numbers > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "kind": self.kind,
            "name": self.name,
            "platform_id": self.platform_id,
            "actions": [str(action) for action in self.actions],
            "action_reason": None if self.action_reason is None else mask_text(self.action_reason),
            "before": mask_value(self.before),
            "after": mask_value(self.after),
            "changes": [mask_change(change) for change in self.changes],
            "live_version": self.live_version,
            "live_fingerprint": self.live_fingerprint or None,
            "order": self.order,
            "depends_on": list(self.depends_on),
            "steps": [str(step) for step in self.steps],
            "source": _source(self.source),
            "numbers": None if self.numbers is None else self.numbers.to_dict(),
            "pacing": None if self.pacing is None else self.pacing.to_dict(),
            "looks_like_rename_of": self.looks_like_rename_of,
        }


def mask_change(change: FieldChange) -> dict[str, Any]:
    masked = {
        "path": mask_text(change.path),
        "before": mask_value(change.before),
        "after": mask_value(change.after),
    }
    return masked if change.source is None else {**masked, "source": _source(change.source)}


@dataclass(frozen=True)
class DriftField:
    path: str
    git: Any
    live: Any

    def to_dict(self) -> dict[str, Any]:
        return {"path": mask_text(self.path), "git": mask_value(self.git), "live": mask_value(self.live)}


@dataclass(frozen=True)
class DriftEntry:
    """One object whose live state no longer matches git (ARCHITECTURE.md §9)."""

    address: str
    kind: str
    name: str
    status: DriftStatus
    platform_id: str | None = None
    fields: tuple[DriftField, ...] = ()
    source: Location | None = None
    reason: str | None = None
    """What the object is, where the status alone does not say (a leftover names its replace)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "kind": self.kind,
            "name": self.name,
            "platform_id": self.platform_id,
            "status": str(self.status),
            "fields": [item.to_dict() for item in self.fields],
            "source": _source(self.source),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ExcludedDependency:
    """An object a selected one depends on, with a pending change the selection leaves out."""

    address: str
    action: str
    needed_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "action": self.action, "needed_by": list(self.needed_by)}


@dataclass(frozen=True)
class Selection:
    """What `--select` chose, as the plan document's `selection` section reports it."""

    selectors: tuple[str, ...]
    excluded_changes: int = 0
    """Pending changes of objects outside the selection: a selected apply leaves them pending."""
    excluded_dependencies: tuple[ExcludedDependency, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "selectors": list(self.selectors),
            "excluded_changes": self.excluded_changes,
            "excluded_dependencies": [item.to_dict() for item in self.excluded_dependencies],
        }


@dataclass(frozen=True)
class PlanTarget:
    name: str
    platform: str


def masked_finding(item: Finding) -> dict[str, Any]:
    data = item.to_dict()
    data["message"] = mask_text(item.message)
    if "suppressed" in data:
        data["suppressed"] = mask_text(data["suppressed"])
    return data


def summary_of(changes: Sequence[ResourceChange], findings: Sequence[Finding]) -> dict[str, int]:
    """Counts per action category and per severity; allowed (suppressed) findings do not count."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    counts[DNC_REMOVE] = 0
    for change in changes:
        counts[change.category] += 1
        counts[DNC_REMOVE] += change.removed_numbers
    active = [item for item in findings if item.suppressed is None]
    counts["error"] = sum(item.weight for item in active if item.severity == Severity.ERROR)
    counts["warning"] = sum(item.weight for item in active if item.severity == Severity.WARNING)
    return counts


@dataclass(frozen=True)
class Plan:
    target: PlanTarget
    manifest_digest: str
    input_digests: Mapping[str, str] = field(default_factory=dict)
    """Relative path -> sha256 of every file the run read (reconciler.input_digests)."""
    resource_changes: tuple[ResourceChange, ...] = ()
    resource_drift: tuple[DriftEntry, ...] = ()
    unmanaged_numbers: tuple[UnmanagedNumbers, ...] = ()
    findings: tuple[Finding, ...] = ()
    command: str = "plan"
    tool_version: str = __version__
    format_version: str = field(default=FORMAT_VERSION)
    telemetry: Mapping[str, Any] | None = None
    """Requests, latencies, retries and 429 waits of the run that read the org (reconciler.telemetry)."""
    changes_computed: bool = True
    """False when errors that leave the manifests incomplete stopped the run before reading the org."""
    selection: Selection | None = None
    """What `--select` chose (reconciler.selection); None when the whole project was planned."""

    @property
    def summary(self) -> dict[str, int]:
        return summary_of(self.resource_changes, self.findings)

    @property
    def has_changes(self) -> bool:
        return any(change.is_change for change in self.resource_changes)

    def to_dict(self) -> dict[str, Any]:
        document = self._contract()
        if self.telemetry is not None:
            document["telemetry"] = dict(self.telemetry)
        if self.selection is not None:
            document["selection"] = self.selection.to_dict()
        return document

    def _contract(self) -> dict[str, Any]:
        """The versioned document; `apply_blocked` and `risk` come right after the target (read them first)."""
        core = self._core()
        first = {key: core.pop(key) for key in ("format_version", "tool_version", "command", "target")}
        first["apply_blocked"] = apply_blocked(core["findings"], changes_computed=self.changes_computed)
        first["risk"] = risk_summary(core["resource_changes"], core["findings"])
        return first | core

    def _core(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "tool_version": self.tool_version,
            "command": self.command,
            "target": {"name": self.target.name, "platform": self.target.platform},
            "manifest_digest": self.manifest_digest,
            "input_digests": dict(sorted(self.input_digests.items())),
            "resource_changes": [change.to_dict() for change in self.resource_changes],
            "resource_drift": [entry.to_dict() for entry in self.resource_drift],
            "unmanaged_numbers": [item.to_dict() for item in self.unmanaged_numbers],
            "findings": [masked_finding(item) for item in self.findings],
            "summary": self.summary,
        }
