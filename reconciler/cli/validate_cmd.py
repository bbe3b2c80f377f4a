"""`reconciler validate`: offline checks of manifests, in text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reconciler.cli.project import project_for
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
from reconciler.validation import validate_paths


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
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def validate(paths: tuple[Path, ...], output_format: str, config_path: Path | None) -> None:
    """Check manifests offline: schema, duplicates, references, cycles and the compliance checks.

    PATHS are files or folders (default: `manifests` of reconciler.yaml). All problems are listed
    together, with the project's `policy:` overrides and `reconciler/allow` annotations applied
    (allowed findings are listed with their reason but do not count). A reference to an object no
    manifest declares is a warning here, since the live org may have it. Exits 1 when any error
    is found.
    """
    if output_format != "github":
        _validate(paths, output_format, config_path)
        return
    try:  # in a workflow log an error quoting manifest or project text must not start a command either
        _validate(paths, output_format, config_path)
    except ReconcilerError as exc:
        where = exc.location
        file, line = (where.file, where.line) if where else (None, None)
        click.echo(github_error(mask_text(exc.message), file=file, line=line))
        sys.exit(1)


def _validate(paths: tuple[Path, ...], output_format: str, config_path: Path | None) -> None:
    project, root = project_for(config_path)
    if not paths:
        if project is None:
            raise UsageError(
                "no PATHS given and no reconciler.yaml found; run `reconciler validate campaigns/`"
            )
        paths = tuple(project.manifest_paths(root))
    result = validate_paths(paths, project=project)
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
