"""Create, replace and delete for every collection of kinds.py, with the rules the platform applies to all
of them: body validation, server-owned fields, names, versions, references and referential
integrity, immutable fields (Platform API models and 2018 Swagger error codes, purecloudplatformclientv2), then the kind's own rules (behaviours.py).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.behaviours import rules_of
from reconciler.emulator.genesys.collection import Collection, Reference
from reconciler.emulator.genesys.divisions import place
from reconciler.emulator.genesys.kinds import NAME_MAX_LENGTH
from reconciler.emulator.genesys.schema import read_only_fields, shaped, validate_body, writable_fields
from reconciler.emulator.genesys.store import (
    first_referrer,
    idless_holders,
    link_references,
    new_object,
    next_version,
    objects,
    referenced_ids,
    remove,
    save,
    target_exists,
)
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator


def not_found(code: str, noun: str) -> GenesysError:
    return GenesysError(404, code, f"The {noun} was not found.")


def find(emulator: Emulator, collection: Collection, object_id: str) -> JsonObject:
    """The true current object, or the collection's 404."""
    current = objects(emulator, collection.key).get(object_id)
    if current is None:
        raise not_found(collection.not_found, collection.noun)
    return current


def writable(definition: str, body: JsonObject) -> JsonObject:
    """The fields a client may set. Read-only fields and `version` are the server's; properties the model
    does not know are dropped at every depth, as the platform ignores them."""
    allowed = writable_fields(definition)
    return {key: value for key, value in shaped(definition, body).items() if key in allowed}


def check_version(body: JsonObject, current: JsonObject, stale_message: str | None = None) -> None:
    """The body carries the version last read; a stale one is 409 invalid.update.wrong.version (SW18 x-inin-error-codes)."""
    version = body.get("version")
    if version is None:
        raise GenesysError(400, "invalid.update", "The version is required for updates.")
    if version != current.get("version"):
        message = stale_message or (
            f"The version supplied ({version}) does not match the current version ({current.get('version')})."
        )
        raise GenesysError(409, "invalid.update.wrong.version", message)


def _require_name(collection: Collection, body: JsonObject) -> None:
    name = body.get("name")
    if collection.named and (name is None or (isinstance(name, str) and not name.strip())):
        raise GenesysError(400, "name.cannot.be.blank", "A name must be provided.")


def _check_name(
    emulator: Emulator, collection: Collection, body: JsonObject, current: JsonObject | None
) -> None:
    """Names are at most 64 characters and unique per type (Platform API models, purecloudplatformclientv2, SW18)."""
    if not collection.named:
        return
    name = body["name"]
    if len(name) > NAME_MAX_LENGTH:
        raise GenesysError(400, "name.length.exceeded", "The name length exceeds the limit of 64 characters.")
    own_id = current["id"] if current else None
    for other in objects(emulator, collection.key).values():
        if other.get("name") == name and other["id"] != own_id:
            raise GenesysError(
                400, "duplicate.name", "The name already exists.", entityId=other["id"], entityName=name
            )


def _empty(value: Any) -> bool:
    return value is None or value is False or value == [] or value == ""


def _ids_only(value: Any) -> Any:
    """`value` with each reference ({"id": ..., "name": ..., "selfUri": ...}) reduced to its id: a PUT
    naming the same objects by another shape does not change them."""
    if isinstance(value, dict):
        if "id" in value:
            return value["id"]
        return {key: _ids_only(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_ids_only(item) for item in value]
    return value


def _check_immutable(collection: Collection, body: JsonObject, current: JsonObject) -> None:
    for rule in collection.immutable:
        before, after = _ids_only(current.get(rule.field)), _ids_only(body.get(rule.field))
        if before != after and not (_empty(before) and _empty(after)):
            raise GenesysError(
                400,
                rule.code,
                f"The field '{rule.field}' cannot be changed after creation.",
                details=[{"errorCode": rule.code, "fieldName": rule.field}],
            )


def check_references(emulator: Emulator, references: tuple[Reference, ...], body: JsonObject) -> None:
    """Every named object must exist, else the documented <type>.not.found code (400); a reference that
    carries no id (`{"name": ...}` alone) is a 400 too: a DomainEntityRef is resolved by its id only."""
    for reference in references:
        for holder in idless_holders(body, reference):
            raise GenesysError(
                400,
                reference.not_found,
                f"The reference '{reference.path}' carries no id: {json.dumps(holder)[:100]}",
                details=[{"errorCode": reference.not_found, "fieldName": reference.path}],
            )
        for object_id in referenced_ids(body, reference):
            if not target_exists(emulator, reference, object_id):
                raise GenesysError(
                    400,
                    reference.not_found,
                    f"The object {object_id} referenced by '{reference.path}' could not be found.",
                    details=[
                        {"errorCode": reference.not_found, "fieldName": reference.path, "entityId": object_id}
                    ],
                )


def checked_fields(
    emulator: Emulator,
    collection: Collection,
    body: JsonObject,
    current: JsonObject | None,
    *,
    versioned: bool = False,
) -> JsonObject:
    """The writable fields of a POST (`current` None) or PUT body that passed every check of the platform:
    the model, the version when `versioned`, the name, immutable fields, references and the kind's rules."""
    definition = collection.create_definition if current is None else collection.update_definition
    _require_name(collection, body)
    validate_body(definition, body)
    if versioned and current is not None:
        check_version(body, current)
    fields = writable(definition, body)
    _check_name(emulator, collection, fields, current)
    if current is not None:
        _check_immutable(collection, fields, current)
    place(emulator, collection.key, fields, current)
    check_references(emulator, collection.references, fields)
    link_references(fields, collection.references)
    rules_of(collection.key).before_write(emulator, fields, current)
    return fields


def create(emulator: Emulator, collection: Collection, body: JsonObject) -> JsonObject:
    """POST: a new object with a server id and version 1."""
    fields = checked_fields(emulator, collection, body, None)
    return save(emulator, collection.key, new_object(emulator, collection.key, fields))


def replace(emulator: Emulator, collection: Collection, object_id: str, body: JsonObject) -> JsonObject:
    """PUT: a full replacement of the writable fields at the current version."""
    current = find(emulator, collection, object_id)
    fields = checked_fields(emulator, collection, body, current, versioned=True)
    owned = {key: current[key] for key in read_only_fields(collection.update_definition) if key in current}
    return save(emulator, collection.key, next_version(emulator, current, {**owned, **fields}))


def delete(emulator: Emulator, collection: Collection, object_id: str) -> JsonObject:
    """DELETE: refused while the kind's rules say so, or while anything still names the object."""
    current = find(emulator, collection, object_id)
    rules_of(collection.key).before_delete(emulator, current)
    referrer = first_referrer(emulator, collection.key, object_id)
    if referrer is not None:
        key, other = referrer
        raise GenesysError(
            400,
            collection.in_use,
            "Could not delete the resource because it is referenced by another entity.",
            details=[
                {
                    "errorCode": collection.in_use,
                    "entityId": other["id"],
                    "entityName": other.get("name", key),
                }
            ],
        )
    return remove(emulator, collection.key, object_id)
