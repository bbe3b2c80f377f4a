"""What this tool applied, read back from the audit log: the last applied change of each live address.

Plan and drift use it to tell an object this tool created or managed, whose manifest was removed or
renamed without metadata.previous_names ("no longer declared"), from one it never touched. An object
whose last applied change is a delete is not counted. A line that cannot be read is skipped: this is
a report, and `reconciler audit verify` is the tool that judges the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reconciler.audit import AuditResult


@dataclass(frozen=True)
class LastApplied:
    """The last change apply made to one address on one target."""

    commit: str | None
    time: str
    action: str
    actor: str

    def describe(self) -> str:
        """e.g. 'last applied by commit 1a2b3c4d5e6f (create, 2026-12-05T06:00:00.000Z, by ci-bot)'."""
        commit = f"commit {self.commit[:12]}" if self.commit else "an unknown commit"
        return f"last applied by {commit} ({self.action}, {self.time}, by {self.actor})"


def last_applied(path: Path, *, target: str) -> dict[str, LastApplied]:
    """Address -> the last applied change of every object the log shows this tool wrote on `target`."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    found: dict[str, LastApplied] = {}
    for line in data.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict) or record.get("target") != target:
            continue
        address, action = record.get("address"), record.get("action")
        if record.get("result") != AuditResult.APPLIED or not isinstance(address, str):
            continue
        if action == "delete":
            found.pop(address, None)
            continue
        commit = record.get("commit")
        found[address] = LastApplied(
            commit=commit if isinstance(commit, str) else None,
            time=str(record.get("time", "")),
            action=str(action),
            actor=str(record.get("actor", "")),
        )
    return found
