"""CXone state: reads through the read-after-write window, writes, seeding and external edits.

State layout (EmulatorState.cxone): {section: {str(id): object}} for skills, campaigns, dnc_groups,
outbound_routes, scripts and dispositions (a skill's own `dispositions` holds its [{dispositionId,
priority}]); parameters {skill id: {block: object}}; dnc_records {group id: {digits:
record}}; scrubbed and contributing {group id: [skill ids]}. CXone has no object versions: every write
simply replaces what was there (last writer wins) and sets lastUpdateTime.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, cast

from reconciler.emulator.cxone import records
from reconciler.emulator.cxone.defaults import SKILL_DEFAULTS, default_parameters
from reconciler.emulator.cxone.fields import (
    BLOCK_PATHS,
    LIST_BLOCKS,
    MEDIA_TYPES,
    PARAMETER_BLOCKS,
    PERSONAL_CONNECTION,
    SHARED_GENERAL_RETRY,
)
from reconciler.emulator.seed_error import SeedError
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

ID_FIELDS = {
    "skills": "skillId",
    "campaigns": "id",
    "dnc_groups": "dncGroupId",
    "outbound_routes": "outboundTelecomRouteId",
    "scripts": "scriptId",
    "dispositions": "dispositionId",
}
NAME_FIELDS = {
    "skills": "skillName",
    "campaigns": "name",
    "dnc_groups": "dncGroupName",
    "outbound_routes": "routeDescription",
    "scripts": "scriptName",
    "dispositions": "dispositionName",
}
_SEED_SECTIONS = {*ID_FIELDS, "parameters", "dnc_records", "scrubbed", "contributing"}


# --- reads -----------------------------------------------------------------------------------------
def view(emulator: Emulator, section: str) -> dict[str, Any]:
    """A section as a reader sees it (recent writes may still show their previous value)."""
    return emulator.visible(section, emulator.state.cxone[section])


def find(
    objects: dict[str, Any], section: str, object_id: Any = None, name: Any = None
) -> tuple[str, JsonObject] | None:
    """An object by id, else by its name (case-insensitive), as (key, object)."""
    if object_id is not None and str(object_id) in objects:
        return str(object_id), objects[str(object_id)]
    if name is not None:
        wanted = str(name).casefold()
        name_field = NAME_FIELDS[section]
        for key, item in objects.items():
            if str(item.get(name_field, "")).casefold() == wanted:
                return key, item
    return None


def name_taken(emulator: Emulator, section: str, name: str, except_key: str | None = None) -> bool:
    found = find(emulator.state.cxone[section], section, name=name)
    return found is not None and found[0] != except_key


def is_personal_connection(skill: JsonObject) -> bool:
    return bool(skill.get("isOutbound")) and skill.get("outboundStrategy") == PERSONAL_CONNECTION


def render_skill(emulator: Emulator, skill: JsonObject) -> JsonObject:
    """A skill as GET returns it: stored fields plus the names of what it refers to."""
    campaign = view(emulator, "campaigns").get(str(skill.get("campaignId")))
    script = view(emulator, "scripts").get(str(skill.get("scriptId")))
    rendered = copy.deepcopy(skill)
    rendered["mediaTypeName"] = MEDIA_TYPES.get(int(skill.get("mediaTypeId") or 0), "Unknown")
    rendered["campaignName"] = campaign["name"] if campaign else None
    rendered["scriptName"] = script["scriptName"] if script else None
    rendered["dispositions"] = offered_dispositions(emulator, skill)
    return rendered


def offered_dispositions(emulator: Emulator, skill: JsonObject) -> list[JsonObject]:
    """The skill's dispositions as its GET renders them (GetCreateSkillResponse): id, name, priority and
    preview flag, by priority."""
    known = view(emulator, "dispositions")
    rows = []
    for item in sorted(skill.get("dispositions") or [], key=lambda row: row.get("priority", 0)):
        disposition = known.get(str(item.get("dispositionId")), {})
        rows.append(
            {
                **item,
                "dispositionName": disposition.get("dispositionName"),
                "isPreviewDisposition": bool(disposition.get("isPreviewDisposition")),
            }
        )
    return rows


def render_group(emulator: Emulator, group: JsonObject) -> JsonObject:
    rendered = copy.deepcopy(group)
    numbers = view(emulator, "dnc_records").get(str(group["dncGroupId"]), {})
    rendered["validRecords"] = sum(1 for record in numbers.values() if records.active(emulator, record))
    return rendered


# --- writes ----------------------------------------------------------------------------------------
def save(emulator: Emulator, section: str, key: str, value: Any) -> None:
    """Replace one object (last writer wins), keeping the previous value for lagging readers."""
    objects = emulator.state.cxone[section]
    previous = copy.deepcopy(objects.get(key))
    emulator.wrote(section, key, cast(JsonObject | None, previous))
    objects[key] = value
    emulator.changed()


def new_id(emulator: Emulator, section: str) -> int:
    objects = emulator.state.cxone[section]
    while True:
        candidate = emulator.next_cxone_id(section)
        if str(candidate) not in objects:
            return candidate


def _claim_id(emulator: Emulator, section: str, value: int) -> None:
    """Keep the id counter past an id given by a seed, so new ids never collide with it."""
    counters = emulator.state.meta.setdefault("cxone_ids", {})
    counters[section] = max(counters.get(section, 1000), value)


def create_skill(emulator: Emulator, fields: JsonObject) -> JsonObject:
    """Store a new (validated) skill, not running. A Personal Connection skill gets default parameters;
    an outbound skill joins the scrubbed skills of every DNC group flagged isDefault (the tenant default
    group every new skill joins, developer.niceincontact.com/API/AdminAPI)."""
    skill_id = new_id(emulator, "skills")
    skill = {"skillId": skill_id, **copy.deepcopy(SKILL_DEFAULTS), **fields, "isRunning": False}
    skill["lastUpdateTime"] = emulator.timestamp()
    key = str(skill_id)
    save(emulator, "skills", key, skill)
    if is_personal_connection(skill):
        save(emulator, "parameters", key, default_parameters())
    if skill.get("isOutbound"):
        for group_key, group in emulator.state.cxone["dnc_groups"].items():
            if group.get("isDefault"):
                members = [*emulator.state.cxone["scrubbed"].get(group_key, []), skill_id]
                save(emulator, "scrubbed", group_key, members)
    return skill


def update_object(emulator: Emulator, section: str, key: str, changes: JsonObject) -> JsonObject:
    """Shallow-merge `changes` into an object and set its lastUpdateTime."""
    updated = {**copy.deepcopy(emulator.state.cxone[section][key]), **changes}
    updated["lastUpdateTime"] = emulator.timestamp()
    save(emulator, section, key, updated)
    return updated


def merge_block(emulator: Emulator, skill_key: str, block: str, value: Any) -> Any:
    """Write one parameter block: objects are shallow-merged (omitted fields keep their values), lists
    replaced (time zones: unlisted ones stay, deactivated). general and retry settings share
    maximumAttempts and minimumRetryMinutes."""
    parameters = copy.deepcopy(emulator.state.cxone["parameters"].get(skill_key) or default_parameters())
    if block == "timeZoneSettings":
        parameters[block] = with_unlisted_zones_deactivated(parameters.get(block) or [], value)
    elif block in LIST_BLOCKS:
        parameters[block] = copy.deepcopy(value)
    else:
        parameters[block] = {**parameters.get(block, {}), **copy.deepcopy(value)}
        twin = {"generalSettings": "retrySettings", "retrySettings": "generalSettings"}.get(block)
        if twin is not None:
            for name in SHARED_GENERAL_RETRY:
                if name in value:
                    parameters[twin][name] = value[name]
    save(emulator, "parameters", skill_key, parameters)
    update_object(emulator, "skills", skill_key, {})
    return parameters[block]


def with_unlisted_zones_deactivated(current: list[JsonObject], listed: list[JsonObject]) -> list[JsonObject]:
    """PUT time-zones: "All timezone boundings not in the request will be deactivated" (Admin API text).
    Listed zones are made active unless they say otherwise. Whether the aggregate GET still lists
    unlisted zones is not documented; the emulator keeps them, inactive."""
    names = {zone.get("standardName") for zone in listed}
    kept = [
        {**zone, "timeZoneActiveToCall": False} for zone in current if zone.get("standardName") not in names
    ]
    made_active = [
        {**zone, "timeZoneActiveToCall": zone.get("timeZoneActiveToCall", True)} for zone in listed
    ]
    return [*copy.deepcopy(made_active), *kept]


def set_members(emulator: Emulator, section: str, group_key: str, skill_ids: list[int]) -> None:
    save(emulator, section, group_key, sorted(set(skill_ids)))


# --- seeding ---------------------------------------------------------------------------------------
def _items(value: Any, section: str) -> list[JsonObject]:
    items = list(value.values()) if isinstance(value, dict) else value
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise SeedError(f"cxone.{section} is a list of objects")
    return [copy.deepcopy(item) for item in items]


def _seed_object(emulator: Emulator, section: str, item: JsonObject, defaults: JsonObject) -> JsonObject:
    id_field, name_field = ID_FIELDS[section], NAME_FIELDS[section]
    if name_field not in item and "name" in item:
        item[name_field] = item.pop("name")
    if isinstance(item.get(id_field), int):
        _claim_id(emulator, section, item[id_field])
    else:
        item[id_field] = new_id(emulator, section)
    obj = {**copy.deepcopy(defaults), **item}
    if "lastUpdateTime" in defaults:
        obj["lastUpdateTime"] = item.get("lastUpdateTime", emulator.timestamp())
    emulator.state.cxone[section][str(obj[id_field])] = obj
    return obj


def _key_of(emulator: Emulator, section: str, ref: Any) -> str:
    found = find(emulator.state.cxone[section], section, ref, ref)
    if found is None:
        raise SeedError(f"cxone seed refers to an unknown {section[:-1]}: {ref}")
    return found[0]


def seed_cxone(emulator: Emulator, cxone_seed: dict[str, Any]) -> None:
    """Add a seed's CXone objects (the "cxone" section of a seed file, docs/emulator.md)."""
    unknown = set(cxone_seed) - _SEED_SECTIONS
    if unknown:
        raise SeedError(f"unknown cxone seed sections: {', '.join(sorted(unknown))}")
    now = emulator.timestamp()
    for item in _items(cxone_seed.get("campaigns"), "campaigns"):
        defaults = {
            "description": "",
            "notes": "",
            "isActive": True,
            "divisionId": None,
            "lastUpdateTime": now,
        }
        _seed_object(emulator, "campaigns", item, defaults)
    for item in _items(cxone_seed.get("outbound_routes"), "outbound_routes"):
        _seed_object(emulator, "outbound_routes", item, {})
    for item in _items(cxone_seed.get("scripts"), "scripts"):
        _seed_object(emulator, "scripts", item, {"mediaTypeId": 4, "isActive": True})
    for item in _items(cxone_seed.get("dispositions"), "dispositions"):
        defaults = {"notes": "", "isActive": True, "isPreviewDisposition": False, "classificationId": 1}
        _seed_object(emulator, "dispositions", item, {**defaults, "lastUpdated": now})
    for item in _items(cxone_seed.get("skills"), "skills"):
        if "campaignName" in item:
            item["campaignId"] = int(_key_of(emulator, "campaigns", item.pop("campaignName")))
        item.setdefault("mediaTypeId", 4)
        skill = _seed_object(emulator, "skills", item, {**SKILL_DEFAULTS, "lastUpdateTime": now})
        if is_personal_connection(skill):
            emulator.state.cxone["parameters"][str(skill["skillId"])] = default_parameters()
    for ref, blocks in dict(cxone_seed.get("parameters") or {}).items():
        key = _key_of(emulator, "skills", ref)
        parameters = emulator.state.cxone["parameters"].setdefault(key, default_parameters())
        for block, value in dict(blocks).items():
            if block not in PARAMETER_BLOCKS:
                raise SeedError(f"cxone.parameters: unknown block {block}")
            is_list = block in LIST_BLOCKS
            parameters[block] = copy.deepcopy(value) if is_list else {**parameters[block], **value}
    for item in _items(cxone_seed.get("dnc_groups"), "dnc_groups"):
        defaults = {"dncGroupDescription": "", "isActive": True, "isRemoved": False, "createDate": now}
        _seed_object(emulator, "dnc_groups", item, {**defaults, "lastUpdateTime": now})
    for ref, numbers in dict(cxone_seed.get("dnc_records") or {}).items():
        group = emulator.state.cxone["dnc_records"].setdefault(_key_of(emulator, "dnc_groups", ref), {})
        for entry in numbers:
            record = entry if isinstance(entry, dict) else {"phoneNumber": entry}
            problem = records.problem(record)
            if problem:
                raise SeedError(f"cxone.dnc_records.{ref}: {problem}")
            group[records.normalised(record["phoneNumber"])] = records.make(emulator, record)
    for section in ("scrubbed", "contributing"):
        for ref, skills in dict(cxone_seed.get(section) or {}).items():
            key = _key_of(emulator, "dnc_groups", ref)
            ids = [int(_key_of(emulator, "skills", skill)) for skill in skills]
            current = emulator.state.cxone[section].get(key, [])
            emulator.state.cxone[section][key] = sorted({*current, *ids})


