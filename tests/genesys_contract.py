"""The Genesys request contract, from the generated API data (reconciler/emulator/genesys/api_data.py over
models.json, made from the official SDK by scripts/update_genesys_models.py), not from the manifest models.

`request_log()` is an httpx event hook (tests/request_log.py): it keeps every request a client sends, and
`problems()` checks each one
against its operation — the path and method exist, every query parameter is one the operation takes, and
the body matches the operation's body model strictly (no unknown fields at any depth, types, enums,
required fields).
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jsonschema import Draft4Validator

from reconciler.emulator.genesys.api_data import Operation, definitions, operations
from tests.request_log import Contract, RequestLog

API = "/api/v2/"


@cache
def closed_definitions() -> dict[str, Any]:
    """The API data's definitions with every model closed: a property the model does not declare is an error.

    A read-only property is never required of a request (OpenAPI: `readOnly` properties are sent in
    responses only): the typings list CampaignSequence.currentCampaign without `?`, yet
    MyPureCloud/terraform-provider-genesyscloud creates sequences without it
    (getOutboundSequenceFromResourceData, genesyscloud/outbound_sequence)."""
    closed = copy.deepcopy(definitions())
    for definition in closed.values():
        definition.setdefault("additionalProperties", False)
        properties = definition.get("properties", {})
        if "required" in definition:
            definition["required"] = [
                name for name in definition["required"] if not properties.get(name, {}).get("readOnly")
            ]
    return closed


def schema_of(type_name: str) -> dict[str, Any]:
    """`Campaign`, `list[str]`, `list[ContactListTemplate]` as a JSON schema over closed_definitions()."""
    inner = re.fullmatch(r"list\[(.+)\]", type_name)
    if inner:
        return {"type": "array", "items": schema_of(inner.group(1))}
    primitive = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
    if type_name in primitive:
        return {"type": primitive[type_name]}
    return {"$ref": f"#/definitions/{type_name}"}


@cache
def body_validator(type_name: str) -> Draft4Validator:
    return Draft4Validator({"definitions": closed_definitions(), **schema_of(type_name)})


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")


@cache
def _operations() -> tuple[tuple[re.Pattern[str], Operation], ...]:
    """(path pattern, operation); literal paths before templated ones."""
    ordered = sorted(operations(), key=lambda operation: operation.path.count("{"))
    return tuple((_pattern(operation.path), operation) for operation in ordered)


def operation_for(method: str, path: str) -> Operation | None:
    return next(
        (
            operation
            for pattern, operation in _operations()
            if operation.method == method and pattern.match(path)
        ),
        None,
    )


def request_problems(method: str, url: str, content: bytes) -> list[str]:
    """What a request breaks in its operation's contract (empty: it keeps it)."""
    parts = urlsplit(url)
    operation = operation_for(method, parts.path)
    where = f"{method} {parts.path}"
    if operation is None:
        return [f"{where}: no such operation in the API"]
    problems = []
    for name, _ in parse_qsl(parts.query, keep_blank_values=True):
        if name not in operation.query_parameters:
            problems.append(f"{where}: query parameter {name!r} is not one the operation takes")
    body_type = operation.request_body
    if body_type and content:
        body = json.loads(content)
        for error in body_validator(body_type).iter_errors(body):
            path = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"{where}: body {path or '(root)'}: {error.message}")
    elif content and not body_type:
        problems.append(f"{where}: the operation takes no body")
    return problems


GENESYS = Contract(covers=lambda path: path.startswith(API), problems=request_problems)
"""The Genesys request contract for tests.request_log.RequestLog: every request under /api/v2/."""


def request_log() -> RequestLog:
    """A request hook that keeps every Genesys API request, to check against the contract afterwards."""
    return RequestLog((GENESYS,))
