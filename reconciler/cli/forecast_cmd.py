"""`reconciler forecast`: answer-rate history -> a proposed manifest change, as a diff (or written).

The history is an hourly CSV file, or the days the platform measured (--from-target: the monitor's reads,
which change nothing).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from reconciler.cli.project import project_for
from reconciler.config import ProjectFile
from reconciler.exceptions import UsageError
from reconciler.forecast.daily import MIN_DAYS, DailyRates, daily_rates
from reconciler.forecast.errors import ForecastError
from reconciler.forecast.history import read_history
from reconciler.forecast.manifest_edit import edited_text, unified_diff
from reconciler.forecast.model import forecast_next_day, forecast_next_week
from reconciler.forecast.proposal import CampaignInputs, propose_line_count
from reconciler.live_plan import target_of
from reconciler.manifest.resource import Resource, address_of
from reconciler.monitor.run import as_of_day, measured_days, platform_reader
from reconciler.platform import Platform
from reconciler.validation import load_manifests

DEFAULT_WINDOW_SECONDS = 2.0
DEFAULT_DAYS = 28


@click.command()
@click.option(
    "--history",
    "history_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Hourly CSV: hour,campaign,dials,live_answers (see `reconciler emulator history`).",
)
@click.option(
    "--from-target",
    "from_target",
    metavar="TARGET",
    help="Instead of --history: the daily counts the platform measured (Genesys target of reconciler.yaml).",
)
@click.option(
    "--days",
    type=click.IntRange(MIN_DAYS, 366),
    default=DEFAULT_DAYS,
    show_default=True,
    help="With --from-target: how many days up to yesterday to read.",
)
@click.option("--campaign", required=True, help="Genesys campaign name (metadata.name).")
@click.option("--write", is_flag=True, help="Edit the manifest in place (comments and layout kept).")
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def forecast(
    history_path: Path | None,
    from_target: str | None,
    days: int,
    campaign: str,
    write: bool,
    config_path: Path | None,
) -> None:
    """Forecast answer rates (STL) and propose an outbound line count.

    From --history (hourly CSV, at least 48 h): the next 24 h, with a daily season. From --from-target
    (the daily counts the platform measured, read as `reconciler monitor` reads them; at least 14 days):
    the next 7 days, with a weekly season. The campaign needs `compliance.staffing` (agents, handle
    seconds) and an `abandon_rate`. The proposal is printed as a unified diff of its manifest file;
    --write applies it to the file, for review like any other change. Needs the `[forecast]` extra.
    """
    if (history_path is None) == (from_target is None):
        raise UsageError("give one source of history: --history FILE or --from-target TARGET")
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler forecast` needs a reconciler.yaml (manifests); none found")
    manifests = load_manifests(
        project.manifest_paths(root), project=project, target=project.default_target
    ).manifests
    resource = manifests.get(address_of(Platform.GENESYS, "Campaign", campaign))
    if resource is None:
        raise ForecastError(f"no Genesys Campaign named '{campaign}' in the manifests")
    org = next((item.document.spec for item in manifests.values() if item.kind == "OutboundSettings"), None)
    inputs = _inputs(resource, org)
    if history_path is not None:
        predicted = forecast_next_day(read_history(history_path, campaign=campaign))
    else:
        predicted = forecast_next_week(_measured(project, root, from_target or "", campaign, days))
    proposal = propose_line_count(inputs, predicted)
    low = min(range(len(predicted.rates)), key=predicted.rates.__getitem__)
    click.echo(
        f"{campaign}: answer rate over {predicted.horizon} forecast between {predicted.rates[low] * 100:.1f} % "
        f"({predicted.hours[low]:{predicted.when_format}}) and {proposal.binding_rate * 100:.1f} % "
        f"({proposal.binding_hour:{predicted.when_format}}); trend {predicted.trend_per_day * 100:+.2f} points a day"
    )
    click.echo(f"{proposal.reason}.")
    if proposal.current == proposal.proposed:
        click.echo(f"No change: {proposal.field} is already {proposal.proposed}.")
        return
    file = Path(resource.raw.file)
    before, after = edited_text(
        file, kind="Campaign", name=campaign, field=proposal.field, value=proposal.proposed
    )
    click.echo(unified_diff(before, after, path=resource.raw.file), nl=False)
    if write:
        file.write_text(after, encoding="utf-8")
        click.echo(f"wrote {proposal.field}: {proposal.proposed} to {file}", err=True)


def _measured(project: ProjectFile, root: Path, target: str, campaign: str, days: int) -> DailyRates:
    """The campaign's daily answer rates over the `days` days up to yesterday, as the platform measured them."""
    name, chosen = target_of(project, target)
    if chosen.platform is not Platform.GENESYS:
        raise UsageError(
            f"--from-target {name} is a {chosen.platform} target; forecast proposes Genesys campaigns"
        )
    last = as_of_day(None, ZoneInfo(project.monitor.time_zone))
    first = last - timedelta(days=days - 1)
    ids, measured = asyncio.run(
        measured_days(
            project,
            root=root,
            target_name=name,
            names=[campaign],
            first=first,
            last=last,
            reader=platform_reader(project.monitor),
        )
    )
    if campaign not in ids:
        raise ForecastError(f"target {name} has no campaign named '{campaign}'")
    return daily_rates(measured.days, campaign=campaign)


def _inputs(resource: Resource, org: Any) -> CampaignInputs:
    compliance = getattr(resource.document, "compliance", None)
    staffing = getattr(compliance, "staffing", None)
    if staffing is None:
        raise ForecastError(
            f"Campaign '{resource.name}' declares no compliance.staffing (agents, handle_seconds, live_rate); "
            "the proposal needs agents and handle time"
        )
    spec = resource.document.spec
    target = getattr(spec, "abandon_rate", None)
    if target is None or not 0 < float(target) < 100:
        raise ForecastError(f"Campaign '{resource.name}' has no abandon_rate to pace to")
    window = getattr(org, "abandon_seconds", None) if org is not None else None
    return CampaignInputs(
        name=resource.name,
        agents=staffing.agents,
        handle_seconds=staffing.handle_seconds,
        abandon_target=float(target) / 100,
        current_line_count=getattr(spec, "outbound_line_count", None),
        window_seconds=DEFAULT_WINDOW_SECONDS if window is None else float(window),
    )
