"""`reconciler apply`: change the live org to match the manifests, or exactly as a saved plan says."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reconciler.apply.executor import DEFAULT_CONCURRENCY
from reconciler.apply.results import ChangeResult, Outcome, summary_line
from reconciler.apply.run import ApplyOptions, ApplyRun, apply_project
from reconciler.apply.saved_plan import load_saved_plan, saved_selectors
from reconciler.audit import ChainHead
from reconciler.cli.plan_cmd import CONFIG, SELECT, TARGET
from reconciler.cli.project import project_for
from reconciler.cli.terminal import NO_COLOR_OPTION, console_for, echo_rendered, wants_color
from reconciler.exceptions import ApplyRefused, UsageError
from reconciler.live_plan import LiveRun
from reconciler.plan.models import Plan
from reconciler.plan.render_text import render_text
from reconciler.telemetry.collector import summary_line as telemetry_line
from reconciler.telemetry.report import requests_table

MARKS = {Outcome.APPLIED: "✓", Outcome.FAILED: "✗", Outcome.REFUSED: "!", Outcome.SKIPPED: "-"}


def _line(result: ChangeResult) -> str:
    text = f"{MARKS[result.outcome]} {result.outcome:<8} {result.address} ({result.category})"
    if result.version is not None:
        text += f" → version {result.version}"
    if result.seconds is not None:
        text += f" in {result.seconds:.2f} s"
    if result.message:
        text += f"\n    {result.message}"
    return text


def _confirm(plan: Plan) -> bool:
    if not sys.stdin.isatty():
        raise ApplyRefused(
            "apply needs approval and this run is not interactive: review the plan and pass "
            "--auto-approve, or apply a saved plan file. Nothing was changed."
        )
    return click.confirm("Apply these changes?", default=False, err=True)


@click.command()
@click.argument("plan_file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@TARGET
@CONFIG
@click.option("--auto-approve", is_flag=True, help="Apply without asking (needed in non-interactive runs).")
@click.option("--allow-delete", is_flag=True, help="Allow the plan's deletes and replaces.")
@click.option(
    "--allow-restart",
    is_flag=True,
    help="Allow stopping running CXone skills to edit them (stop, update, start).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=DEFAULT_CONCURRENCY,
    show_default=True,
    help="Independent changes applied at once (all share the target's rate limit).",
)
@NO_COLOR_OPTION
@SELECT
def apply(
    plan_file: Path | None,
    target: str | None,
    config_path: Path | None,
    auto_approve: bool,
    allow_delete: bool,
    allow_restart: bool,
    concurrency: int,
    no_color: bool,
    select: tuple[str, ...],
) -> None:
    """Apply the manifests to the target org, or apply PLAN_FILE (from `plan --out`) exactly.

    With PLAN_FILE, apply refuses if the manifests changed since the plan or a live object moved in
    a field the manifests manage. Without it, apply plans first and asks for confirmation (pass
    --auto-approve in CI). Error findings block apply; deletes need --allow-delete; stopping a running
    CXone skill to edit it needs --allow-restart. A failed change
    skips the changes that depend on it; the rest proceed. One line per change is printed as it
    completes (with a progress bar on a terminal), so CI logs follow a long apply. Exit 0 when
    everything applied (or there was nothing to do), 1 otherwise. Every change is appended to the
    audit log. With --select (or a PLAN_FILE made with --select) only the selected objects are
    changed; every other pending change stays pending.
    """
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler apply` needs a reconciler.yaml (targets, manifests); none found")
    saved = load_saved_plan(plan_file) if plan_file is not None else None
    if saved is not None and target is None:
        target = str(saved["target"]["name"])
    if saved is not None:
        select = saved_selectors(saved, select)
    progress = _progress_bar(no_color=no_color)
    task = progress.add_task("apply", total=None)
    color = wants_color(sys.stdout, no_color=no_color)

    def on_plan(run: LiveRun) -> None:
        if run.skipped:
            click.echo(f"{run.skipped} manifest(s) of another platform skipped for this target", err=True)
        if saved is None:
            echo_rendered(render_text(run.plan, color=color), color=color)
        progress.update(task, total=sum(1 for change in run.plan.resource_changes if change.is_change))

    def on_result(result: ChangeResult) -> None:
        if progress.console.is_terminal and not progress.live.is_started:
            progress.start()  # after approval: a live bar must not cover the confirmation prompt
        progress.advance(task)
        if progress.live.is_started and sys.stdout.isatty():
            progress.console.print(_line(result), markup=False, highlight=False)  # above the bar
        else:
            click.echo(_line(result))  # one line per change as it completes (click flushes each)

    options = ApplyOptions(
        auto_approve=auto_approve,
        allow_delete=allow_delete,
        allow_restart=allow_restart,
        concurrency=concurrency,
        saved_plan=saved,
        select=select,
    )

    async def run() -> ApplyRun:
        def confirm(plan: Plan) -> bool:
            return _confirm(plan)

        return await apply_project(
            project,
            root=root,
            target_name=target,
            options=options,
            confirm=confirm,
            on_plan=on_plan,
            on_result=on_result,
        )

    try:
        outcome = asyncio.run(run())
    finally:
        progress.stop()
    results = outcome.report.results
    if not results:
        click.echo("Nothing to apply: the org matches the manifests.")
    else:
        failed = [result for result in results if not result.ok]
        if failed:  # named again at the end (their reasons are on their lines above)
            click.echo("\nNot applied:")
            for result in failed:
                click.echo(f"  {MARKS[result.outcome]} {result.outcome:<8} {result.address}")
        click.echo(f"\nApply results: {summary_line(results)}")
    _echo_head(outcome.audit_head)
    if outcome.telemetry is not None:
        if results:
            click.echo(requests_table(outcome.telemetry))
        click.echo(f"telemetry: {telemetry_line(outcome.telemetry)}", err=True)
    if any(not result.ok for result in results):
        sys.exit(1)


def _progress_bar(*, no_color: bool) -> Progress:
    """A transient bar on stderr, drawn only when stderr is a terminal; result lines print above it."""
    err = console_for(sys.stderr, color=wants_color(sys.stderr, no_color=no_color))
    return Progress(
        TextColumn("applying"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        redirect_stdout=False,  # result lines go to stdout themselves, even while the bar is drawn
        redirect_stderr=False,
    )


def _echo_head(head: ChainHead | None) -> None:
    """The chain head goes to stdout, so CI job summaries keep it as an anchor for `audit verify`."""
    if head is not None:
        click.echo(f"Audit chain head: {head.sha256} (seq {head.seq})")
