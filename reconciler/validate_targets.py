"""`validate` over a project's targets: each target's effective manifests checked, the findings merged.

Each target is checked with its own overlays, variables and jurisdictions; documents of a platform no
target uses are checked as written (a variable reference there has no value, so it is an error). A
finding every run reports is listed once; one that only some targets have names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reconciler.config import ProjectFile
from reconciler.diagnostics import Finding, sort_findings
from reconciler.manifest.kinds import PLATFORM_OF_API_VERSION
from reconciler.manifest.loader import load_paths
from reconciler.target_manifests import platform_of
from reconciler.validation import ValidationResult, counted_errors, validate_paths


@dataclass(frozen=True)
class TargetsValidation:
    """The merged result of validating several targets."""

    findings: list[Finding]
    files: list[str]
    documents: int
    targets: tuple[str, ...]

    @property
    def errors(self) -> int:
        return counted_errors(self.findings)


def _key(item: Finding) -> tuple[object, ...]:
    return (item.code, item.severity, item.message, item.address, item.source, item.suppressed, item.omitted)


@dataclass(frozen=True)
class Run:
    """One target's validation (or, with no target, one platform's documents as written)."""

    name: str
    platform: str
    result: ValidationResult


def merge_runs(runs: Sequence[Run]) -> TargetsValidation:
    """One list of findings in reading order, the lines standing for findings left out last (as a single
    run lists them): shared ones once; one that only some targets of a platform report names them (the
    others see the document differently: an overlay, a variable, their jurisdictions)."""
    seen: dict[tuple[object, ...], tuple[Finding, list[Run]]] = {}
    for run in runs:
        for item in run.result.findings:
            seen.setdefault(_key(item), (item, []))[1].append(run)
    findings = []
    for item, reporting in seen.values():
        platforms = {run.platform for run in reporting}
        peers = [run for run in runs if run.platform in platforms]
        if len(reporting) < len(peers):
            item = replace(
                item, message=f"{item.message} [target: {', '.join(run.name for run in reporting)}]"
            )
        findings.append(item)
    files = sorted({file for run in runs for file in run.result.files})
    most: dict[str, int] = {}  # documents per platform: the most any of its targets read (overlays add some)
    for run in runs:
        most[run.platform] = max(most.get(run.platform, 0), run.result.documents)
    documents = sum(most.values())
    ordered = [
        *sort_findings(item for item in findings if not item.omitted),
        *(f for f in findings if f.omitted),
    ]
    return TargetsValidation(ordered, files, documents, tuple(run.name for run in runs))


def _untargeted_platforms(project: ProjectFile, paths: list[Path], names: Sequence[str]) -> list[str]:
    covered = {project.targets[name].platform for name in names}
    if covered >= set(PLATFORM_OF_API_VERSION.values()):
        return []
    present = {platform_of(doc) for doc in load_paths(paths).documents}
    return sorted(str(platform) for platform in present - covered if platform is not None)


def validate_targets(paths: list[Path], project: ProjectFile, names: Sequence[str]) -> TargetsValidation:
    """Validate `paths` as each of `names` sees them, and the documents of platforms none of them uses."""
    runs = [
        Run(name, project.targets[name].platform, validate_paths(paths, project=project, target=name))
        for name in names
    ]
    for platform in _untargeted_platforms(project, paths, names):
        result = validate_paths(paths, project=project, platform=platform)
        runs.append(Run(f"(no {platform} target)", platform, result))
    return merge_runs(runs)
