"""JSON Schemas of the manifest kinds, generated from the pydantic models (editor completion, CI checks).

No schema carries an `$id`: a relative one (`index.json`) would be resolved against the checker's
working directory, so `index.json`'s `$ref: genesys.Campaign.json` would only be found from inside
`schemas/`. Without `$id`, references resolve against the schema file's own location, from anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler.manifest.field_docs import add_descriptions
from reconciler.manifest.kinds import KINDS, KindInfo

DIALECT = "https://json-schema.org/draft/2020-12/schema"
INDEX = "index.json"


def schema_file_name(info: KindInfo) -> str:
    return f"{info.platform}.{info.kind}.json"


def kind_schema(info: KindInfo) -> dict[str, Any]:
    schema = info.document.model_json_schema(by_alias=True, mode="validation")
    schema = {"$schema": DIALECT, **schema}
    schema["title"] = f"{info.api_version} {info.kind}"
    if info.definition.description:
        schema["description"] = info.definition.description
    return add_descriptions(schema, platform=info.platform, kind=info.kind, document=info.document)


def index_schema() -> dict[str, Any]:
    """One schema for any manifest document: dispatches on apiVersion and kind."""
    infos = sorted(KINDS.values(), key=lambda info: (info.platform, info.kind))
    return {
        "$schema": DIALECT,
        "title": "reconciler manifest",
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "apiVersion": {
                "enum": sorted({info.api_version for info in infos}),
                "description": "The platform group: genesys/v1 (Genesys Cloud) or cxone/v1 (NICE CXone).",
            },
            "kind": {
                "enum": sorted({info.kind for info in infos}),
                "description": "The kind of object; with apiVersion it selects the schema of the document.",
            },
        },
        "allOf": [
            {
                "if": {
                    "properties": {"apiVersion": {"const": info.api_version}, "kind": {"const": info.kind}},
                    "required": ["apiVersion", "kind"],
                },
                "then": {"$ref": schema_file_name(info)},
            }
            for info in infos
        ],
    }


def generate_schemas() -> dict[str, dict[str, Any]]:
    schemas = {schema_file_name(info): kind_schema(info) for info in KINDS.values()}
    schemas[INDEX] = index_schema()
    return dict(sorted(schemas.items()))


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema; remove stale kind schemas this generation no longer produces."""
    folder.mkdir(parents=True, exist_ok=True)
    schemas = generate_schemas()
    written = []
    for name, schema in schemas.items():
        path = folder / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    for stale in folder.glob("*.json"):
        if stale.name not in schemas and (
            stale.name.startswith(("genesys.", "cxone.")) or stale.name == INDEX
        ):
            stale.unlink()
    return written
