"""Findings: the problems a run reports, each with a code, severity and source location.

Codes are a contract (ARCHITECTURE.md §6); their default severities live in CATALOGUE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reconciler.exceptions import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    SCHEMA = "SCHEMA"
    DUPLICATE = "DUPLICATE"
    REF_MISSING = "REF-MISSING"
    CYCLE = "CYCLE"
    DNC_REQUIRED = "DNC-REQUIRED"
    DNC_ENTRY = "DNC-ENTRY"
    CALLABLE_TZ = "CALLABLE-TZ"
    CALLING_HOURS = "CALLING-HOURS"
    ABANDON_RATE = "ABANDON-RATE"
    RING_TIME = "RING-TIME"
    ABANDON_SECONDS = "ABANDON-SECONDS"
    RETRY_LIMIT = "RETRY-LIMIT"
    SCHEDULE_OVERLAP = "SCHEDULE-OVERLAP"
    AUDIENCE_OVERLAP = "AUDIENCE-OVERLAP"
    RULE_ORDER = "RULE-ORDER"
    RULE_CONFLICT = "RULE-CONFLICT"
    FORCES_REPLACE = "FORCES-REPLACE"
    DELETE_PROTECTED = "DELETE-PROTECTED"
    PACING_ABANDON = "PACING-ABANDON"
    DNC_SHRINK = "DNC-SHRINK"
    SCHEDULE_PAST = "SCHEDULE-PAST"
    UNMANAGED_DEPENDENT = "UNMANAGED-DEPENDENT"
    ABANDON_MEASURED = "ABANDON-MEASURED"
    PACING_CALIBRATION = "PACING-CALIBRATION"
    DUPLICATE_ENTRY = "DUPLICATE-ENTRY"
    CALLING_HOLIDAY = "CALLING-HOLIDAY"


@dataclass(frozen=True)
class CatalogueEntry:
    severity: Severity
    title: str


CATALOGUE: dict[Code, CatalogueEntry] = {
    Code.SCHEMA: CatalogueEntry(Severity.ERROR, "Document does not match its kind's schema"),
    Code.DUPLICATE: CatalogueEntry(Severity.ERROR, "Two documents declare the same object"),
    Code.REF_MISSING: CatalogueEntry(Severity.ERROR, "Reference to an object that does not exist"),
    Code.CYCLE: CatalogueEntry(Severity.ERROR, "References form a cycle"),
    Code.DNC_REQUIRED: CatalogueEntry(Severity.ERROR, "Dialing without a do-not-call list"),
    Code.DNC_ENTRY: CatalogueEntry(Severity.ERROR, "Do-not-call entry is not a valid phone number"),
    Code.CALLABLE_TZ: CatalogueEntry(
        Severity.ERROR, "No callable-time restriction in the called party's zone"
    ),
    Code.CALLING_HOURS: CatalogueEntry(Severity.ERROR, "Calls allowed outside legal calling hours"),
    Code.ABANDON_RATE: CatalogueEntry(Severity.ERROR, "Abandon rate above the legal cap or missing"),
    Code.RING_TIME: CatalogueEntry(Severity.ERROR, "No-answer timeout below the minimum ring time"),
    Code.ABANDON_SECONDS: CatalogueEntry(Severity.ERROR, "Abandon threshold above 2 seconds"),
    Code.RETRY_LIMIT: CatalogueEntry(Severity.ERROR, "Attempt limits above a jurisdiction's cap"),
    Code.SCHEDULE_OVERLAP: CatalogueEntry(Severity.ERROR, "Schedule intervals overlap"),
    Code.AUDIENCE_OVERLAP: CatalogueEntry(Severity.ERROR, "Campaigns dial one list at the same time"),
    Code.RULE_ORDER: CatalogueEntry(Severity.ERROR, "Two rules of one category share an order"),
    Code.RULE_CONFLICT: CatalogueEntry(
        Severity.ERROR, "Two rules can fire together with contradicting actions"
    ),
    Code.FORCES_REPLACE: CatalogueEntry(Severity.WARNING, "Change to an immutable field replaces the object"),
    Code.DELETE_PROTECTED: CatalogueEntry(Severity.ERROR, "Plan deletes a protected object"),
    Code.PACING_ABANDON: CatalogueEntry(
        Severity.WARNING, "Configured pacing settings cannot hold the abandon cap"
    ),
    Code.DNC_SHRINK: CatalogueEntry(Severity.ERROR, "DNC source is empty or shrinks the list too far"),
    Code.SCHEDULE_PAST: CatalogueEntry(Severity.WARNING, "Schedule has ended and never starts again"),
    Code.UNMANAGED_DEPENDENT: CatalogueEntry(
        Severity.WARNING, "A live object no manifest declares uses a managed one"
    ),
    Code.ABANDON_MEASURED: CatalogueEntry(
        Severity.ERROR, "Measured abandoned calls over a jurisdiction's window exceed its cap"
    ),
    Code.PACING_CALIBRATION: CatalogueEntry(
        Severity.WARNING, "Measured live-answer rate or handle time differs from the declared staffing"
    ),
    Code.DUPLICATE_ENTRY: CatalogueEntry(Severity.WARNING, "A set-like list declares an entry twice"),
    Code.CALLING_HOLIDAY: CatalogueEntry(
        Severity.ERROR, "A dated schedule calls on a legal holiday of a jurisdiction that bans it"
    ),
}


@dataclass(frozen=True)
class Finding:
    """One reported problem. `suppressed` holds the reason of a `reconciler/allow` annotation.

    `omitted` > 0 marks the line that stands for that many findings of its code left out of the list
    (limits.findings_per_code, reconciler.finding_cap): they count in every summary all the same.
    """

    code: Code
    severity: Severity
    message: str
    address: str | None = None
    source: Location | None = None
    suppressed: str | None = None
    omitted: int = 0

    @property
    def weight(self) -> int:
        """How many findings this entry counts for in a summary."""
        return self.omitted or 1

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": str(self.code),
            "severity": str(self.severity),
            "message": self.message,
            "address": self.address,
            "source": None if self.source is None else {"file": self.source.file, "line": self.source.line},
        }
        if self.suppressed is not None:
            data["suppressed"] = self.suppressed
        if self.omitted:
            data["omitted"] = self.omitted
        return data


def finding(
    code: Code,
    message: str,
    *,
    address: str | None = None,
    source: Location | None = None,
    severity: Severity | None = None,
) -> Finding:
    """Build a finding with the catalogue's default severity unless one is given."""
    return Finding(
        code=code,
        severity=severity if severity is not None else CATALOGUE[code].severity,
        message=message,
        address=address,
        source=source,
    )


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0})

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Summary:
        """Counts per severity; allowed (suppressed) findings are listed but not counted."""
        summary = cls()
        for item in findings:
            if item.suppressed is None:
                summary.counts[str(item.severity)] += item.weight
        return summary

    @property
    def errors(self) -> int:
        return self.counts["error"]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable reading order: by file, line, then code."""

    def key(item: Finding) -> tuple[str, int, str]:
        if item.source is None:
            return ("", 0, str(item.code))
        return (item.source.file, item.source.line, str(item.code))

    return sorted(findings, key=key)
