"""Every reference field of every manifest kind, found by walking the models (the inventory's subject)."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reconciler.manifest.kinds import KINDS
from reconciler.manifest.models.types import Ref
from reconciler.manifest.refs import field_ref, key_ref


@dataclass(frozen=True)
class ReferenceField:
    """One reference field: where (platform, kind, manifest path), what it names, and whether it is refused."""

    platform: str
    kind: str
    path: str
    target: Ref
    refused: bool
    alias: str


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _metadata(info: FieldInfo) -> Iterator[Any]:
    yield from info.metadata

    def walk(annotation: Any) -> Iterator[Any]:
        yield from getattr(annotation, "__metadata__", ())
        for arg in typing.get_args(annotation):
            yield from walk(arg)

    yield from walk(info.annotation)


def refused(holder: type[BaseModel], name: str) -> bool:
    """The model refuses any value of the field with a SCHEMA error saying why: `not_looked_up`, or a
    validator of its own (a CXone campaign's division)."""
    marked = any(
        "not_looked_up" in getattr(getattr(meta, "func", None), "__qualname__", "")
        for meta in _metadata(holder.model_fields[name])
    )
    validators = holder.__pydantic_decorators__.field_validators.values()
    return marked or any(name in validator.info.fields for validator in validators)


def walk_model(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, FieldInfo, type[BaseModel]]]:
    """(manifest path, field, holder model) of every field of `model` at any depth; `[]` marks a list or map."""
    seen: set[tuple[type[BaseModel], str]] = set()

    def visit(current: type[BaseModel], path: str) -> Iterator[tuple[str, FieldInfo, type[BaseModel]]]:
        for name, info in current.model_fields.items():
            here = f"{path}{name}"
            yield here, info, current
            origins = {typing.get_origin(info.annotation)} | {
                typing.get_origin(arg) for arg in typing.get_args(info.annotation)
            }
            suffix = "[]" if origins & {list, dict} else ""
            for inner in _models_in(info.annotation):
                if (inner, here) not in seen:
                    seen.add((inner, here))
                    yield from visit(inner, f"{here}{suffix}.")

    yield from visit(model, prefix)


def reference_fields() -> list[ReferenceField]:
    found = []
    for (platform, kind), kind_info in KINDS.items():
        for path, info, holder in walk_model(kind_info.spec):
            marker = key_ref(info.annotation) or field_ref(info)
            if marker is not None:
                alias = info.serialization_alias or path.rsplit(".", 1)[-1]
                found.append(
                    ReferenceField(
                        platform, kind, path, marker, refused(holder, path.rsplit(".", 1)[-1]), alias
                    )
                )
    return found