# --- external edits --------------------------------------------------------------------------------
def _block_of(name: str) -> str:
    block = BLOCK_PATHS.get(name, name)
    if block not in PARAMETER_BLOCKS:
        raise KeyError(f"parameters/{name}")
    return block


def external_edit(
    emulator: Emulator, collection: str, object_id: Any, name: Any, changes: dict[str, Any]
) -> dict[str, Any]:
    """Change an object as another CXone admin would (no version exists, so nothing tells the reconciler
    but lastUpdateTime and the values themselves). `collection` is skills, campaigns, dnc_groups,
    dispositions or
    parameters/<block> (general-settings or generalSettings ...) of the skill named by id or name."""
    if collection.startswith("parameters/"):
        block = _block_of(collection.split("/", 1)[1])
        found = find(emulator.state.cxone["skills"], "skills", object_id, name)
        if found is None:
            raise KeyError(f"skills/{object_id if object_id is not None else name}")
        if block in LIST_BLOCKS and not isinstance(changes.get(block), list):
            raise KeyError(f"{collection}: changes must be {{{block!r}: [...]}}")
        value = changes[block] if block in LIST_BLOCKS else changes
        merged = merge_block(emulator, found[0], block, value)
        return {"skillId": found[1]["skillId"], "skillName": found[1]["skillName"], block: merged}
    if collection not in ("skills", "campaigns", "dnc_groups", "dispositions"):
        raise KeyError(collection)
    found = find(emulator.state.cxone[collection], collection, object_id, name)
    if found is None:
        raise KeyError(f"{collection}/{object_id if object_id is not None else name}")
    updated = update_object(emulator, collection, found[0], changes)
    return copy.deepcopy(updated)
