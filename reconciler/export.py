"""Export: canonical manifests written from a live org (ARCHITECTURE.md §9).

Every live object becomes a manifest document whose spec is its essence — references as names,
read-only fields already dropped by the conversion — minus empty values and the platform defaults
its KindSpec lists (export_defaults). Documents are grouped one file per kind, sorted by name, so exporting twice
gives the same files and a following plan shows no changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from reconciler.kinds.registry import KIND_SPECS
from reconciler.manifest.kinds import KINDS
from reconciler.manifest.models.base import API_VERSIONS
from reconciler.manifest.yaml_reader import resolve_plain
from reconciler.state.convert import default_references
from reconciler.state.names import NameIndex
from reconciler.state.objects import LiveObject


def _prune_empty(value: Any) -> Any:
    """`value` without empty values; a mapping that holds only empty mappings keeps them, as an empty
    settings block can be all that says what an item is (a digital rule's `do_not_send_action_settings: {}`)."""
    if isinstance(value, dict):
        cleaned = {key: _prune_empty(item) for key, item in value.items()}
        kept = {key: item for key, item in cleaned.items() if item not in (None, [], {})}
        return kept or {key: item for key, item in cleaned.items() if item == {}}
    if isinstance(value, list):
        return [_prune_empty(item) for item in value]
    return value


def canonical_spec(obj: LiveObject, index: NameIndex | None = None) -> dict[str, Any]:
    """The live essence as a manifest spec; with the org's `index`, a reference equal to what the platform
    fills in when it is left out (the home division) is left out too."""
    spec: dict[str, Any] = _prune_empty(dict(obj.essence))
    rules = KIND_SPECS[(obj.platform, obj.kind)]
    for field in rules.export_omits:
        spec.pop(field, None)
    implied = {} if index is None else default_references(KINDS[(obj.platform, obj.kind)].spec, index)
    for field, default in {**rules.export_defaults, **implied}.items():
        if spec.get(field) == default:
            del spec[field]
    state = rules.run_state
    if state is not None and state.exported and spec.get(state.field) not in (None, state.on, state.off):
        spec[state.field] = state.off  # only on and off can be declared; complete, stopping ... read as off
    return spec


def manifest_document(obj: LiveObject, index: NameIndex | None = None) -> dict[str, Any]:
    return {
        "apiVersion": API_VERSIONS[obj.platform],
        "kind": obj.kind,
        "metadata": {"name": obj.name},
        "spec": canonical_spec(obj, index),
    }


def kind_file_name(kind: str) -> str:
    """`CampaignRule` -> `campaign-rule.yaml`: one file per kind, as export and render write them."""
    snake = "".join(f"-{ch.lower()}" if ch.isupper() else ch for ch in kind).lstrip("-")
    return f"{snake}.yaml"


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string the project's YAML 1.2 reader would type otherwise.

    PyYAML quotes by YAML 1.1 rules, under which `1e5` or `0o17` are strings; our reader (yaml_reader)
    follows the 1.2 core schema and would read them as numbers, so export quotes them itself.
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    retyped = not isinstance(resolve_plain(value), str)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if retyped else None)


_Dumper.add_representer(str, _represent_str)


EXPORT_HEADER = "# Exported by `reconciler export`; edit freely, then `reconciler plan`.\n"


def render_documents(documents: Iterable[dict[str, Any]], *, header: str = EXPORT_HEADER) -> str:
    body = "---\n".join(
        yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
        for document in documents
    )
    return header + body


def problems_of(document: dict[str, Any]) -> list[str]:
    """Why an exported document would not validate (a live value the manifest models refuse)."""
    info = KINDS[(API_VERSIONS_REVERSE[document["apiVersion"]], document["kind"])]
    try:
        info.document.model_validate(document)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


API_VERSIONS_REVERSE = {version: platform for platform, version in API_VERSIONS.items()}


def write_export(
    objects: Iterable[LiveObject], out: Path, *, kinds: set[str] | None = None, index: NameIndex | None = None
) -> tuple[list[Path], list[str]]:
    """Write one file per kind under out/<platform>/; return the files and any objects left out (why).

    `index` is the org's name index as read with the objects (it knows the home division)."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    skipped: list[str] = []
    for obj in sorted(objects, key=lambda item: (item.platform, item.kind, item.name)):
        if kinds is not None and obj.kind not in kinds:
            continue
        document = manifest_document(obj, index)
        problems = problems_of(document)
        if problems:
            skipped.append(f"{obj.address}: {'; '.join(problems[:3])}")
            continue
        grouped[(obj.platform, obj.kind)].append(document)
    written = []
    for (platform, kind), documents in sorted(grouped.items()):
        path = out / platform / kind_file_name(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_documents(documents), encoding="utf-8")
        written.append(path)
    return written, skipped
