"""`reconciler monitor`: measured abandonment of the managed campaigns and skills against the caps."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import click

from reconciler.cli.plan_cmd import CONFIG, TARGET
from reconciler.cli.project import project_for
from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Severity, Summary
from reconciler.exceptions import ReconcilerError, UsageError
from reconciler.monitor.caps import Standing
from reconciler.monitor.render import render_markdown, render_text
from reconciler.monitor.report import denominator_note, report_document
from reconciler.monitor.run import MonitorRun, platform_reader, run_monitor
from reconciler.notify import Notifier
from reconciler.plan.masking import mask_text
from reconciler.render.findings import github_annotation, github_error, masked_findings
from reconciler.render.sarif import sarif_document

EVENT = "compliance.breach"


@click.command()
@TARGET
@CONFIG
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Last day measured (default: yesterday, the last complete day in monitor.time_zone).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown", "sarif", "github"]),
    default="text",
    show_default=True,
    help="text/markdown: one row per campaign per cap; json: the full report; sarif/github: the findings.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the full JSON report (every count used, with its source) to this file.",
)
@click.option("--notify", is_flag=True, help=f"Send {EVENT} to the project's notifications when over a cap.")
def monitor(
    target: str | None,
    config_path: Path | None,
    as_of: str | None,
    output_format: str,
    out_path: Path | None,
    notify: bool,
) -> None:
    """Measure abandoned / live-answered calls of every managed campaign (Genesys) or outbound skill
    (CXone) over each window its jurisdictions use, and compare each with the cap.

    Windows: US the 30 days ending on --as-of, UK each of those days, CA the calendar month of --as-of
    (reconciler/policy/data/jurisdictions.yaml). ABANDON-MEASURED is an error for a window over its cap
    and a warning at monitor.warn_at_percent_of_cap of it; PACING-CALIBRATION warns when the measured
    live-answer rate or handle time strays from compliance.staffing. Exit 0 when every window is within
    its cap, 2 when one is over, 1 on errors. A failed notification never changes the exit code.
    """

    def measure() -> None:
        project, root = project_for(config_path)
        if project is None:
            raise UsageError("`reconciler monitor` needs a reconciler.yaml (targets, manifests); none found")
        run = asyncio.run(
            run_monitor(
                project,
                root=root,
                target_name=target,
                as_of_text=as_of,
                reader=platform_reader(project.monitor),
            )
        )
        document = report_document(run)
        if out_path is not None:
            out_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        _emit(run, document, output_format)
        if notify and run.over_cap:
            _notify(project, run, document)
        errors = Summary.of(run.findings).errors
        sys.exit(2 if run.over_cap else 1 if errors else 0)

    if output_format != "github":
        measure()
        return
    try:  # in a workflow log an error quoting server or manifest text must not start a command
        measure()
    except ReconcilerError as exc:
        where = exc.location
        file, line = (where.file, where.line) if where else (None, None)
        click.echo(github_error(mask_text(exc.message), file=file, line=line))
        sys.exit(1)


def _emit(run: MonitorRun, document: dict[str, Any], output_format: str) -> None:
    note = denominator_note(run)
    if output_format == "json":
        click.echo(json.dumps(document, indent=2))
    elif output_format == "markdown":
        click.echo(render_markdown(run, note=note))
    elif output_format == "sarif":
        summary = document["summary"]
        click.echo(json.dumps(sarif_document(masked_findings(run.findings), properties=summary), indent=2))
    elif output_format == "github":
        for item in masked_findings(run.findings):
            click.echo(github_annotation(item))
    else:
        click.echo(render_text(run, note=note))
    click.echo(f"{run.measured.requests} request(s) read the measured counts", err=True)


def breaches(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every window over its cap, as the event carries it: names, window, counts, rate, cap, citation."""
    return [
        {
            "address": item["address"],
            "jurisdiction": window["jurisdiction"],
            "window": window["window"]["label"],
            "abandoned": window["abandoned"],
            "connected": window["connected"],
            "rate_percent": window["rate_percent"],
            "cap_percent": window["cap_percent"],
            "citation": window["citation"],
        }
        for item in document["objects"]
        for window in item["windows"]
        if window["standing"] == str(Standing.OVER)
    ]


def _notify(project: ProjectFile, run: MonitorRun, document: dict[str, Any]) -> None:
    notifier = Notifier(
        project.notifications, target=run.target_name, response_bytes=project.limits.webhook_response_bytes
    )
    if not notifier.enabled_for(EVENT):
        click.echo(f"--notify: no notification in reconciler.yaml subscribes to {EVENT}", err=True)
        return
    errors = [
        item.address
        for item in run.findings
        if item.code == Code.ABANDON_MEASURED and item.severity == Severity.ERROR and item.suppressed is None
    ]
    data = {
        "target": run.target_name,
        "as_of": run.as_of.isoformat(),
        "denominator": document["denominator"]["rates"],
        "campaigns": sorted(set(address for address in errors if address)),
        "breaches": breaches(document),
    }
    deliveries = notifier.send_sync(EVENT, data)
    sent = sum(1 for delivery in deliveries if delivery.ok)
    click.echo(f"{EVENT} sent to {sent} of {len(deliveries)} webhook(s)", err=True)
