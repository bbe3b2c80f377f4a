"""A target's effective manifests: the base documents of its platform with its overlays and variables applied.

A run uses one target, and a target one platform: documents of another platform are not part of its
effective manifests (they are counted as skipped, and `validate` checks them under their own targets).
Overlays apply first, in the order the target lists them, then `${vars.NAME}` is replaced in the result,
so an overlay may use variables too. A variable the target defines and no document uses is an error at
its line in reconciler.yaml: a misspelt name would otherwise leave the value it was meant to set alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reconciler.config import ProjectFile, Target, VarValue
from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.kinds import PLATFORM_OF_API_VERSION
from reconciler.manifest.loader import LoadResult, load_paths
from reconciler.manifest.overlays import apply_overlays
from reconciler.manifest.variables import substitute
from reconciler.manifest.yaml_reader import ExpansionBudget, YamlDocument


@dataclass(frozen=True)
class TargetShape:
    """What makes a target's manifests its own: its name, platform, overlays and variables."""

    name: str
    platform: str
    overlays: tuple[Path, ...] = ()
    values: Mapping[str, VarValue] = field(default_factory=dict)
    target: Target | None = None

    @classmethod
    def of(cls, name: str, target: Target, root: Path) -> TargetShape:
        return cls(name, target.platform, tuple(target.overlay_paths(root)), dict(target.vars), target)


def project_root(project: ProjectFile | None) -> Path:
    """The folder of reconciler.yaml (overlay paths are relative to it), else the working directory."""
    source = project.source if project is not None else None
    return source.parent if source is not None else Path.cwd()


def platform_of(doc: YamlDocument) -> str | None:
    """The platform a document's apiVersion names; None when it names none (typing reports it)."""
    data = doc.data
    version = data.get("apiVersion") if isinstance(data, dict) else None
    return PLATFORM_OF_API_VERSION.get(version) if isinstance(version, str) else None


@dataclass
class Effective:
    """A target's documents, the files they came from, and what was left out."""

    loaded: LoadResult
    skipped: int = 0
    overlay_files: list[str] = field(default_factory=list)


def _unused(shape: TargetShape, used: set[str]) -> list[Finding]:
    return [
        finding(
            Code.SCHEMA,
            f"variable '{name}' of target '{shape.name}' is used by no manifest (misspelt, or left over?)",
            source=shape.target.where_of_var(name) if shape.target is not None else None,
        )
        for name in shape.values
        if name not in used
    ]


def effective_documents(
    paths: Iterable[Path], shape: TargetShape | None, *, budget: ExpansionBudget | None = None
) -> Effective:
    """The documents `shape`'s target plans with (every document, as loaded, when there is no target)."""
    budget = budget if budget is not None else ExpansionBudget()
    base = load_paths(paths, budget=budget)
    if shape is None:  # no target: a variable reference has no value, which substitute reports
        documents, _, variable_findings = substitute(base.documents, {})
        return Effective(LoadResult(documents, [*base.findings, *variable_findings], base.files))
    mine = [doc for doc in base.documents if platform_of(doc) in (shape.platform, None)]
    overlay = load_paths(shape.overlays, budget=budget) if shape.overlays else LoadResult()
    patches = [doc for doc in overlay.documents if platform_of(doc) in (shape.platform, None)]
    theirs = [doc for doc in overlay.documents if platform_of(doc) not in (shape.platform, None)]
    wrong_platform = [
        finding(
            Code.SCHEMA,
            f"an overlay of target '{shape.name}' ({shape.platform}) cannot hold {platform_of(doc)} documents",
            source=doc.source_of(("apiVersion",)),
        )
        for doc in theirs
    ]
    patched, overlay_findings = apply_overlays(mine, patches)
    documents, used, variable_findings = substitute(patched, shape.values)
    findings = [
        *base.findings,
        *overlay.findings,
        *wrong_platform,
        *overlay_findings,
        *variable_findings,
        *_unused(shape, used),
    ]
    loaded = LoadResult(documents=documents, findings=findings, files=[*base.files, *overlay.files])
    return Effective(loaded, skipped=len(base.documents) - len(mine), overlay_files=overlay.files)
