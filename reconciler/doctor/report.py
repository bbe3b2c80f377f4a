"""What `reconciler doctor` found: the reads it made and every difference, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Difference:
    read: str  # "GET /skills"
    where: str  # a key path in the answer, "(root)" for the whole answer
    message: str


@dataclass(frozen=True)
class DoctorReport:
    target: str
    platform: str
    reads: tuple[str, ...]
    differences: tuple[Difference, ...]
    notes: tuple[str, ...] = ()

    @property
    def matches(self) -> bool:
        return not self.differences


def render_text(report: DoctorReport) -> str:
    lines = [f"doctor: {report.target} ({report.platform}): {len(report.reads)} read(s), nothing changed"]
    lines += [f"  read {read}" for read in report.reads]
    lines += [f"  note: {note}" for note in report.notes]
    if report.matches:
        lines.append("Every answer has the shape the tool expects.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(report.differences)} difference(s) from what the tool expects:")
    lines += [f"  {d.read}: {d.where}: {d.message}" for d in report.differences]
    return "\n".join(lines) + "\n"


def render_json(report: DoctorReport) -> str:
    data = {**asdict(report), "matches": report.matches}
    return json.dumps(data, indent=2) + "\n"
