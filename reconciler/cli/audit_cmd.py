"""`reconciler audit verify` and `reconciler audit export`: check and hand over the audit log."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Literal

import click

from reconciler.audit import export as export_entries
from reconciler.audit import verify as verify_log
from reconciler.cli.project import project_for
from reconciler.config import Audit
from reconciler.exceptions import UsageError

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


@audit.command()
@CONFIG
@LOG_PATH
def verify(config_path: Path | None, log_path: Path | None) -> None:
    """Check that no line of the audit log was edited, reordered or removed.

    Exit 0 when the log is intact, 1 with each problem on stderr otherwise.
    """
    path = _log_path(config_path, log_path)
    result = verify_log(path)
    if result.ok:
        click.echo(f"audit log OK: {result.entries} entries")
        return
    for problem in result.problems:
        click.echo(problem, err=True)
    click.echo(f"audit log {path} FAILED verification: {len(result.problems)} problem(s)", err=True)
    sys.exit(1)


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
