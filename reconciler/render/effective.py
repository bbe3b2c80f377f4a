"""A target's effective manifests as text: the canonical documents `render` writes and `diff-targets` compares."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reconciler.export import kind_file_name, render_documents
from reconciler.manifest.resource import Resource

SECTIONS = ("apiVersion", "kind", "metadata", "spec", "compliance")


def canonical_document(resource: Resource) -> dict[str, Any]:
    """The document as its target plans it (overlays and variables applied), in the canonical key order."""
    data = resource.raw.data
    return {key: data[key] for key in SECTIONS if key in data}


def header(target: str) -> str:
    return (
        f"# Rendered by `reconciler render --target {target}`: the manifests its plan compares (base,\n"
        "# overlays and variables applied). Edit the base or the overlay, not this file.\n"
    )


def _sorted(resources: Iterable[Resource]) -> list[Resource]:
    return sorted(resources, key=lambda item: (item.platform, item.kind, item.name))


def rendered_text(resources: Iterable[Resource], *, target: str) -> str:
    """Every document in one YAML stream, sorted by platform, kind and name."""
    return render_documents((canonical_document(item) for item in _sorted(resources)), header=header(target))


def write_rendered(resources: Iterable[Resource], out: Path, *, target: str) -> list[Path]:
    """One file per kind under out/<platform>/, as `export` lays them out; returns the files written."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for item in _sorted(resources):
        grouped[(item.platform, item.kind)].append(canonical_document(item))
    written: list[Path] = []
    for (platform, kind), documents in sorted(grouped.items()):
        path = out / platform / kind_file_name(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_documents(documents, header=header(target)), encoding="utf-8")
        written.append(path)
    return written


Difference = tuple[str, Any, Any]
"""(dotted path, value in the first target, value in the second); a missing side is MISSING."""
MISSING: Any = object()


def value_differences(first: Any, second: Any, path: str = "") -> Iterator[Difference]:
    """Where two documents' values differ, key by key inside mappings (lists compare whole)."""
    if isinstance(first, dict) and isinstance(second, dict):
        for key in [*first, *(key for key in second if key not in first)]:
            yield from value_differences(
                first.get(key, MISSING), second.get(key, MISSING), f"{path}.{key}" if path else str(key)
            )
    elif first != second:
        yield path, first, second
