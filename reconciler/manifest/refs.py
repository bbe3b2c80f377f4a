"""Finding the references inside a typed spec: every field marked with a `Ref`, at any depth."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reconciler.manifest.models.types import Ref
from reconciler.manifest.yaml_reader import Path


@dataclass(frozen=True)
class RefUse:
    """One use of a reference: where it is written, what kind it names, and the name."""

    path: Path
    target: Ref
    name: str


def _ref_in(annotation: Any) -> Ref | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Ref):
            return meta
    for arg in typing.get_args(annotation):
        found = _ref_in(arg)
        if found is not None:
            return found
    return None


def field_ref(info: FieldInfo) -> Ref | None:
    """The Ref marker of a field, whether pydantic kept it in metadata or inside the annotation."""
    for meta in info.metadata:
        if isinstance(meta, Ref):
            return meta
    return _ref_in(info.annotation)


def key_ref(annotation: Any) -> Ref | None:
    """The Ref on a dict's key type (dict[Annotated[str, Ref], ...], optional or not), if any."""
    for candidate in [annotation, *typing.get_args(annotation)]:
        if typing.get_origin(candidate) is dict:
            key = typing.get_args(candidate)[0]
            for meta in getattr(key, "__metadata__", ()):
                if isinstance(meta, Ref):
                    return meta
    return None


@cache
def _ref_fields(model: type[BaseModel]) -> dict[str, tuple[Ref, bool]]:
    """Field name -> (its Ref, whether the Ref marks the keys of a dict rather than the values)."""
    found = {}
    for name, info in model.model_fields.items():
        on_keys = key_ref(info.annotation)
        marker = on_keys or field_ref(info)
        if marker is not None:
            found[name] = (marker, on_keys is not None)
    return found


def iter_refs(value: Any, path: Path = ()) -> Iterator[RefUse]:
    """Every reference inside a model value, depth first, in declaration order."""
    if isinstance(value, BaseModel):
        markers = _ref_fields(type(value))
        for name in type(value).model_fields:
            item = getattr(value, name)
            if item is None:
                continue
            marked = markers.get(name)
            if marked is None:
                yield from iter_refs(item, (*path, name))
                continue
            marker, on_keys = marked
            if on_keys:  # wrap-up code mappings: each key names a wrap-up code
                if isinstance(item, dict):
                    yield from (
                        RefUse((*path, name, key), marker, key) for key in item if isinstance(key, str)
                    )
            elif isinstance(item, str):
                yield RefUse((*path, name), marker, item)
            elif isinstance(item, list):
                for index, entry in enumerate(item):
                    if isinstance(entry, str):
                        yield RefUse((*path, name, index), marker, entry)
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from iter_refs(entry, (*path, index))
    elif isinstance(value, dict):
        for key, entry in value.items():
            yield from iter_refs(entry, (*path, key))
