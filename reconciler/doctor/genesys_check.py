"""The Genesys reads the tool makes (one page of each listing, each singleton, each lookup), each answer
compared with the response model of its operation in the model data generated from the official SDK
(reconciler/emulator/genesys/models.json, scripts/update_genesys_models.py)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from reconciler.doctor.report import Difference
from reconciler.doctor.schema_check import differences
from reconciler.exceptions import PlatformError
from reconciler.providers.genesys.kinds import KINDS, LOOKUPS, SCOPES
from reconciler.providers.http import ApiClient
from reconciler.redaction import redact


@cache
def _models() -> dict[str, Any]:
    text = resources.files("reconciler.emulator.genesys").joinpath("models.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def response_schema(path: str) -> dict[str, Any] | None:
    """The JSON schema of the GET answer of `path` (a literal listing path), or None if it has no model."""
    for operation in _models()["operations"]:
        if operation["method"] == "GET" and operation["path"] == path and operation.get("response"):
            return {"definitions": _models()["definitions"], **_schema_of(operation["response"])}
    return None


def _schema_of(type_name: str) -> dict[str, Any]:
    inner = re.fullmatch(r"list\[(.+)\]", type_name)
    if inner:
        return {"type": "array", "items": _schema_of(inner.group(1))}
    return {"$ref": f"#/definitions/{type_name}"}


def _reads() -> list[tuple[str, dict[str, str]]]:
    listed = [(kind.path, {"pageSize": "1"} if kind.listing == "paged" else {}) for kind in KINDS.values()]
    # a scoped lookup (responses) is listed per object of its scope only: its listing alone answers 400
    looked_up = [path for kind, path in LOOKUPS.items() if kind not in SCOPES]
    return [*listed, *((path, {"pageSize": "1"}) for path in looked_up)]


async def check_genesys(client: ApiClient) -> tuple[list[str], list[Difference], list[str]]:
    """(reads made, differences, notes)."""
    reads: list[str] = []
    found: list[Difference] = []
    notes: list[str] = []
    for path, params in _reads():
        read = f"GET {path}"
        reads.append(read)
        schema = response_schema(path)
        try:
            response = await client.request("GET", path, params=params)
        except PlatformError as exc:
            found.append(Difference(read, "(answer)", redact(str(exc))))
            continue
        if schema is None:
            notes.append(f"{read}: no response model to compare with")
        elif response.content:
            found.extend(differences(read, schema, response.json()))
    return reads, found, notes
