"""References checked against the live org: REF-MISSING becomes an error only when nothing has the name.

Offline, a reference to a managed kind that no manifest declares is a warning. Here the live org
decides: if it has an object of that kind and name, the reference is fine; otherwise it is an
error. External references (queues, scripts, flows ...) are checked the same way against the org's
lookups.
"""

from __future__ import annotations

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.graph import DependencyGraph
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.refs import RefUse
from reconciler.manifest.typing import format_path
from reconciler.state.names import NameIndex


def _missing(address: str, use: RefUse, manifests: ManifestSet, *, external: bool) -> Finding:
    where = "the live org has none" if external else "no manifest declares it and the live org has none"
    what = (
        f"the {use.target.kind} with id '{use.name}'"
        if use.target.by_id
        else f"{use.target.kind} '{use.name}'"
    )
    return finding(
        Code.REF_MISSING,
        f"{format_path(use.path)} names {what}: {where}",
        address=address,
        source=manifests[address].location_of(use.path),
        severity=Severity.ERROR,
    )


def _found(index: NameIndex, use: RefUse) -> bool:
    """The org has the object: by name, or by id for a reference written as an id."""
    if use.target.by_id:
        return index.name_of(use.target.kind, use.name) is not None
    return index.id_of(use.target.kind, use.name) is not None


def live_reference_findings(
    manifests: ManifestSet, graph: DependencyGraph, index: NameIndex, *, platform: str
) -> list[Finding]:
    """Errors for references that neither the manifests nor the live org can satisfy."""
    findings: list[Finding] = []
    for address, uses in graph.unresolved.items():
        if manifests[address].platform != platform:
            continue
        findings += [
            _missing(address, use, manifests, external=False)
            for use in uses
            if index.id_of(use.target.kind, use.name) is None
        ]
    for address, uses in graph.external_refs.items():
        if manifests[address].platform != platform:
            continue
        findings += [
            _missing(address, use, manifests, external=True)
            for use in uses
            if index.knows(use.target.kind) and not _found(index, use)
        ]
    return findings
