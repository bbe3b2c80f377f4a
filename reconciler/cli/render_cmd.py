"""`reconciler render`: a target's effective manifests (base, overlays and variables applied)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reconciler.cli.project import project_for
from reconciler.config import ProjectFile
from reconciler.exceptions import UsageError
from reconciler.plan.masking import mask_text
from reconciler.render.effective import rendered_text, write_rendered
from reconciler.render.findings import finding_line, masked_findings, summary_line
from reconciler.target_manifests import project_root
from reconciler.validation import ValidationResult, load_manifests


def target_manifests(project: ProjectFile, name: str) -> ValidationResult:
    """`name`'s effective manifests, loaded, typed and linked (no compliance checks: `validate` runs those)."""
    chosen, _ = project.target_named(name)
    return load_manifests(project.manifest_paths(project_root(project)), project=project, target=chosen)


def report_problems(loaded: ValidationResult) -> None:
    """Print a target's findings as `validate` does and exit 1 when any is an error."""
    findings = masked_findings(loaded.findings)
    for item in findings:
        click.echo(finding_line(item), err=True)
    if loaded.errors:
        click.echo(summary_line(findings, files=len(loaded.files), documents=len(loaded.manifests)), err=True)
        sys.exit(1)


@click.command("render")
@click.option("--target", "target", required=True, help="Target from reconciler.yaml.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one file per kind under OUT/<platform>/ (as export does); without it, print to stdout.",
)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def render(target: str, out_dir: Path | None, config_path: Path | None) -> None:
    """Show the manifests TARGET plans with: the base documents of its platform with its overlays and
    ${vars.NAME} values applied, in the canonical form export writes.

    Printed to stdout, phone numbers are masked (stdout ends up in CI logs); the files --out writes are
    manifests and keep them. Exits 1 when the effective manifests have errors (bad patch, unknown
    variable, schema), listed as validate lists them.
    """
    project, _ = project_for(config_path)
    if project is None:
        raise UsageError("render needs reconciler.yaml (its targets say which overlays and vars apply)")
    loaded = target_manifests(project, target)
    report_problems(loaded)
    if out_dir is None:
        click.echo(mask_text(rendered_text(loaded.manifests.values(), target=target)), nl=False)
        return
    written = write_rendered(loaded.manifests.values(), out_dir, target=target)
    click.echo(
        f"rendered {len(loaded.manifests)} document(s) of target '{target}' to {len(written)} file(s) in {out_dir}/"
    )
