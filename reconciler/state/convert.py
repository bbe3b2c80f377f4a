"""Converting between API bodies and manifest-shaped essences, driven by the manifest models.

A model field's serialization alias is its API name; a field marked with a `Ref` holds a name in the
manifest and an id on the wire. Genesys writes references as `{"id": ...}` objects except for a few
plain-id fields (rule condition wrap-up `codes`, a response's flow `data`); CXone always writes the
bare id. Dict keys may be references too (wrap-up code mappings). So one walk over the model serves
every kind: `essence_from_api` for reading live state and exporting, `api_from_essence` for writing.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reconciler.manifest.models.types import Ref
from reconciler.manifest.refs import field_ref, key_ref
from reconciler.platform import Platform, parse_platform
from reconciler.state.names import NameIndex

GENESYS_PLAIN_ID_FIELDS = frozenset({"codes", "data"})


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, FieldInfo, Ref | None], ...]:
    rows = []
    for name, info in model.model_fields.items():
        alias = info.serialization_alias or name
        # A Ref on a dict's key type marks the keys, not the field (wrap-up code mappings).
        marker = None if key_ref(info.annotation) is not None else field_ref(info)
        if marker is not None and marker.by_id:
            marker = None  # written as the id in the manifest too: passes through unchanged
        rows.append((name, alias, info, marker))
    return tuple(rows)


def _inner(annotation: Any) -> tuple[type[BaseModel] | None, str]:
    """(nested model, container) of an annotation: container is 'list', 'dict' or ''."""
    origin = typing.get_origin(annotation)
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, ""
    if origin in (list, tuple) and args:
        model, _ = _inner(args[0])
        return model, "list"
    if origin is dict and len(args) == 2:
        model, _ = _inner(args[1])
        return model, "dict"
    for arg in args:  # Optional / Annotated / Union: the first member that is a model or a container
        model, container = _inner(arg)
        if model is not None or container:
            return model, container
    return None, ""


def default_references(model: type[BaseModel], index: NameIndex) -> dict[str, str]:
    """Field -> the name the platform fills in when the field is left out (a divisioned object without a
    division is in the org's home division), for the reference fields of `model` whose kind has one."""
    return {
        name: index.defaults[marker.kind]
        for name, _alias, _info, marker in _fields(model)
        if marker is not None and marker.kind in index.defaults
    }


def _genesys_reference(object_id: str | None, name: str, alias: str) -> Any:
    """`{"id": ...}` (or `{"name": ...}` while the id is unknown), except the plain-id fields."""
    if alias in GENESYS_PLAIN_ID_FIELDS:
        return object_id or name
    return {"id": object_id} if object_id is not None else {"name": name}


def _cxone_reference(object_id: str | None, name: str, alias: str) -> Any:
    """The bare id, a number when it is one."""
    return int(object_id) if object_id is not None and object_id.isdigit() else object_id


REFERENCE_FORMS: dict[Platform, Callable[[str | None, str, str], Any]] = {
    Platform.GENESYS: _genesys_reference,
    Platform.CXONE: _cxone_reference,
}
"""Per platform: a reference on the wire, from (the object's id if known, its name, the API field)."""


class Converter:
    def __init__(self, *, platform: str, index: NameIndex) -> None:
        self.platform, self.index = parse_platform(platform), index
        self.reference = REFERENCE_FORMS[self.platform]

    # --- API -> essence -------------------------------------------------------------------------
    def essence(self, model: type[BaseModel], body: dict[str, Any]) -> dict[str, Any]:
        """The fields of `model` found in `body`, in manifest shape; unknown API fields are dropped.

        A reference the platform fills in when it is left out reads as that default when absent."""
        result: dict[str, Any] = {}
        for name, alias, info, marker in _fields(model):
            if alias not in body or body[alias] is None:
                continue
            result[name] = self._read(body[alias], info.annotation, marker, alias)
        if self.index.defaults:
            for name, default in default_references(model, self.index).items():
                result.setdefault(name, default)
        return result

    def _read(self, value: Any, annotation: Any, marker: Ref | None, alias: str) -> Any:
        if marker is not None:
            if isinstance(value, list):
                return [self._name(item, marker) for item in value]
            return self._name(value, marker)
        model, container = _inner(annotation)
        keys = key_ref(annotation)
        if container == "dict" and isinstance(value, dict):
            return {
                (self._name(key, keys) if keys else key): (
                    self.essence(model, item) if model is not None and isinstance(item, dict) else item
                )
                for key, item in value.items()
            }
        if model is not None and container == "list" and isinstance(value, list):
            return [self.essence(model, item) if isinstance(item, dict) else item for item in value]
        if model is not None and isinstance(value, dict):
            return self.essence(model, value)
        return value

    def _name(self, value: Any, marker: Ref) -> Any:
        object_id = value.get("id") if isinstance(value, dict) else value
        if object_id is None:
            return value.get("name") if isinstance(value, dict) else value
        found = self.index.name_of(marker.kind, object_id)
        if found is not None:
            return found
        if isinstance(value, dict) and value.get("name"):
            return value["name"]
        return object_id

    # --- essence -> API -------------------------------------------------------------------------
    def body(self, model: type[BaseModel], essence: dict[str, Any]) -> dict[str, Any]:
        """The API body for the declared fields of `essence` (names resolved to ids where known)."""
        result: dict[str, Any] = {}
        for name, alias, info, marker in _fields(model):
            if name in essence:
                result[alias] = self._write(essence[name], info.annotation, marker, alias)
        return result

    def _write(self, value: Any, annotation: Any, marker: Ref | None, alias: str) -> Any:
        if value is None:
            return None
        if marker is not None:
            if isinstance(value, list):
                return [self._ref(item, marker, alias) for item in value]
            return self._ref(value, marker, alias)
        model, container = _inner(annotation)
        keys = key_ref(annotation)
        if container == "dict" and isinstance(value, dict):
            return {
                (self._id(key, keys) if keys else key): (
                    self.body(model, item) if model is not None and isinstance(item, dict) else item
                )
                for key, item in value.items()
            }
        if model is not None and container == "list" and isinstance(value, list):
            return [self.body(model, item) if isinstance(item, dict) else item for item in value]
        if model is not None and isinstance(value, dict):
            return self.body(model, value)
        return value

    def _id(self, name: str, marker: Ref) -> str:
        return self.index.id_of(marker.kind, name) or name

    def _ref(self, name: str, marker: Ref, alias: str) -> Any:
        return self.reference(self.index.id_of(marker.kind, name), name, alias)


def nested_models(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel]]]:
    """API name -> (manifest name, nested model) for the fields of `model` holding one object (not a
    list or a mapping of them, not a reference)."""
    found: dict[str, tuple[str, type[BaseModel]]] = {}
    for name, alias, info, marker in _fields(model):
        inner, container = _inner(info.annotation)
        if marker is None and inner is not None and not container:
            found[alias] = (name, inner)
    return found


def api_names(model: type[BaseModel]) -> dict[str, str]:
    """API name -> manifest name of every field of `model`."""
    return {alias: name for name, alias, _info, _marker in _fields(model)}
