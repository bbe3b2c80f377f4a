"""Writes that do not come through the API — a seed, and another admin's edit — and the checks they pass:
the same as an API write of the object as it then stands (the model, names, references, the kind's
rules, the schedule and singleton checks). A seed cannot hold what the API would refuse, so a demo org
or a test org cannot hide a writer's mistake (docs/emulator.md, "Seed format").

A seed loads an org as it stands, not as it was created: a seeded campaign may be running and a seeded
rule enabled. So the kind's rules are run as an update of the object to itself.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.collection import Lookup
from reconciler.emulator.genesys.crud import checked_fields, writable
from reconciler.emulator.genesys.divisions import seat_divisionless
from reconciler.emulator.genesys.kinds import (
    BY_KEY,
    LOOKUPS_BY_KEY,
    SCHEDULES_BY_KEY,
    SINGLETONS_BY_KEY,
    self_uri,
)
from reconciler.emulator.genesys.schedules import checked_schedule
from reconciler.emulator.genesys.singletons import checked_mappings, checked_settings
from reconciler.emulator.genesys.store import (
    link_references,
    next_version,
    objects,
    save,
    save_singleton,
    singleton,
    stamp,
    stop_later,
)
from reconciler.emulator.seed_error import SeedError
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

_SEED_DEFAULTS: dict[str, JsonObject] = {
    "campaigns": {"campaignStatus": "off"},
    "campaignrules": {"enabled": False},
    "sequences": {"status": "off", "currentCampaign": 0},
}


def _field_of(error: GenesysError) -> str:
    details = error.extra.get("details") or []
    first = details[0] if details and isinstance(details[0], dict) else {}
    return str(first.get("fieldName") or "")


def check_standing(emulator: Emulator, key: str, obj: JsonObject) -> None:
    """Raise the API's GenesysError when `obj`, as it stands in collection `key`, is one the API refuses."""
    body = copy.deepcopy(obj)
    if key in SINGLETONS_BY_KEY:
        if key == "settings":
            checked_settings(body)
        else:
            checked_mappings(emulator, body)
        return
    if key in SCHEDULES_BY_KEY:
        schedule = SCHEDULES_BY_KEY[key]
        if str(obj["id"]) not in objects(emulator, schedule.owner):
            raise GenesysError(
                400,
                schedule.not_found,
                f"The {schedule.owner_field} {obj['id']} of this schedule could not be found.",
                details=[{"errorCode": schedule.not_found, "fieldName": f"{schedule.owner_field}.id"}],
            )
        checked_schedule(schedule, str(obj["id"]), body)
        return
    collection = BY_KEY[key]
    standing = writable(collection.update_definition, copy.deepcopy(obj))
    link_references(standing, collection.references)
    checked_fields(emulator, collection, body, {**standing, "id": obj["id"], "version": obj.get("version")})


def _refused(where: str, error: GenesysError) -> SeedError:
    field = _field_of(error)
    place = f"{where}.{field}" if field else where
    return SeedError(f"seed {place}: {error.message} ({error.code})", field=place)


# --- seeds ------------------------------------------------------------------------------------------
def _seed_object(emulator: Emulator, key: str, given: Any, where: str) -> JsonObject:
    if not isinstance(given, dict):
        raise SeedError(f"seed {where}: every object is a JSON object", field=where)
    body: JsonObject = {**_SEED_DEFAULTS.get(key, {}), **copy.deepcopy(given)}
    if key in SCHEDULES_BY_KEY:
        owner = body.get(SCHEDULES_BY_KEY[key].owner_field) or {}
        body["id"] = body.get("id") or (owner.get("id") if isinstance(owner, dict) else None)
    stamped = stamp(emulator, key, body)
    for field in ("version", "dateCreated", "dateModified"):
        if field in given:
            stamped[field] = given[field]
    return stamped


def _as_list(items: Any, where: str) -> list[Any]:
    if not isinstance(items, list):
        raise SeedError(f"seed {where}: expected a list", field=where)
    return items


def _seed_lookups(emulator: Emulator, seed: dict[str, Any]) -> None:
    for key, items in (seed.get("lookups") or {}).items():
        if key not in LOOKUPS_BY_KEY:
            raise SeedError(f"seed lookups: unknown lookup {key!r}", field=f"lookups.{key}")
        for given in _as_list(items, f"lookups.{key}"):
            if not isinstance(given, dict) or not isinstance(given.get("name"), str):
                raise SeedError(
                    f"seed lookups.{key}: every entry is an object with a name", field=f"lookups.{key}"
                )
            lookup_id = str(given.get("id") or emulator.new_id())
            entry = {**given, "id": lookup_id, "selfUri": self_uri(key, lookup_id)}
            emulator.state.lookups.setdefault(key, {})[lookup_id] = entry
    for key in seed.get("lookups") or {}:
        _check_scope(emulator, LOOKUPS_BY_KEY[key])


