"""/dnc-groups: internal DNC groups, their scrubbed and contributing skills, and their records.

POST /dnc-groups takes its name and description as query parameters (the 2022 Admin API specification)
or as a JSON body (the client generated from the current specification, calljacob/nice-cxone-api);
both are accepted. PUT /dnc-groups/{id} takes query parameters, not a body; DELETE .../records takes
a JSON body and expires the records it names; expired records stay listed for 7 days. Record writes
carry at most 4,500 records and are refused with 409 on an inactive group. Groups have no DELETE.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import records, store
from reconciler.emulator.cxone.fields import invalid
from reconciler.emulator.cxone.http import (
    api_version,
    emulator_of,
    no_content,
    object_body,
    ok,
    page,
    path_id,
    query_bool,
)
from reconciler.emulator.errors import CxoneError
from reconciler.emulator.state import JsonObject

MEMBERSHIPS = {
    "scrubbed-skills": ("scrubbed", "scrubbedSkills"),
    "contributing-skills": ("contributing", "contributingSkills"),
}


def _group_key(emulator: Emulator, request: Request, *, visible: bool = False) -> str:
    group_id = path_id(request, "group_id", "DNC group")
    groups = store.view(emulator, "dnc_groups") if visible else emulator.state.cxone["dnc_groups"]
    if str(group_id) not in groups:
        raise CxoneError(404, "NotFound", f"DNC group {group_id} was not found")
    return str(group_id)


def _sorted_groups(emulator: Emulator) -> list[JsonObject]:
    groups = store.view(emulator, "dnc_groups").values()
    return [
        store.render_group(emulator, group) for group in sorted(groups, key=lambda g: int(g["dncGroupId"]))
    ]


async def list_groups(request: Request) -> Response:
    api_version(request)
    groups = _sorted_groups(emulator_of(request))
    chosen, _ = page(request, groups)
    if not chosen:
        return no_content()
    return ok({"resultSet": {"totalGroups": len(groups), "dncGroups": chosen}})


async def create_group(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    query = request.query_params
    body: JsonObject = dict(query) if "dncGroupName" in query else await object_body(request)
    name, description = body.get("dncGroupName"), body.get("dncGroupDescription", "")
    if not isinstance(name, str) or not name.strip():
        raise invalid("dncGroupName is required")
    if not isinstance(description, str):
        raise invalid("dncGroupDescription must be a string")
    if store.name_taken(emulator, "dnc_groups", name):
        raise CxoneError(409, "Conflict", f"DNC group name '{name}' already exists")
    group_id = store.new_id(emulator, "dnc_groups")
    now = emulator.timestamp()
    group = {
        "dncGroupId": group_id,
        "dncGroupName": name,
        "dncGroupDescription": description,
        "isActive": True,
        "isRemoved": False,
        "createDate": now,
        "lastUpdateTime": now,
    }
    store.save(emulator, "dnc_groups", str(group_id), group)
    return ok({"dncGroups": [store.render_group(emulator, group)]})


async def get_group(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    key = _group_key(emulator, request, visible=True)
    group = store.render_group(emulator, store.view(emulator, "dnc_groups")[key])
    return ok({"resultSet": {"dncGroups": [group]}})


async def update_group(request: Request) -> Response:
    """PUT ?dncGroupName=&dncGroupDescription=&isActive= (query parameters; a body is ignored)."""
    api_version(request)
    emulator = emulator_of(request)
    key = _group_key(emulator, request)
    query = request.query_params
    changes: JsonObject = {}
    if "dncGroupName" in query:
        name = query["dncGroupName"]
        if not name.strip():
            raise invalid("dncGroupName must not be empty")
        if store.name_taken(emulator, "dnc_groups", name, except_key=key):
            raise CxoneError(409, "Conflict", f"DNC group name '{name}' already exists")
        changes["dncGroupName"] = name
    if "dncGroupDescription" in query:
        changes["dncGroupDescription"] = query["dncGroupDescription"]
    is_active = query_bool(request, "isActive")
    if is_active is not None:
        changes["isActive"] = is_active
    if not changes:
        raise invalid("Pass dncGroupName, dncGroupDescription or isActive as query parameters")
    group = store.update_object(emulator, "dnc_groups", key, changes)
    return ok({"dncGroups": [store.render_group(emulator, group)]})


def _membership(request: Request) -> tuple[str, str]:
    """The path's scrubbed-skills or contributing-skills, as (state section, response field)."""
    name = str(request.path_params["membership"])
    if name not in MEMBERSHIPS:
        raise CxoneError(404, "NotFound", f"Unknown DNC group resource '{name}'")
    return MEMBERSHIPS[name]


