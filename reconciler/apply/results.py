"""What apply did with each planned change, and the run's summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    APPLIED = "applied"
    """Every step ran."""
    FAILED = "failed"
    """The platform refused a step, or retries ran out; its dependents are skipped."""
    REFUSED = "refused"
    """A managed field changed live since the plan: overwriting it would lose someone's edit."""
    SKIPPED = "skipped"
    """Not attempted because something it depends on did not apply."""


@dataclass(frozen=True)
class ChangeResult:
    address: str
    kind: str
    name: str
    category: str
    """create, update, replace or delete (the plan's summary bucket)."""
    outcome: Outcome
    paths: tuple[str, ...] = ()
    message: str | None = None
    version: int | None = None
    """The object's live version after the change, where the platform has versions."""
    seconds: float | None = None
    """How long the change took (None when it was not attempted)."""

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.APPLIED


@dataclass(frozen=True)
class ApplyReport:
    results: tuple[ChangeResult, ...]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    def counts(self) -> dict[str, int]:
        found = Counter(str(result.outcome) for result in self.results)
        return {str(outcome): found.get(str(outcome), 0) for outcome in Outcome}


def summary_line(results: Sequence[ChangeResult]) -> str:
    counts = ApplyReport(tuple(results)).counts()
    return ", ".join(f"{count} {outcome}" for outcome, count in counts.items())
