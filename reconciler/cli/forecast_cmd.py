"""`reconciler forecast`: hourly answer-rate history -> a proposed manifest change, as a diff (or written).

It reads the history file and the manifests only; it never calls a platform.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from reconciler.cli.project import project_for
from reconciler.exceptions import UsageError
from reconciler.forecast.errors import ForecastError
from reconciler.forecast.history import read_history
from reconciler.forecast.manifest_edit import edited_text, unified_diff
from reconciler.forecast.model import forecast_next_day
from reconciler.forecast.proposal import CampaignInputs, propose_line_count
from reconciler.manifest.resource import Resource, address_of
from reconciler.platform import Platform
from reconciler.validation import validate_paths

DEFAULT_WINDOW_SECONDS = 2.0


@click.command()
@click.option(
    "--history",
    "history_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Hourly CSV: hour,campaign,dials,live_answers (see `reconciler emulator history`).",
)
@click.option("--campaign", required=True, help="Genesys campaign name (metadata.name).")
@click.option("--write", is_flag=True, help="Edit the manifest in place (comments and layout kept).")
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def forecast(history_path: Path, campaign: str, write: bool, config_path: Path | None) -> None:
    """Forecast the next 24 h of answer rates (STL, daily season) and propose an outbound line count.

    The campaign needs `compliance.staffing` (agents, handle seconds) and an `abandon_rate`. The
    proposal is printed as a unified diff of its manifest file; --write applies it to the file, for
    review like any other change. At least 48 h of history is needed. Needs the `[forecast]` extra.
    """
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler forecast` needs a reconciler.yaml (manifests); none found")
    manifests = validate_paths(project.manifest_paths(root), project=project).manifests
    resource = manifests.get(address_of(Platform.GENESYS, "Campaign", campaign))
    if resource is None:
        raise ForecastError(f"no Genesys Campaign named '{campaign}' in the manifests")
    org = next((item.document.spec for item in manifests.values() if item.kind == "OutboundSettings"), None)
    inputs = _inputs(resource, org)
    predicted = forecast_next_day(read_history(history_path, campaign=campaign))
    proposal = propose_line_count(inputs, predicted)
    low = min(range(len(predicted.rates)), key=predicted.rates.__getitem__)
    click.echo(
        f"{campaign}: answer rate over the next 24 h forecast between {predicted.rates[low] * 100:.1f} % "
        f"({predicted.hours[low]:%a %H:%M}) and {proposal.binding_rate * 100:.1f} % "
        f"({proposal.binding_hour:%a %H:%M}); trend {predicted.trend_per_day * 100:+.2f} points a day"
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
