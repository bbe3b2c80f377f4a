"""Personal Connection dialer parameters: /skills/parameters, /skills/{id}/parameters[/{block}].

Each block has its own PUT with its own wrapper ({"generalSettings": {...}}, {"timeZoneSettings": [...]}
...); cadence-settings and list-management take top-level bodies. Objects are merged (omitted fields
keep their values); a time-zones PUT deactivates the zones it does not list. The per-block GETs answer
the PUT shapes, the aggregate GETs their own (emulator.cxone.aggregate); values outside the documented
bounds (fields.RANGES) are a 400 naming the field. general-settings and retry-settings share
maximumAttempts and minimumRetryMinutes. Only outbound Personal Connection skills have parameters.
"""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.aggregate import aggregate
from reconciler.emulator.cxone.defaults import TIME_ZONE_DESCRIPTIONS, default_parameters
from reconciler.emulator.cxone.fields import (
    BLOCK_PATHS,
    CADENCE,
    CPA,
    DELIVERY,
    GENERAL,
    LIST_MANAGEMENT,
    RETRY,
    SCHEDULE,
    TIME_ZONE,
    XS,
    XS_ALIASES,
    FieldTable,
    check_fields,
    check_ranges,
    invalid,
)
from reconciler.emulator.cxone.http import api_version, emulator_of, no_content, object_body, ok
from reconciler.emulator.cxone.skills import existing_skill, visible_skill
from reconciler.emulator.errors import CxoneError
from reconciler.emulator.state import JsonObject

WRAPPED: dict[str, FieldTable] = {
    "generalSettings": GENERAL,
    "retrySettings": RETRY,
    "scheduleSettings": SCHEDULE,
    "cpaSettings": CPA,
    "deliveryPreferences": DELIVERY,
    "xsSettings": XS,
}
TOP_LEVEL: dict[str, FieldTable] = {"cadenceSettings": CADENCE, "listManagementSettings": LIST_MANAGEMENT}


def _block(request: Request) -> str:
    name = str(request.path_params["block"])
    block = BLOCK_PATHS.get(name)
    if block is None:
        raise CxoneError(404, "NotFound", f"Unknown skill parameters '{name}'")
    return block


def _require_personal_connection(skill: JsonObject) -> None:
    if not store.is_personal_connection(skill):
        raise invalid(f"Skill {skill['skillId']} is not an outbound Personal Connection skill")


def render(parameters: JsonObject) -> JsonObject:
    """Blocks as GET returns them: time-zone entries also carry name and description."""
    rendered = copy.deepcopy(parameters)
    for zone in rendered.get("timeZoneSettings", []):
        standard = zone.get("standardName", "")
        zone["name"] = standard
        zone["description"] = TIME_ZONE_DESCRIPTIONS.get(standard, standard)
    return rendered


def _parameters_of(emulator: Emulator, skill: JsonObject) -> JsonObject:
    """The stored blocks in their per-block GET shapes."""
    found = store.view(emulator, "parameters").get(str(skill["skillId"]))
    return render(found if found is not None else default_parameters())


def _aggregate_of(emulator: Emulator, skill: JsonObject) -> JsonObject:
    """The blocks as the aggregate GETs answer them (a shape of their own, emulator.cxone.aggregate)."""
    found = store.view(emulator, "parameters").get(str(skill["skillId"]))
    return aggregate(found if found is not None else default_parameters())


def _with_skill(skill: JsonObject, parameters: JsonObject) -> JsonObject:
    return {"skillName": skill["skillName"], "skillNo": skill["skillId"], **parameters}


async def all_skills_parameters(request: Request) -> Response:
    """GET /skills/parameters: every Personal Connection skill's blocks at once."""
    api_version(request)
    emulator = emulator_of(request)
    skills = sorted(store.view(emulator, "skills").values(), key=lambda skill: int(skill["skillId"]))
    items = [
        _with_skill(skill, _aggregate_of(emulator, skill))
        for skill in skills
        if store.is_personal_connection(skill)
    ]
    return ok({"skills": items}) if items else no_content()


async def skill_parameters(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    skill = visible_skill(emulator, request)
    _require_personal_connection(skill)
    return ok(_with_skill(skill, _aggregate_of(emulator, skill)))


async def get_block(request: Request) -> Response:
    """One block: an object block as a plain object, time zones as {"timeZoneSettings": [...]}."""
    api_version(request)
    emulator = emulator_of(request)
    block = _block(request)
    skill = visible_skill(emulator, request)
    _require_personal_connection(skill)
    value = _parameters_of(emulator, skill)[block]
    return ok({block: value} if isinstance(value, list) else value)


def _time_zones(body: JsonObject) -> list[JsonObject]:
    zones = body.get("timeZoneSettings")
    if not isinstance(zones, list) or not all(isinstance(zone, dict) for zone in zones):
        raise invalid('The body must be {"timeZoneSettings": [ {...}, ... ]}')
    accepted: list[JsonObject] = []
    for zone in zones:
        fields = check_fields(zone, TIME_ZONE, "timeZoneSettings")
        check_ranges(fields, "timeZoneSettings")
        name = fields.get("standardName")
        if not isinstance(name, str) or not name.strip():
            raise invalid("timeZoneSettings: each entry needs a standardName")
        if any(other["standardName"] == name for other in accepted):
            raise invalid(f"timeZoneSettings: {name} is listed more than once")
        accepted.append(fields)
    return accepted


def _block_value(block: str, body: JsonObject) -> Any:
    """The validated value a PUT body gives `block`; a wrong or missing wrapper is InvalidParameter."""
    if block == "timeZoneSettings":
        return _time_zones(body)
    if block in TOP_LEVEL:
        fields = check_fields(body, TOP_LEVEL[block], block)
        if not fields:
            names = ", ".join(TOP_LEVEL[block])
            raise invalid(f"{block}: the body is a top-level object with one or more of: {names}")
        check_ranges(fields, block)
        if "maximumAttempts" in fields:
            fields["cadenceMaximumAttempts"] = fields.pop("maximumAttempts")
        return fields
    inner = body.get(block)
    if not isinstance(inner, dict):
        raise invalid(f'The body must be {{"{block}": {{ ... }}}}')
    if block == "xsSettings":
        inner = {XS_ALIASES.get(name, name): value for name, value in inner.items()}
    fields = check_fields(inner, WRAPPED[block], block)
    if block == "cpaSettings" and not all(isinstance(item, dict) for item in fields.get("exceptions") or []):
        raise invalid("cpaSettings: exceptions is a list of objects")
    check_ranges(fields, block)
    return fields


async def put_block(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    block = _block(request)
    key, skill = existing_skill(emulator, request)
    _require_personal_connection(skill)
    value = _block_value(block, await object_body(request))
    store.merge_block(emulator, key, block, value)
    return ok({"success": True, "skillId": int(key)})