def _check_scope(emulator: Emulator, lookup: Lookup) -> None:
    """A scoped entry (a response) names at least one seeded object of its scope (a library), as the
    platform lists it only through one."""
    if lookup.scope is None:
        return
    _parameter, field, scope = lookup.scope
    known = emulator.state.lookups.get(scope, {})
    for entry in emulator.state.lookups.get(lookup.key, {}).values():
        named = lookup.scope_ids(entry)
        if not named or any(scope_id not in known for scope_id in named):
            raise SeedError(
                f"seed lookups.{lookup.key}: {entry['name']!r} must name seeded {scope} in {field} "
                f"([{{id: ...}}]); it names {named or 'none'}",
                field=f"lookups.{lookup.key}",
            )


def _seed_objects(emulator: Emulator, seed: dict[str, Any]) -> list[tuple[str, str, JsonObject]]:
    loaded: list[tuple[str, str, JsonObject]] = []
    for key, items in (seed.get("genesys") or {}).items():
        if key not in BY_KEY and key not in SCHEDULES_BY_KEY:
            raise SeedError(f"seed genesys: unknown collection {key!r}", field=f"genesys.{key}")
        for index, given in enumerate(_as_list(items, f"genesys.{key}")):
            where = f"genesys.{key}[{index}]"
            obj = _seed_object(emulator, key, given, where)
            objects(emulator, key)[obj["id"]] = obj
            loaded.append((where, key, obj))
    return loaded


def _seed_singletons(emulator: Emulator, seed: dict[str, Any]) -> list[tuple[str, str, JsonObject]]:
    loaded: list[tuple[str, str, JsonObject]] = []
    for key, given in (seed.get("singletons") or {}).items():
        if key not in SINGLETONS_BY_KEY or not isinstance(given, dict):
            raise SeedError(
                f"seed singletons: unknown singleton {key!r} or not an object", field=f"singletons.{key}"
            )
        merged = {**singleton(emulator, key), **copy.deepcopy(given)}
        emulator.state.singletons[key] = merged
        loaded.append((f"singletons.{key}", key, merged))
    return loaded


def _seed_numbers(emulator: Emulator, seed: dict[str, Any]) -> None:
    for list_id, numbers in (seed.get("dnc_numbers") or {}).items():
        where = f"dnc_numbers.{list_id}"
        dnc_list = objects(emulator, "dnclists").get(str(list_id))
        if dnc_list is None or dnc_list.get("dncSourceType") != "rds":
            raise SeedError(
                f"seed {where}: numbers belong to an internal (rds) DNC list of the seed", field=where
            )
        entries = numbers if isinstance(numbers, dict) else dict.fromkeys(_as_list(numbers, where))
        emulator.state.dnc_numbers.setdefault(str(list_id), {}).update(entries)


def seed_genesys(emulator: Emulator, seed: dict[str, Any]) -> None:
    """Load the Genesys sections of a seed, then check every object as the API would (SeedError naming the
    field). The caller restores the state when this raises (reconciler/emulator/seed.py)."""
    _seed_lookups(emulator, seed)
    loaded = _seed_objects(emulator, seed) + _seed_singletons(emulator, seed)
    seat_divisionless(emulator)
    for where, key, obj in loaded:
        try:
            check_standing(emulator, key, obj)
        except GenesysError as error:
            raise _refused(where, error) from None
    _seed_numbers(emulator, seed)
    for _, key, obj in loaded:
        if key == "campaigns" and obj.get("campaignStatus") == "stopping":
            stop_later(emulator, obj["id"])


# --- another admin's edit ---------------------------------------------------------------------------
def _found(emulator: Emulator, collection: str, object_id: str | None, name: str | None) -> JsonObject:
    store = objects(emulator, collection)
    found = store.get(object_id) if object_id else None
    if found is None and name is not None:
        found = next((obj for obj in store.values() if obj.get("name") == name), None)
    if found is None:
        raise KeyError(object_id or name)
    return found


def external_edit(
    emulator: Emulator, collection: str, object_id: str | None, name: str | None, changes: dict[str, Any]
) -> JsonObject:
    """Change an object as another admin would: shallow merge, version + 1. KeyError when absent; the API's
    GenesysError when the edited object is one the API would refuse (nothing changes then)."""
    if collection in SINGLETONS_BY_KEY:
        current = singleton(emulator, collection)
        updated = next_version(emulator, current, {**current, **copy.deepcopy(changes)})
        check_standing(emulator, collection, updated)
        return copy.deepcopy(save_singleton(emulator, collection, updated))
    if collection not in BY_KEY and collection not in SCHEDULES_BY_KEY:
        raise KeyError(collection)
    found = _found(emulator, collection, object_id, name)
    updated = next_version(emulator, found, {**found, **copy.deepcopy(changes)})
    check_standing(emulator, collection, updated)
    return copy.deepcopy(save(emulator, collection, updated))
