"""Typing YAML documents into resources: envelope checks, pydantic validation, readable SCHEMA findings."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reconciler.diagnostics import Code, Finding, finding
from reconciler.exceptions import Location
from reconciler.manifest.kinds import KINDS, PLATFORM_OF_API_VERSION, KindInfo, kinds_of
from reconciler.manifest.name_characters import printable, refused_character
from reconciler.manifest.resource import Resource, address_of
from reconciler.manifest.yaml_reader import Path, YamlDocument


def format_path(path: Path) -> str:
    """('spec', 'phone_columns', 0, 'type') -> 'spec.phone_columns[0].type'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def data_path(data: Any, loc: tuple[int | str, ...]) -> Path:
    """Keep the parts of a pydantic error location that exist in the document (drops union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part] if isinstance(node, dict) else node[int(part)]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node and part == loc[-1]:
            path.append(part)  # a missing required field or an unknown key at the end
    return tuple(path)


def _model_at(model: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """Walk model field annotations along `path` to the model holding the last key."""
    current: Any = model
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        if (
            not (isinstance(current, type) and issubclass(current, BaseModel))
            or part not in current.model_fields
        ):
            return None
        current = _inner_model(current.model_fields[part].annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: ErrorDetails, path: Path, model: type[BaseModel]) -> str:
    where = format_path(path) or "document"
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        owner = _model_at(model, path)
        known = sorted(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{where}: unknown field '{key}'{hint}"
    if kind == "missing":
        return f"{where}: required field is missing"
    value = error.get("input")
    shown = (
        f" (got {value!r})"
        if isinstance(value, (str, int, float, bool))
        and len(repr(value)) < 80
        and not (isinstance(value, str) and refused_character(value))
        else ""
    )
    text = error["msg"].removeprefix("Value error, ")
    return f"{where}: {text}{shown}"


def _envelope(doc: YamlDocument) -> tuple[KindInfo | None, list[Finding]]:
    """Check the document is a mapping with a known apiVersion and kind."""
    here = Location(doc.file, doc.line)
    data = doc.data
    if not isinstance(data, dict):
        got = type(data).__name__ if not isinstance(data, str) else "plain text"
        message = f"document is {got}, not a manifest (a mapping with apiVersion, kind, metadata and spec)"
        return None, [finding(Code.SCHEMA, message, source=here)]
    api_version, kind = data.get("apiVersion"), data.get("kind")
    if api_version is None or kind is None:
        missing = " and ".join(k for k in ("apiVersion", "kind") if data.get(k) is None)
        return None, [finding(Code.SCHEMA, f"document has no {missing}", source=here)]
    platform = PLATFORM_OF_API_VERSION.get(api_version) if isinstance(api_version, str) else None
    if platform is None:
        known = ", ".join(sorted(PLATFORM_OF_API_VERSION))
        line = Location(doc.file, doc.line_of(("apiVersion",)))
        return None, [
            finding(Code.SCHEMA, f"unknown apiVersion {api_version!r} (known: {known})", source=line)
        ]
    info = KINDS.get((platform, kind)) if isinstance(kind, str) else None
    if info is None:
        choices = kinds_of(platform)
        close = difflib.get_close_matches(str(kind), choices, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(choices))})"
        line = Location(doc.file, doc.line_of(("kind",)))
        return None, [finding(Code.SCHEMA, f"unknown kind {kind!r} for {api_version}{hint}", source=line)]
    return info, []


def _address_hint(doc: YamlDocument, info: KindInfo) -> str | None:
    metadata = doc.data.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return address_of(info.platform, info.kind, printable(name)) if isinstance(name, str) else None


def type_document(doc: YamlDocument) -> tuple[Resource | None, list[Finding]]:
    info, problems = _envelope(doc)
    if info is None:
        return None, problems
    try:
        document = info.document.model_validate(doc.data)
    except ValidationError as exc:
        address = _address_hint(doc, info)
        findings = []
        for error in exc.errors():
            path = data_path(doc.data, error["loc"])
            findings.append(
                finding(
                    Code.SCHEMA,
                    _message(error, path, info.document),
                    address=address,
                    source=doc.source_of(path),
                )
            )
        return None, findings
    return Resource(info=info, document=document, raw=doc), []


def type_documents(docs: Iterable[YamlDocument]) -> tuple[list[Resource], list[Finding]]:
    resources: list[Resource] = []
    findings: list[Finding] = []
    for doc in docs:
        resource, problems = type_document(doc)
        findings.extend(problems)
        if resource is not None:
            resources.append(resource)
    return resources, findings
