"""Offline validation: load, type, index and link manifests, collecting every problem in one pass."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reconciler.diagnostics import Finding, Severity, sort_findings
from reconciler.graph import DependencyGraph, link
from reconciler.manifest.entry_files import check_entry_files
from reconciler.manifest.loader import load_paths
from reconciler.manifest.manifest_set import ManifestSet, build_manifest_set
from reconciler.manifest.typing import type_documents


@dataclass(frozen=True)
class ValidationResult:
    manifests: ManifestSet
    graph: DependencyGraph
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    documents: int = 0
    digest: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for item in self.findings if item.severity == Severity.ERROR)


def manifest_digest(paths: Iterable[Path]) -> str:
    """sha256 over the sorted (path, content) of every manifest file: a saved plan's identity check."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=str):
        digest.update(str(path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"sha256:{digest.hexdigest()}"


def validate_paths(
    paths: Iterable[Path], *, missing_ref_severity: Severity = Severity.WARNING
) -> ValidationResult:
    """Run every offline check over the manifests under `paths`."""
    paths = list(paths)
    loaded = load_paths(paths)
    resources, typing_findings = type_documents(loaded.documents)
    manifests, duplicate_findings = build_manifest_set(resources)
    graph, link_findings = link(manifests, missing_severity=missing_ref_severity)
    file_findings = check_entry_files(manifests.values(), paths)
    findings = sort_findings(
        [*loaded.findings, *typing_findings, *duplicate_findings, *link_findings, *file_findings]
    )
    return ValidationResult(
        manifests=manifests,
        graph=graph,
        findings=findings,
        files=loaded.files,
        documents=len(loaded.documents),
        digest=manifest_digest(Path(name) for name in loaded.files),
    )
