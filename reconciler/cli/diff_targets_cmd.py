"""`reconciler diff-targets`: how two targets' effective manifests differ (what production gets that test did not)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from reconciler.cli.project import project_for
from reconciler.cli.render_cmd import report_problems, target_manifests
from reconciler.exceptions import Location, UsageError
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.plan.masking import mask_value
from reconciler.render.effective import MISSING, canonical_document, value_differences


def differences(first: str, ours: ManifestSet, second: str, theirs: ManifestSet) -> dict[str, Any]:
    """The differences between target `first`'s manifests (`ours`) and `second`'s (`theirs`) as a document:
    addresses only in one target, and changed values with their source."""
    only_first = sorted(set(ours) - set(theirs))
    only_second = sorted(set(theirs) - set(ours))
    changed: dict[str, list[dict[str, Any]]] = {}
    for address in sorted(set(ours) & set(theirs)):
        one, other = ours[address], theirs[address]
        found = list(value_differences(canonical_document(one), canonical_document(other)))
        if found:
            changed[address] = [
                {
                    "path": path,
                    first: None if before is MISSING else mask_value(before),
                    second: None if after is MISSING else mask_value(after),
                    "set_in": _where(
                        other.raw.source_of(tuple(path.split("."))) if after is not MISSING else other.source
                    ),
                }
                for path, before, after in found
            ]
    return {
        "targets": [first, second],
        f"only_in_{first}": [_located(ours, address) for address in only_first],
        f"only_in_{second}": [_located(theirs, address) for address in only_second],
        "changed": changed,
    }


def _where(location: Location) -> str:
    return f"{location.file}:{location.line}"


def _located(manifests: ManifestSet, address: str) -> dict[str, str]:
    return {"address": address, "source": _where(manifests[address].source)}


@click.command("diff-targets")
@click.argument("first")
@click.argument("second")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--detailed-exitcode", is_flag=True, help="Exit 2 when the targets differ (0 when they do not)."
)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def diff_targets(
    first: str, second: str, output_format: str, detailed_exitcode: bool, config_path: Path | None
) -> None:
    """Show how the effective manifests of target FIRST and target SECOND differ: documents only one of
    them has, and every value that differs, with the file and line that set it in SECOND.

    A reviewer runs `reconciler diff-targets test prod` to see what production will get that test did
    not. Phone numbers are masked. Exits 1 on errors in either target's manifests; with
    --detailed-exitcode, 2 when they differ.
    """
    project, _ = project_for(config_path)
    if project is None:
        raise UsageError("diff-targets needs reconciler.yaml (it compares two of its targets)")
    if first == second:
        raise UsageError("name two different targets")
    ours, theirs = (target_manifests(project, name) for name in (first, second))
    for loaded in (ours, theirs):
        report_problems(loaded)
    document = differences(first, ours.manifests, second, theirs.manifests)
    if output_format == "json":
        click.echo(json.dumps(document, indent=2))
    else:
        _print_text(document, first, second)
    differs = bool(document[f"only_in_{first}"] or document[f"only_in_{second}"] or document["changed"])
    sys.exit(2 if differs and detailed_exitcode else 0)


def _print_text(document: dict[str, Any], first: str, second: str) -> None:
    lines: list[str] = []
    for name in (first, second):
        for item in document[f"only_in_{name}"]:
            lines.append(f"only in {name}: {item['address']} ({item['source']})")
    for address, changes in document["changed"].items():
        lines.append(f"{address}:")
        for change in changes:
            before = "(not set)" if change[first] is None else json.dumps(change[first], ensure_ascii=False)
            after = "(not set)" if change[second] is None else json.dumps(change[second], ensure_ascii=False)
            lines.append(f"  {change['path']}: {before} -> {after}  ({change['set_in']})")
    lines.append(
        f"{len(document[f'only_in_{first}'])} only in {first}, {len(document[f'only_in_{second}'])} only in "
        f"{second}, {len(document['changed'])} document(s) with different values"
    )
    click.echo("\n".join(lines))
