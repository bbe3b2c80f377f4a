"""Offline validation: load, type, index and link manifests, collecting every problem in one pass."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Finding, Severity, sort_findings
from reconciler.finding_cap import cap_findings
from reconciler.graph import DependencyGraph, link
from reconciler.manifest.entry_files import check_entry_files
from reconciler.manifest.lookalike_names import lookalike_findings
from reconciler.manifest.manifest_set import ManifestSet, build_manifest_set
from reconciler.manifest.previous_names import previous_name_findings
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import ExpansionBudget
from reconciler.policy.context import DEFAULT_JURISDICTIONS, CheckContext
from reconciler.policy.registry import run_checks
from reconciler.policy.severity import apply_policy
from reconciler.target_manifests import TargetShape, effective_documents, project_root


@dataclass(frozen=True)
class ValidationResult:
    manifests: ManifestSet
    graph: DependencyGraph
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    documents: int = 0
    digest: str = ""
    skipped: int = 0
    """Documents of another platform than the target's, left out of its effective manifests."""

    @property
    def errors(self) -> int:
        return counted_errors(self.findings)


def counted_errors(findings: Iterable[Finding]) -> int:
    """Error findings that count (allowed ones do not; a capped line counts for those it stands for)."""
    return sum(
        item.weight for item in findings if item.severity == Severity.ERROR and item.suppressed is None
    )


def default_jurisdictions(project: ProjectFile | None, target: str | None = None) -> tuple[str, ...]:
    """The jurisdictions of documents that name none: the target's own, else the project's."""
    if project is None:
        return DEFAULT_JURISDICTIONS
    chosen = project.targets.get(target) if target is not None else None
    compliance = (
        chosen.compliance if chosen is not None and chosen.compliance is not None else project.compliance
    )
    return tuple(compliance.jurisdictions) or DEFAULT_JURISDICTIONS


def shape_of(
    project: ProjectFile | None, target: str | None, platform: str | None = None
) -> TargetShape | None:
    """What shapes `target`'s manifests (overlays, vars); with only a `platform`, its documents as written;
    None (every document as written) otherwise."""
    if project is not None and target is not None and target in project.targets:
        return TargetShape.of(target, project.targets[target], project_root(project))
    return TargetShape(f"(no {platform} target)", platform) if platform is not None else None


def overrides_of(project: ProjectFile | None) -> dict[Code, str]:
    return {} if project is None else dict(project.policy)


def manifest_digest(paths: Iterable[Path]) -> str:
    """sha256 over the sorted (path, content) of every manifest file: a saved plan's identity check."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=str):
        digest.update(str(path).encode())
        digest.update(b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:  # unreadable (a symlink loop): already a SCHEMA error, which no apply gets past
            digest.update(b"\1unreadable")
        digest.update(b"\0")
    return f"sha256:{digest.hexdigest()}"


def validate_paths(
    paths: Iterable[Path],
    *,
    missing_ref_severity: Severity = Severity.WARNING,
    project: ProjectFile | None = None,
    target: str | None = None,
    platform: str | None = None,
) -> ValidationResult:
    """Run every offline check over the manifests under `paths`: structure, references, and the
    compliance checks as far as the manifests alone decide them (with the project's policy applied).

    With a `target`, its effective manifests: the documents of its platform with its overlays and
    variables applied (reconciler.target_manifests); with only a `platform`, the documents of that platform."""
    paths = list(paths)
    limits = (project or ProjectFile()).limits
    shape = shape_of(project, target, platform)
    effective = effective_documents(paths, shape, budget=ExpansionBudget(limits.yaml_values))
    loaded = effective.loaded
    roots = [*paths, *(shape.overlays if shape is not None else ())]
    resources, typing_findings = type_documents(loaded.documents)
    manifests, duplicate_findings = build_manifest_set(resources)
    graph, link_findings = link(manifests, missing_severity=missing_ref_severity)
    file_findings = [*check_entry_files(manifests.values(), roots), *previous_name_findings(manifests)]
    context = CheckContext(
        manifests=manifests,
        default_jurisdictions=default_jurisdictions(project, target),
        roots=tuple(roots),
        max_shrink_percent=(project or ProjectFile()).dnc.max_shrink_percent,
        dnc_baseline=(project or ProjectFile()).dnc.baseline(),
        findings_per_code=limits.findings_per_code,
    )
    checked = apply_policy(
        [*run_checks(context), *lookalike_findings(manifests)],
        overrides=overrides_of(project),
        manifests=manifests,
    )
    findings = cap_findings(
        sort_findings(
            [
                *loaded.findings,
                *typing_findings,
                *duplicate_findings,
                *link_findings,
                *file_findings,
                *checked,
            ]
        ),
        limits.findings_per_code,
    )
    return ValidationResult(
        manifests=manifests,
        graph=graph,
        findings=findings,
        files=loaded.files,
        documents=len(loaded.documents),
        digest=manifest_digest(Path(name) for name in loaded.files),
        skipped=effective.skipped,
    )
