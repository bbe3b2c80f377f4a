"""A target's overlays: documents that patch, add to or remove from the base manifests.

An overlay document names a base document by apiVersion, kind and metadata.name, and by default patches
it: a JSON merge patch (RFC 7396) on `spec`, `compliance`, `metadata.labels` and
`metadata.annotations` (a key set to null is removed, an object merges key by key, anything else, lists
included, replaces the value). A patch naming no base document is an error rather than a new document,
so a misspelt name cannot create a campaign in production: a new document says so with the annotation
`reconciler/add: "true"`, and `reconciler/remove: "true"` takes a base document out. Overlays apply in
the order the target lists them; every value an overlay sets remembers its file and line, so findings
and plan lines point at the overlay that set it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.exceptions import Location
from reconciler.manifest.yaml_reader import LineTree, YamlDocument

ADD = "reconciler/add"
REMOVE = "reconciler/remove"
PATCHED = ("spec", "compliance", "metadata.labels", "metadata.annotations")
_TOP_KEYS = frozenset({"apiVersion", "kind", "metadata", "spec", "compliance"})
_METADATA_KEYS = frozenset({"name", "labels", "annotations"})

Identity = tuple[str, str, str]


def identity_of(doc: YamlDocument) -> Identity | None:
    """(apiVersion, kind, metadata.name) of a document, None when one of them is missing or not text."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    metadata = data.get("metadata")
    api_version, kind = data.get("apiVersion"), data.get("kind")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if isinstance(api_version, str) and isinstance(kind, str) and isinstance(name, str):
        return api_version, kind, name
    return None


def _shown(identity: Identity) -> str:
    return f"{identity[1]} '{identity[2]}' ({identity[0]})"


def _annotations(doc: YamlDocument) -> dict[str, Any]:
    metadata = doc.data.get("metadata")
    found = metadata.get("annotations") if isinstance(metadata, dict) else None
    return found if isinstance(found, dict) else {}


def _mode(doc: YamlDocument) -> tuple[str, Finding | None]:
    """'add', 'remove' or 'patch', from the overlay's control annotations."""
    annotations = _annotations(doc)
    marked = [key for key in (ADD, REMOVE) if key in annotations]
    for key in marked:
        if annotations[key] != "true":
            where = doc.source_of(("metadata", "annotations", key))
            return "patch", finding(Code.SCHEMA, f'{key} takes the text "true"', source=where)
    if len(marked) == 2:
        where = doc.source_of(("metadata", "annotations"))
        return "patch", finding(Code.SCHEMA, f"a document cannot be both {ADD} and {REMOVE}", source=where)
    return ("add" if marked == [ADD] else "remove" if marked == [REMOVE] else "patch"), None


def _without_controls(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without the overlay's control annotations (they are instructions, not annotations)."""
    metadata = data.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    if not isinstance(metadata, dict) or not isinstance(annotations, dict):
        return data
    kept = {key: value for key, value in annotations.items() if key not in (ADD, REMOVE)}
    trimmed = {key: value for key, value in metadata.items() if key != "annotations" or kept}
    if kept:
        trimmed["annotations"] = kept
    return {**data, "metadata": trimmed}


def _stray_keys(doc: YamlDocument, mode: str) -> list[Finding]:
    """A patch may set only PATCHED; a removal carries nothing but its identity and the annotation."""
    metadata = doc.data.get("metadata")
    strays: list[tuple[str, ...]] = [(key,) for key in doc.data if key not in _TOP_KEYS]
    if isinstance(metadata, dict):
        strays += [("metadata", key) for key in metadata if key not in _METADATA_KEYS]
    if mode == "remove":
        strays += [(key,) for key in ("spec", "compliance") if key in doc.data]
    allowed = (
        "nothing but apiVersion, kind, metadata.name and the annotation"
        if mode == "remove"
        else ("only " + ", ".join(PATCHED))
    )
    return [
        finding(
            Code.SCHEMA,
            f"an overlay's {'removal' if mode == 'remove' else 'patch'} sets {allowed}; "
            f"'{'.'.join(str(part) for part in path)}' is not one of them",
            source=doc.source_of(path),
        )
        for path in strays
    ]


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    return value


def merge_patch(
    value: Any, tree: LineTree | None, patch: Any, patch_tree: LineTree | None, file: str
) -> tuple[Any, LineTree | None]:
    """RFC 7396 merge of `patch` into `value`, with the line trees merged alike: what the patch sets
    carries its own line and `file`."""
    if not isinstance(patch, dict):
        return patch, patch_tree
    merged = dict(value) if isinstance(value, dict) else {}
    lines: LineTree = dict(tree or {}) if isinstance(value, dict) else {}
    for key, item in patch.items():
        entry = (patch_tree or {}).get(key, [0, None])
        if item is None:
            merged.pop(key, None)
            lines.pop(key, None)
        elif isinstance(item, dict) and isinstance(merged.get(key), dict):
            old = lines.get(key, [entry[0], None])
            merged[key], subtree = merge_patch(merged[key], old[1], item, entry[1], file)
            lines[key] = [old[0], subtree, *old[2:]]
        else:
            merged[key] = _without_nulls(item)
            lines[key] = [entry[0], entry[1], file]
    return merged, lines


def _patched(base: YamlDocument, overlay: YamlDocument) -> YamlDocument:
    patch = _without_controls(
        {key: overlay.data[key] for key in ("metadata", "spec", "compliance") if key in overlay.data}
    )
    data, lines = merge_patch(base.data, base.lines, patch, overlay.lines, overlay.file)
    return YamlDocument(base.file, base.line, data, lines or {})


def apply_overlays(
    base: Iterable[YamlDocument], overlays: Iterable[YamlDocument]
) -> tuple[list[YamlDocument], list[Finding]]:
    """The effective documents: `base` with every overlay document applied in order, and the problems."""
    effective: dict[Identity | int, YamlDocument] = {}
    for index, doc in enumerate(base):
        key = identity_of(doc)
        effective[key if key is not None and key not in effective else index] = doc  # typing reports the rest
    findings: list[Finding] = []
    for doc in overlays:
        key = identity_of(doc)
        if key is None:
            message = (
                "an overlay document needs apiVersion, kind and metadata.name (text) to say what it changes"
            )
            findings.append(finding(Code.SCHEMA, message, source=Location(doc.file, doc.line)))
            continue
        mode, problem = _mode(doc)
        problems = [problem] if problem is not None else _stray_keys(doc, mode)
        if not problems:
            problems = _apply(effective, key, doc, mode)
        findings.extend(problems)
    return list(effective.values()), findings


def _apply(
    effective: dict[Identity | int, YamlDocument], key: Identity, doc: YamlDocument, mode: str
) -> list[Finding]:
    here = Location(doc.file, doc.line)
    if mode == "add":
        if key in effective:
            first = effective[key]
            message = (
                f"{_shown(key)} is added by this overlay but already declared at {first.file}:{first.line}"
            )
            return [finding(Code.DUPLICATE, message, source=here)]
        effective[key] = YamlDocument(doc.file, doc.line, _without_controls(doc.data), doc.lines)
        return []
    if key not in effective:
        verb = "removes" if mode == "remove" else "patches"
        hint = "" if mode == "remove" else f' (a new document is annotated {ADD}: "true")'
        return [
            finding(Code.SCHEMA, f"{verb} {_shown(key)}, which no base document declares{hint}", source=here)
        ]
    if mode == "remove":
        del effective[key]
    else:
        effective[key] = _patched(effective[key], doc)
    return []
