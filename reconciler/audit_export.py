"""`audit export`: the audit log's entries as CSV or JSON for compliance review.

CSV cells that a spreadsheet would run as a formula (OWASP CSV injection: a leading `=`, `+`, `-`, `@`,
tab or carriage return) get a leading `'`, so server or manifest text shows as text, never runs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from reconciler.audit import ENTRY_FIELDS, LINE_KEYS, AuditEntry
from reconciler.exceptions import Location, ReconcilerError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _entry_of(record: Any) -> tuple[int, AuditEntry]:
    if not isinstance(record, dict) or LINE_KEYS - record.keys():
        raise ValueError("not an audit entry")
    values = {name: record[name] for name in ENTRY_FIELDS}
    if not isinstance(values["paths"], list) or not all(isinstance(p, str) for p in values["paths"]):
        raise ValueError("paths is not a list of strings")
    values["paths"] = tuple(values["paths"])
    if not isinstance(values["time"], str):
        raise ValueError("time is not a string")
    return int(record["seq"]), AuditEntry(**values)


def read_entries(path: Path) -> list[tuple[int, AuditEntry]]:
    """Every entry with its seq, in file order; an unreadable line is an error naming it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReconcilerError(f"audit log {path} not found") from None
    entries = []
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            entries.append(_entry_of(json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise ReconcilerError(
                f"not a readable audit entry ({exc}); run `reconciler audit verify`",
                location=Location(str(path), number),
            ) from None
    return entries


def export(path: Path, *, since: datetime | None = None, fmt: Literal["csv", "json"] = "csv") -> str:
    """The entries at or after `since` (UTC when naive) as CSV (paths joined with ';') or a JSON list."""
    cutoff = None if since is None else since if since.tzinfo else since.replace(tzinfo=UTC)
    chosen = [
        {"seq": seq, **asdict(entry)}
        for seq, entry in read_entries(path)
        if cutoff is None or datetime.fromisoformat(entry.time) >= cutoff
    ]
    if fmt == "json":
        return json.dumps(chosen, indent=2)
    buffer = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding \r, so a message cannot split a row
    writer = csv.DictWriter(buffer, fieldnames=["seq", *ENTRY_FIELDS], lineterminator="\r\n")
    writer.writeheader()
    for row in chosen:
        writer.writerow(
            {key: _cell(value) for key, value in {**row, "paths": ";".join(row["paths"])}.items()}
        )
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading `'`, so it shows as text."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
