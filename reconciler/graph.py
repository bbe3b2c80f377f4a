"""The dependency graph between desired objects: REF-MISSING, CYCLE and apply levels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.refs import RefUse, iter_refs
from reconciler.manifest.resource import address_of
from reconciler.manifest.typing import format_path


@dataclass(frozen=True)
class DependencyGraph:
    """`depends_on[a]` holds the addresses `a` references (they must exist before `a`)."""

    depends_on: Mapping[str, tuple[str, ...]]
    external_refs: Mapping[str, tuple[RefUse, ...]] = field(default_factory=dict)
    unresolved: Mapping[str, tuple[RefUse, ...]] = field(default_factory=dict)

    def levels(self) -> dict[str, int]:
        """Level 0 has no managed dependencies; every object sits one above its deepest dependency.

        Objects on a cycle are left out (a CYCLE finding already blocks them).
        """
        level: dict[str, int] = {}
        remaining = {node: set(deps) for node, deps in self.depends_on.items()}
        current = 0
        while remaining:
            ready = sorted(node for node, deps in remaining.items() if all(dep in level for dep in deps))
            if not ready:
                break
            for node in ready:
                level[node] = current
                del remaining[node]
            current += 1
        return level


def _strongly_connected(nodes: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (manifests can be large)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = nodes.get(node, ())
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _cycle_path(start: str, members: set[str], depends_on: Mapping[str, tuple[str, ...]]) -> list[str]:
    """One concrete cycle through `start`, for the message."""
    path = [start]
    seen = {start}
    node = start
    while True:
        nxt = next(dep for dep in depends_on[node] if dep in members)
        path.append(nxt)
        if nxt == start or nxt in seen:
            return path
        seen.add(nxt)
        node = nxt


def link(manifests: ManifestSet, *, missing_severity: Severity) -> tuple[DependencyGraph, list[Finding]]:
    """Build the graph; a reference to a managed kind that no manifest declares is REF-MISSING.

    `missing_severity` is a warning for offline validation (the live org may have it) and an error
    once the live org has been checked too.
    """
    depends_on: dict[str, tuple[str, ...]] = {}
    external: dict[str, tuple[RefUse, ...]] = {}
    unresolved: dict[str, tuple[RefUse, ...]] = {}
    findings: list[Finding] = []
    for address, resource in manifests.items():
        deps: list[str] = []
        outside: list[RefUse] = []
        missing: list[RefUse] = []
        for use in iter_refs(resource.document.spec, ("spec",)):
            if use.target.external:
                outside.append(use)
                continue
            target = address_of(resource.platform, use.target.kind, use.name)
            if target in manifests:
                if target not in deps:
                    deps.append(target)
                continue
            missing.append(use)
            findings.append(
                finding(
                    Code.REF_MISSING,
                    f"{format_path(use.path)} names {use.target.kind} '{use.name}', which no manifest declares",
                    address=address,
                    source=resource.location_of(use.path),
                    severity=missing_severity,
                )
            )
        depends_on[address] = tuple(deps)
        external[address] = tuple(outside)
        unresolved[address] = tuple(missing)
    for component in _strongly_connected(depends_on):
        if len(component) == 1 and component[0] not in depends_on[component[0]]:
            continue
        members = set(component)
        start = min(component)
        cycle = " -> ".join(_cycle_path(start, members, depends_on))
        resource = manifests[start]
        findings.append(
            finding(
                Code.CYCLE,
                f"references form a cycle: {cycle}",
                address=start,
                source=resource.source,
            )
        )
    return DependencyGraph(depends_on, external, unresolved), findings
