"""Regenerate reconciler/manifest/api_field_docs.json: each platform field's description from the API data.

Genesys: the definitions of reconciler/emulator/genesys/models.json (from the official SDK,
purecloudplatformclientv2). CXone: the Admin API specification files under
tests/fixtures/cxone-admin-spec/. Run `python scripts/update_field_docs.py`, then `reconciler schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reconciler" / "manifest" / "api_field_docs.json"


def _collect(name: str, definition: dict[str, Any], docs: dict[str, dict[str, str]]) -> None:
    """Descriptions of `definition`'s properties under `name`; nested objects under `name.property`."""
    properties = definition.get("properties") or {}
    items = definition.get("items")
    if isinstance(items, dict):
        _collect(name, items, docs)
    for prop, value in sorted(properties.items()):
        if not isinstance(value, dict):
            continue
        if value.get("description"):
            docs.setdefault(name, {})[prop] = " ".join(str(value["description"]).split())
        if value.get("properties") or isinstance(value.get("items"), dict):
            _collect(f"{name}.{prop}", value, docs)


def _docs(definitions: dict[str, Any]) -> dict[str, dict[str, str]]:
    docs: dict[str, dict[str, str]] = {}
    for name, definition in sorted(definitions.items()):
        if isinstance(definition, dict):
            _collect(name, definition, docs)
    return docs


def _schemas_anywhere(node: Any, path: str, found: dict[str, Any]) -> None:
    """Every object schema in a specification file (request and response bodies included), by its path."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found[path] = node
        for key, value in node.items():
            if key != "properties":
                _schemas_anywhere(value, f"{path}.{key}" if path else str(key), found)
    elif isinstance(node, list):
        for item in node:
            _schemas_anywhere(item, path, found)


def build() -> dict[str, Any]:
    genesys = json.loads((ROOT / "reconciler" / "emulator" / "genesys" / "models.json").read_text())
    cxone: dict[str, Any] = {}
    for path in sorted((ROOT / "tests" / "fixtures" / "cxone-admin-spec").glob("*.json")):
        _schemas_anywhere(json.loads(path.read_text()), path.stem, cxone)
    return {
        "sources": {
            "genesys": "purecloudplatformclientv2 model definitions (reconciler/emulator/genesys/models.json)",
            "cxone": "NICE CXone Admin API specification (Skills, Lists, General)",
        },
        "genesys": _docs(genesys["definitions"]),
        "cxone": _docs(cxone),
    }


def used(docs: dict[str, Any]) -> dict[str, Any]:
    """Only the Genesys definitions a manifest model can take its descriptions from (the SDK has
    hundreds); CXone's bodies are kept whole, since its fields are matched across them."""
    from reconciler.manifest.field_docs import candidate_definitions, model_fields
    from reconciler.manifest.kinds import KINDS

    wanted = {
        candidate
        for info in KINDS.values()
        if info.platform == "genesys"
        for model in model_fields(info.document)
        for candidate in candidate_definitions("genesys", model, info.kind)
    }
    return {**docs, "genesys": {name: fields for name, fields in docs["genesys"].items() if name in wanted}}


def main() -> None:
    OUT.write_text(json.dumps(used(build()), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
