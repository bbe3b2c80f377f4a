"""The load and check steps of every command: load, type, index and link the manifests (every problem in
one pass), then run each registered check once — offline for `validate`, with the live org at plan."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Finding, Severity, sort_findings
from reconciler.finding_cap import cap_findings
from reconciler.graph import DependencyGraph, link
from reconciler.manifest.entry_files import check_entry_files
from reconciler.manifest.lookalike_names import lookalike_findings
from reconciler.manifest.manifest_set import ManifestSet, build_manifest_set
from reconciler.manifest.models.call_purpose import DEFAULT_PURPOSE
from reconciler.manifest.previous_names import previous_name_findings
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import ExpansionBudget
from reconciler.policy import registered
from reconciler.policy.called_parties import Reach, as_reach
from reconciler.policy.context import DEFAULT_JURISDICTIONS, CheckContext
from reconciler.policy.jurisdiction_codes import project_jurisdiction_findings, unknown_jurisdiction_findings
from reconciler.policy.registry import run_checks
from reconciler.policy.severity import apply_policy
from reconciler.state.objects import LiveObject
from reconciler.target_manifests import TargetShape, effective_documents, project_root


@dataclass(frozen=True)
class ValidationResult:
    """The typed, linked manifests and their findings: the load step's alone (load_manifests), or with
    every check's from the manifests alone (validate_paths)."""

    manifests: ManifestSet
    graph: DependencyGraph
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    documents: int = 0
    digest: str = ""
    skipped: int = 0
    """Documents of another platform than the target's, left out of its effective manifests."""
    target: str | None = None
    """The target whose effective manifests these are (None: the documents as written)."""
    roots: tuple[Path, ...] = ()
    """The folders and files read: the manifests, and the target's overlays."""

    @property
    def errors(self) -> int:
        return counted_errors(self.findings)


def counted_errors(findings: Iterable[Finding]) -> int:
    """Error findings that count (allowed ones do not; a capped line counts for those it stands for)."""
    return sum(
        item.weight for item in findings if item.severity == Severity.ERROR and item.suppressed is None
    )


def _default(project: ProjectFile, target: str | None, key: str) -> Any:
    """A compliance default of documents that declare none: the target's when its compliance section
    sets `key`, else the project's (each key on its own: a target setting only `purpose` keeps the
    project's jurisdictions)."""
    chosen = project.targets.get(target) if target is not None else None
    own = chosen.compliance if chosen is not None else None
    return getattr(own if own is not None and key in own.model_fields_set else project.compliance, key)


def default_jurisdictions(project: ProjectFile | None, target: str | None = None) -> tuple[str, ...]:
    """The jurisdictions of documents that name none: the target's own, else the project's."""
    if project is None:
        return DEFAULT_JURISDICTIONS
    return tuple(_default(project, target, "jurisdictions")) or DEFAULT_JURISDICTIONS


def default_reach(project: ProjectFile | None, target: str | None = None) -> Reach:
    """The reach of documents that name none: the target's compliance section's, else the project's."""
    return () if project is None else as_reach(_default(project, target, "reach"))


def default_calling(project: ProjectFile | None, target: str | None = None) -> tuple[str, str | None]:
    """The purpose and technology of documents that declare none: each the target's own when its
    compliance section sets it, else the project's (technology None: inferred from the dialing, else live)."""
    if project is None:
        return DEFAULT_PURPOSE, None
    return _default(project, target, "purpose"), _default(project, target, "technology")


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


def load_manifests(
    paths: Iterable[Path],
    *,
    missing_ref_severity: Severity = Severity.WARNING,
    project: ProjectFile | None = None,
    target: str | None = None,
    platform: str | None = None,
) -> ValidationResult:
    """Load, type, index and link the manifests under `paths`: their problems, but no check has run yet.

    With a `target`, its effective manifests: the documents of its platform with its overlays and
    variables applied (reconciler.target_manifests); with only a `platform`, that platform's documents."""
    paths = list(paths)
    limits = (project or ProjectFile()).limits
    shape = shape_of(project, target, platform)
    effective = effective_documents(paths, shape, budget=ExpansionBudget(limits.yaml_values))
    loaded = effective.loaded
    roots = (*paths, *(shape.overlays if shape is not None else ()))
    resources, typing_findings = type_documents(loaded.documents)
    manifests, duplicate_findings = build_manifest_set(resources)
    graph, link_findings = link(manifests, missing_severity=missing_ref_severity)
    file_findings = [
        *check_entry_files(manifests.values(), roots),
        *previous_name_findings(manifests),
        *unknown_jurisdiction_findings(manifests.values()),
        *project_jurisdiction_findings(project),
    ]
    lookalikes = apply_policy(
        lookalike_findings(manifests), overrides=overrides_of(project), manifests=manifests
    )
    return ValidationResult(
        manifests=manifests,
        graph=graph,
        findings=[
            *loaded.findings,
            *typing_findings,
            *duplicate_findings,
            *link_findings,
            *file_findings,
            *lookalikes,
        ],
        files=loaded.files,
        documents=len(loaded.documents),
        digest=manifest_digest(Path(name) for name in loaded.files),
        skipped=effective.skipped,
        target=target if shape is not None and shape.target is not None else None,
        roots=roots,
    )


def check_context(
    validation: ValidationResult,
    *,
    project: ProjectFile | None,
    roots: Iterable[Path],
    live: dict[str, LiveObject] | None = None,
    platform: str | None = None,
) -> CheckContext:
    """What the checks see: offline (no `live`, every platform) or the live org of a target; the roots
    are `roots` and the target's overlays."""
    project = project or ProjectFile()
    purpose, technology = default_calling(project, validation.target)
    return CheckContext(
        manifests=validation.manifests,
        default_jurisdictions=default_jurisdictions(project, validation.target),
        default_reach=default_reach(project, validation.target),
        default_purpose=purpose,
        default_technology=technology,
        live=live or {},
        platform=platform,
        roots=tuple(dict.fromkeys((*roots, *validation.roots))),
        max_shrink_percent=project.dnc.max_shrink_percent,
        dnc_baseline=project.dnc.baseline(),
        findings_per_code=project.limits.findings_per_code,
    )


def check_findings(context: CheckContext, *, project: ProjectFile | None) -> list[Finding]:
    """Every registered check, run once over `context`, with the project's policy applied."""
    return apply_policy(
        run_checks(context, registered.CHECKS), overrides=overrides_of(project), manifests=context.manifests
    )


def checked_offline(
    validation: ValidationResult, *, project: ProjectFile | None, roots: Iterable[Path]
) -> ValidationResult:
    """The loaded manifests' problems and every check's findings from the manifests alone, in reading
    order and bounded per code: what `validate` reports (and plan, when the manifests are incomplete)."""
    context = check_context(validation, project=project, roots=roots)
    findings = [*validation.findings, *check_findings(context, project=project)]
    limit = (project or ProjectFile()).limits.findings_per_code
    return replace(validation, findings=cap_findings(sort_findings(findings), limit))


def validate_paths(
    paths: Iterable[Path],
    *,
    missing_ref_severity: Severity = Severity.WARNING,
    project: ProjectFile | None = None,
    target: str | None = None,
    platform: str | None = None,
) -> ValidationResult:
    """Run every offline check over the manifests under `paths` (a target's effective manifests, with
    `target`): structure, references, and the compliance checks as far as the manifests alone decide
    them (with the project's policy applied)."""
    paths = list(paths)
    loaded = load_manifests(
        paths, missing_ref_severity=missing_ref_severity, project=project, target=target, platform=platform
    )
    return checked_offline(loaded, project=project, roots=paths)