async def list_members(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    section, field = _membership(request)
    key = _group_key(emulator, request, visible=True)
    skills = store.view(emulator, "skills")
    members = [
        {"skillId": skill_id, "skillName": skills[str(skill_id)]["skillName"]}
        for skill_id in store.view(emulator, section).get(key, [])
        if str(skill_id) in skills
    ]
    chosen, links = page(request, members)
    if not chosen:
        return no_content()
    return ok({"totalRecords": len(members), "_links": links, field: chosen})


async def change_member(request: Request) -> Response:
    """POST adds the skill (adding a member again is harmless), DELETE removes it (404 if absent)."""
    api_version(request)
    emulator = emulator_of(request)
    section, _ = _membership(request)
    key = _group_key(emulator, request)
    skill_id = path_id(request, "skill_id", "Skill")
    if str(skill_id) not in emulator.state.cxone["skills"]:
        raise CxoneError(404, "NotFound", f"Skill {skill_id} was not found")
    members = list(emulator.state.cxone[section].get(key, []))
    if request.method == "POST":
        store.set_members(emulator, section, key, [*members, skill_id])
    elif skill_id in members:
        store.set_members(emulator, section, key, [member for member in members if member != skill_id])
    else:
        raise CxoneError(404, "NotFound", f"Skill {skill_id} is not assigned to DNC group {key}")
    return ok({"success": True})


async def list_records(request: Request) -> Response:
    """The group's records, expired ones (with their expiredDate) for 7 days after they expired."""
    api_version(request)
    emulator = emulator_of(request)
    key = _group_key(emulator, request, visible=True)
    numbers = store.view(emulator, "dnc_records").get(key, {})
    current = [numbers[digits] for digits in sorted(numbers) if records.listed(emulator, numbers[digits])]
    chosen, links = page(request, current)
    if not chosen:
        return no_content()
    return ok({"resultSet": {"totalRecords": len(current), "dncRecords": chosen, "_links": links}})


async def _record_list(request: Request) -> list[object]:
    body = await object_body(request)
    items = body.get("dncGroupRecords")
    if not isinstance(items, list) or not items:
        raise invalid('The body must be {"dncGroupRecords": [{"phoneNumber": ...}, ...]}')
    if len(items) > records.MAX_PER_CALL:
        raise invalid("Maximum of 4,500 records per upload exceeded")
    return items


RecordChange = Callable[[Emulator, JsonObject, str, dict[str, JsonObject]], str | None]
"""Apply one valid record to the group's numbers (keyed by digits); return an error text to refuse it."""


async def _change_records(request: Request, change: RecordChange) -> list[JsonObject]:
    """Run `change` over the body's records; a bad record fails alone. Returns the per-record results."""
    api_version(request)
    emulator = emulator_of(request)
    key = _group_key(emulator, request)
    if emulator.state.cxone["dnc_groups"][key].get("isActive") is False:
        verb = "add" if request.method == "POST" else "delete"
        raise CxoneError(409, "Conflict", f"DncGroup is inactive, can't {verb} records")
    items = await _record_list(request)
    numbers = dict(emulator.state.cxone["dnc_records"].get(key, {}))
    results: list[JsonObject] = []
    for item in items:
        problem = records.problem(item)
        if problem is not None or not isinstance(item, dict):
            results.append({"success": False, "error": problem})
            continue
        digits = records.normalised(item["phoneNumber"])
        error = change(emulator, item, digits, numbers)
        result: JsonObject = {"success": error is None, "formattedPhone": digits}
        if error is not None:
            result["error"] = error
        results.append(result)
    store.save(emulator, "dnc_records", key, numbers)
    return results


def _errors(results: list[JsonObject]) -> int:
    return sum(1 for result in results if not result["success"])


def _add(emulator: Emulator, item: JsonObject, digits: str, numbers: dict[str, JsonObject]) -> str | None:
    numbers[digits] = records.make(emulator, item, numbers.get(digits))
    return None


def _expire(emulator: Emulator, item: JsonObject, digits: str, numbers: dict[str, JsonObject]) -> str | None:
    if digits not in numbers:
        return "Phone number not found in group"
    expiry = {**item, "expiredDate": item.get("expiredDate") or emulator.timestamp()}
    numbers[digits] = records.make(emulator, expiry, numbers[digits])
    return None


async def add_records(request: Request) -> Response:
    """POST: add or update records; a bad record fails alone (200 with per-record results)."""
    results = await _change_records(request, _add)
    return ok({"resultSet": {"errorCount": _errors(results), "recordResults": results}})


async def expire_records(request: Request) -> Response:
    """DELETE with a JSON body: expire the named records (now, or at the expiredDate given)."""
    results = await _change_records(request, _expire)
    return ok({"errorCount": _errors(results), "recordResults": results})


async def search(request: Request) -> Response:
    """POST /dnc-groups/search?phoneNumber=: the groups holding the number (204 when none)."""
    api_version(request)
    emulator = emulator_of(request)
    phone = request.query_params.get("phoneNumber", "")
    problem = records.problem({"phoneNumber": phone})
    if problem is not None:
        raise invalid(problem)
    digits = records.normalised(phone)
    results: list[JsonObject] = []
    all_records = store.view(emulator, "dnc_records")
    for group in _sorted_groups(emulator):
        record = all_records.get(str(group["dncGroupId"]), {}).get(digits)
        if record is not None and records.active(emulator, record):
            results.append(
                {
                    "dncGroupId": group["dncGroupId"],
                    "dncGroupName": group["dncGroupName"],
                    "dncGroupDescription": group["dncGroupDescription"],
                    "formattedPhone": digits,
                    "expiredDate": record["expiredDate"],
                    "dateCollected": record["dateCollected"],
                    "lastUpdateTime": record["lastUpdateTime"],
                }
            )
    return ok({"searchResults": results}) if results else no_content()
