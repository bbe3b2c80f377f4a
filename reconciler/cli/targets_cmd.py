"""`reconciler targets`: the targets of reconciler.yaml a CI workflow runs against, as a matrix."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reconciler.ci_targets import ci_targets, touches_inputs
from reconciler.cli.plan_cmd import CONFIG
from reconciler.cli.project import project_for
from reconciler.exceptions import UsageError


@click.command()
@CONFIG
@click.option(
    "--changed-files",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A file listing changed paths, one a line (`git diff --name-only`): list only the targets one of "
    "them concerns (under `manifests`, under the target's overlays, or reconciler.yaml).",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def targets(config_path: Path | None, changed_files: Path | None, output_format: str) -> None:
    """List the targets of reconciler.yaml that reach a real org (emulated targets are left out).

    json prints one array for a workflow matrix (`fromJSON`): each entry has `target`, `platform`,
    `credentials` (the names of the environment variables holding its secrets, padded with empty
    strings to four), `environment` (the GitHub environment it is applied in) and `after` (the target
    it is promoted from, or empty). The example workflows map each name to the repository secret of
    that name, so every target gets its own credentials and no other target's. Targets come in
    promotion order; --changed-files keeps those whose manifests, overlays or project file changed.
    """
    project, _root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler targets` needs a reconciler.yaml; none found")
    chosen = ci_targets(project)
    if changed_files is not None:
        changed = changed_files.read_text(encoding="utf-8", errors="replace").splitlines()
        chosen = [item for item in chosen if touches_inputs(project, changed, item.target)]
    if output_format == "json":
        click.echo(json.dumps([item.to_dict() for item in chosen], separators=(",", ":")))
        return
    if not chosen:
        click.echo("No target to run: no real-org target, or no manifest input changed.")
    for item in chosen:
        click.echo(f"{item.target} ({item.platform}): credentials from {', '.join(item.credentials)}")
