"""`reconciler plan` and `reconciler drift`: compare the manifests with a live org, change nothing."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from reconciler.cli.project import project_for
from reconciler.cli.terminal import NO_COLOR_OPTION, echo_rendered, wants_color
from reconciler.exceptions import UsageError
from reconciler.limits import DEFAULT_LIMITS
from reconciler.live_plan import LiveRun, run_live, target_of
from reconciler.notify import Notifier
from reconciler.plan.render_json import render_json
from reconciler.plan.render_markdown import render_markdown
from reconciler.plan.render_sarif import render_sarif
from reconciler.plan.render_text import render_text
from reconciler.telemetry import tracing
from reconciler.telemetry.collector import summary_line
from reconciler.telemetry.tracing import run_attributes

RENDERERS = {
    "json": lambda run: render_json(run.plan),
    "markdown": lambda run: render_markdown(run.plan),
    "sarif": lambda run: render_sarif(run.plan),
}


def _live_run(
    config_path: Path | None, target: str | None, command: str, select: tuple[str, ...] = ()
) -> LiveRun:
    project, root = project_for(config_path)
    if project is None:
        raise UsageError(f"`reconciler {command}` needs a reconciler.yaml (targets, manifests); none found")
    name, chosen = target_of(project, target)
    with tracing.span(f"reconciler {command}", run_attributes(command, name, chosen.platform)):
        return asyncio.run(
            run_live(
                project,
                root=root,
                target_name=name,
                paths=project.manifest_paths(root),
                command=command,
                select=select,
            )
        )


def _emit(run: LiveRun, output_format: str, *, no_color: bool) -> None:
    if run.skipped:
        click.echo(f"{run.skipped} manifest(s) of another platform skipped for this target", err=True)
    if output_format == "text":
        color = wants_color(sys.stdout, no_color=no_color)
        echo_rendered(render_text(run.plan, color=color), color=color)
    else:
        click.echo(RENDERERS[output_format](run))
    if run.plan.telemetry is not None:
        click.echo(f"telemetry: {summary_line(run.plan.telemetry)}", err=True)


TARGET = click.option("--target", "target", help="Target from reconciler.yaml (default: default_target).")
CONFIG = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
SELECT = click.option(
    "--select",
    "select",
    multiple=True,
    metavar="ADDRESS|KIND|LABEL=VALUE|PATH",
    help=(
        "Only these objects (repeatable; the union): an address genesys/Campaign/q3-renewals, a kind "
        "genesys/Campaign, a label team=retention, or a manifest file or folder. Dependencies with "
        "pending changes that the selection leaves out are named."
    ),
)


@click.command()
@TARGET
@CONFIG
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), help="Also save the plan (JSON)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json", "sarif"]),
    default="text",
    show_default=True,
)
@click.option("--detailed-exitcode", is_flag=True, help="Exit 2 when there are changes (0 none, 1 errors).")
@NO_COLOR_OPTION
@SELECT
def plan(
    target: str | None,
    config_path: Path | None,
    out_path: Path | None,
    output_format: str,
    detailed_exitcode: bool,
    no_color: bool,
    select: tuple[str, ...],
) -> None:
    """Show what would change in the target org, with findings. Changes nothing.

    Every format starts with what a reviewer must see: whether the plan can be applied, then the
    risk summary (deletes and replaces with what they lose, DNC removals, run-state changes, CXone
    skill restarts, error findings, each counted), then deletes and replaces, updates, creates.
    A plan with error findings still shows its changes, says it cannot be applied and why, and
    exits 1. Exit 0 when there is nothing to do, 1 on errors (including error findings), and with
    --detailed-exitcode 2 when there are changes. Colour only on a terminal (see --no-color).
    With --select, only the selected objects are
    planned (a saved --out plan keeps the selection, so apply of it changes nothing else).
    Live objects this tool applied that no manifest declares any more are listed as
    "no longer declared"; metadata.previous_names renames a live object in place.
    """
    run = _live_run(config_path, target, "plan", select)
    if out_path is not None:
        out_path.write_text(render_json(run.plan) + "\n", encoding="utf-8")
    _emit(run, output_format, no_color=no_color)
    if run.plan.summary["error"]:
        sys.exit(1)
    sys.exit(2 if detailed_exitcode and run.plan.has_changes else 0)


@click.command()
@TARGET
@CONFIG
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--notify", is_flag=True, help="Send drift.detected to the project's notifications when drifted."
)
@NO_COLOR_OPTION
@SELECT
def drift(
    target: str | None,
    config_path: Path | None,
    output_format: str,
    notify: bool,
    no_color: bool,
    select: tuple[str, ...],
) -> None:
    """Report managed fields whose live value differs from git, live objects this tool applied that no
    manifest declares any more (no longer declared), and unmanaged objects in the prune scope.

    Exit 0 when the org matches git, 2 when it drifted, 1 on errors. A failed notification never
    changes the exit code. --select reports only the selected objects.
    """
    run = _live_run(config_path, target, "drift", select)
    _emit(run, output_format, no_color=no_color)
    if run.plan.summary["error"]:
        sys.exit(1)
    if notify and run.plan.resource_drift:
        _notify_drift(config_path, run)
    sys.exit(2 if run.plan.resource_drift else 0)


def _notify_drift(config_path: Path | None, run: LiveRun) -> None:
    project, _ = project_for(config_path)
    limits = project.limits if project else DEFAULT_LIMITS
    notifier = Notifier(
        project.notifications if project else [],
        target=run.plan.target.name,
        response_bytes=limits.webhook_response_bytes,
    )
    if not notifier.enabled_for("drift.detected"):
        click.echo("--notify: no notification in reconciler.yaml subscribes to drift.detected", err=True)
        return
    entries = [{"address": entry.address, "status": str(entry.status)} for entry in run.plan.resource_drift]
    data = {"target": run.plan.target.name, "drifted": len(entries), "entries": entries}
    deliveries = notifier.send_sync("drift.detected", data)
    sent = sum(1 for delivery in deliveries if delivery.ok)
    click.echo(f"drift.detected sent to {sent} of {len(deliveries)} webhook(s)", err=True)
