"""`reconciler audit verify|repair|export`: check (against a recorded head), mend a torn end, hand over."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Literal

import click

from reconciler.audit import VerifyResult, normalise_anchor
from reconciler.audit import verify as verify_log
from reconciler.audit_export import export as export_entries
from reconciler.audit_repair import repair_torn_tail
from reconciler.cli.project import project_for
from reconciler.config import Audit
from reconciler.exceptions import UsageError
from reconciler.plan.masking import mask_text

CONFIG = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
LOG_PATH = click.option(
    "--path",
    "log_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Audit log file (default: audit.path of reconciler.yaml, else .reconciler/audit.jsonl).",
)


def _log_path(config_path: Path | None, log_path: Path | None) -> Path:
    if log_path is not None:
        if config_path is not None:
            raise UsageError("--path and --config both choose the audit log; give one of them")
        return log_path
    project, root = project_for(config_path)
    return root / (project.audit if project is not None else Audit()).path


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not an ISO date or date-time (e.g. 2025-01-31 or 2025-01-31T09:30:00Z)"
        ) from None


@click.group()
def audit() -> None:
    """Check and export the audit log of applied changes (one hash-chained JSON line per change)."""


def _anchor(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else normalise_anchor(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _report(path: Path, result: VerifyResult) -> None:
    """The verdict: OK with the chain head on stdout, else every problem on stderr and exit 1."""
    if result.ok:
        text = f"audit log OK: {result.entries} entries"
        if result.head is not None:
            text += f"; chain head {result.head.sha256} (seq {result.head.seq})"
        if result.anchor_line:
            text += f"; anchor found at line {result.anchor_line}"
        click.echo(text)
        return
    for problem in result.problems:
        click.echo(problem, err=True)
    click.echo(f"audit log {path} FAILED verification: {len(result.problems)} problem(s)", err=True)
    sys.exit(1)


@audit.command()
@CONFIG
@LOG_PATH
@click.option(
    "--anchor",
    callback=_anchor,
    metavar="HASH",
    help="A chain head recorded earlier (apply prints it): it must still be a line of the log.",
)
def verify(config_path: Path | None, log_path: Path | None, anchor: str | None) -> None:
    """Check that no line of the audit log was edited, reordered or removed.

    With --anchor, also check against a head recorded earlier (printed by apply, sent in
    apply.finished): a log rewritten consistently, or truncated and rewritten, no longer holds it.
    Exit 0 when the log is intact, 1 with each problem on stderr otherwise.
    """
    path = _log_path(config_path, log_path)
    _report(path, verify_log(path, anchor=anchor))


@audit.command()
@CONFIG
@LOG_PATH
def repair(config_path: Path | None, log_path: Path | None) -> None:
    """Remove a torn last line (left by a crash during an append), keeping a copy in <log>.torn.

    Says what it removed, then verifies the log: exit 0 when it is intact afterwards, 1 otherwise.
    Anything but a torn last line is left alone (exit 1, nothing changed).
    """
    path = _log_path(config_path, log_path)
    repaired = repair_torn_tail(path)
    shown = repaired.removed.decode("utf-8", errors="backslashreplace")
    click.echo(
        f"removed the torn last line {repaired.line} of {path} ({len(repaired.removed)} bytes, no newline): "
        f"{mask_text(json.dumps(shown))}",
        err=True,
    )
    click.echo(f"a copy is kept in {repaired.saved_to}", err=True)
    _report(path, verify_log(path))


@audit.command()
@CONFIG
@LOG_PATH
@click.option(
    "--since", callback=_since, help="Only entries at or after this ISO date or date-time (UTC if no zone)."
)
@click.option(
    "--format", "output_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), help="Write here, not stdout."
)
def export(
    config_path: Path | None,
    log_path: Path | None,
    since: datetime | None,
    output_format: Literal["csv", "json"],
    out_path: Path | None,
) -> None:
    """Write the audit log as CSV or JSON for compliance review."""
    text = export_entries(_log_path(config_path, log_path), since=since, fmt=output_format)
    text = text if text.endswith("\n") else text + "\n"
    if out_path is None:
        click.echo(text, nl=False)
        return
    out_path.write_text(text, encoding="utf-8")
    click.echo(f"audit log exported to {out_path}", err=True)
