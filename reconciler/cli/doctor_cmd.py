"""`reconciler doctor`: read-only check that a target's answers have the shapes the tool expects."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from reconciler.cli.project import project_for
from reconciler.doctor.report import render_json, render_text
from reconciler.doctor.run import doctor as run_doctor
from reconciler.exceptions import UsageError
from reconciler.live_plan import target_of

DIFFERENCES_FOUND = 2


@click.command("doctor")
@click.option("--target", "target", required=True, help="Target from reconciler.yaml to read.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def doctor(target: str, fmt: str, config_path: Path | None) -> None:
    """Call the read endpoints the tool uses and compare each answer's shape with what it expects.

    CXone answers are compared with the published Admin API specification and the envelopes the tool
    reads; Genesys answers with the response models of the official SDK. Nothing is changed (GET
    requests only). Exit 0 when every answer matches, 2 when differences are found, 1 on errors.
    """
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler doctor` needs a reconciler.yaml with targets; none found")
    name, chosen = target_of(project, target)
    report = asyncio.run(run_doctor(name, chosen, root=root, limits=project.limits))
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    if not report.matches:
        sys.exit(DIFFERENCES_FOUND)
