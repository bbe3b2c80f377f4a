"""`reconciler validate`: offline checks of manifests, in text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reconciler.cli.project import project_for
from reconciler.config import ProjectFile
from reconciler.exceptions import ReconcilerError, UsageError
from reconciler.plan.masking import mask_text
from reconciler.render.findings import (
    finding_line,
    findings_document,
    github_annotation,
    github_error,
    masked_findings,
    summary_line,
)
from reconciler.render.sarif import sarif_document
from reconciler.validate_targets import TargetsValidation, validate_targets
from reconciler.validation import ValidationResult, validate_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default="text",
    show_default=True,
    help="text: file:line: CODE message; json/sarif: machine-readable; github: workflow annotations.",
)
@click.option(
    "--target",
    "target",
    help="Check only this target's effective manifests (default: every target of reconciler.yaml).",
)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def validate(
    paths: tuple[Path, ...], output_format: str, target: str | None, config_path: Path | None
) -> None:
    """Check manifests offline: schema, duplicates, references, cycles and the compliance checks.

    PATHS are files or folders (default: `manifests` of reconciler.yaml). All problems are listed
    together, with the project's `policy:` overrides and `reconciler/allow` annotations applied
    (allowed findings are listed with their reason but do not count). A reference to an object no
    manifest declares is a warning here, since the live org may have it. Exits 1 when any error
    is found.

    Without PATHS, and with targets in reconciler.yaml, each target's effective manifests are checked
    (the documents of its platform with its overlays, variables and jurisdictions); a finding only some
    targets have names them. --target checks one target's (over PATHS when given). Named PATHS
    without --target are checked as written, with no target's overlays or variables.
    """
    if output_format != "github":
        _validate(paths, output_format, target, config_path)
        return
    try:  # in a workflow log an error quoting manifest or project text must not start a command either
        _validate(paths, output_format, target, config_path)
    except ReconcilerError as exc:
        where = exc.location
        file, line = (where.file, where.line) if where else (None, None)
        click.echo(github_error(mask_text(exc.message), file=file, line=line))
        sys.exit(1)


def _validate(
    paths: tuple[Path, ...], output_format: str, target: str | None, config_path: Path | None
) -> None:
    project, root = project_for(config_path)
    every_target = not paths  # named PATHS are checked as written, unless --target names a target
    if not paths:
        if project is None:
            raise UsageError(
                "no PATHS given and no reconciler.yaml found; run `reconciler validate campaigns/`"
            )
        paths = tuple(project.manifest_paths(root))
    result = _checked(list(paths), project, target, every_target=every_target)
    findings = masked_findings(result.findings)
    if output_format == "json":
        document = findings_document(
            findings, command="validate", files=len(result.files), documents=result.documents
        )
        click.echo(json.dumps(document, indent=2))
    elif output_format == "sarif":
        click.echo(json.dumps(sarif_document(findings), indent=2))
    elif output_format == "github":
        for item in findings:
            click.echo(github_annotation(item))
        click.echo(summary_line(findings, files=len(result.files), documents=result.documents), err=True)
    else:
        for item in findings:
            click.echo(finding_line(item))
        click.echo(summary_line(findings, files=len(result.files), documents=result.documents))
    sys.exit(1 if result.errors else 0)


def _checked(
    paths: list[Path], project: ProjectFile | None, target: str | None, *, every_target: bool
) -> ValidationResult | TargetsValidation:
    """Every target's effective manifests when the project has targets and no PATHS were named, the one
    --target names, else the documents as written."""
    if project is None or not project.targets or (target is None and not every_target):
        if target is not None:
            raise UsageError(f"--target {target}: no reconciler.yaml with targets found")
        return validate_paths(paths, project=project)
    names = [project.target_named(target)[0]] if target is not None else list(project.targets)
    return validate_targets(paths, project, names)
