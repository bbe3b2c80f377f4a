"""/skills: list (skip/top, filters, 204 when empty), get, batch create, PUT {"skill": ...}, start/stop.

Skills cannot be deleted (deactivate with isActive false). New skills are created not running; running
state is operational and changes only through /start and /stop.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.dispositions import check_assignment
from reconciler.emulator.cxone.fields import (
    MEDIA_TYPES,
    OUTBOUND_STRATEGIES,
    SKILL_CREATE,
    SKILL_REFERENCES,
    check_fields,
    invalid,
)
from reconciler.emulator.cxone.http import (
    BUSINESS_UNIT_ID,
    api_version,
    emulator_of,
    no_content,
    object_body,
    ok,
    page,
    path_id,
    query_bool,
)
from reconciler.emulator.cxone.records import parse_date
from reconciler.emulator.cxone.skill_rules import RUNNING, check_screen_pop, check_skill_name, check_skill_put
from reconciler.emulator.errors import CxoneError
from reconciler.emulator.state import JsonObject


def not_found(skill_id: int) -> CxoneError:
    return CxoneError(404, "NotFound", f"Skill {skill_id} was not found")


def existing_skill(emulator: Emulator, request: Request) -> tuple[str, JsonObject]:
    """The skill named by the path, as writes see it (the current state)."""
    skill_id = path_id(request, "skill_id", "Skill")
    skill = emulator.state.cxone["skills"].get(str(skill_id))
    if skill is None:
        raise not_found(skill_id)
    return str(skill_id), skill


def visible_skill(emulator: Emulator, request: Request) -> JsonObject:
    """The skill named by the path, as reads see it."""
    skill_id = path_id(request, "skill_id", "Skill")
    skill = store.view(emulator, "skills").get(str(skill_id))
    if skill is None:
        raise not_found(skill_id)
    skill_object: JsonObject = skill
    return skill_object


def _check_references(emulator: Emulator, fields: JsonObject) -> None:
    for field, section in SKILL_REFERENCES.items():
        value = fields.get(field)
        if value is not None and str(value) not in emulator.state.cxone[section]:
            raise invalid(f"Invalid {field}: {value} does not exist")
    check_assignment(emulator, fields.get("dispositions"))


def _check_ranges(fields: JsonObject, current: JsonObject) -> None:
    for name in ("initialPriority", "acceleration", "maxPriority", "serviceLevelThreshold", "agentRestTime"):
        if (fields.get(name) or 0) < 0:
            raise invalid(f"{name} must not be negative")
    ports, threshold = fields.get("agentlessPorts"), fields.get("shortAbandonThreshold")
    if ports is not None and not 1 <= ports <= 10:
        raise invalid("agentlessPorts must be between 1 and 10")
    if threshold is not None and not 0 <= threshold <= 300:
        raise invalid("shortAbandonThreshold must be between 0 and 300")
    goal = fields.get("serviceLevelGoal")
    if goal is not None and not 0 <= goal <= 100:
        raise invalid("serviceLevelGoal must be between 0 and 100")
    merged = {**current, **fields}
    initial, maximum = merged.get("initialPriority"), merged.get("maxPriority")
    if initial is not None and maximum is not None and initial > maximum:
        raise invalid("initialPriority must not exceed maxPriority")


def _new_skill_fields(emulator: Emulator, item: Any, batch_names: set[str]) -> JsonObject:
    """The validated fields of one POST /skills item; a CxoneError names what is wrong with it."""
    if not isinstance(item, dict):
        raise invalid("Each skill is a JSON object")
    check_screen_pop(item)
    fields = check_fields(item, SKILL_CREATE, "skill")
    name = check_skill_name(fields.get("skillName"))
    if store.name_taken(emulator, "skills", name) or name.casefold() in batch_names:
        raise invalid(f"Skill name '{name}' already exists")
    if fields.get("mediaTypeId") not in MEDIA_TYPES:
        raise invalid(f"mediaTypeId is required and must be one of {sorted(MEDIA_TYPES)}")
    strategy = fields.get("outboundStrategy")
    if fields.get("isOutbound"):
        if strategy not in OUTBOUND_STRATEGIES:
            raise invalid(f"outboundStrategy must be one of {', '.join(OUTBOUND_STRATEGIES)}")
        if fields["mediaTypeId"] == 4 and fields.get("campaignId") is None:
            raise invalid("campaignId is required for an outbound phone skill")
    elif strategy is not None:
        raise invalid("outboundStrategy applies to outbound skills only (isOutbound true)")
    _check_references(emulator, fields)
    _check_ranges(fields, {})
    return fields


async def list_skills(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    skills = [skill for _, skill in sorted(store.view(emulator, "skills").items(), key=lambda kv: int(kv[0]))]
    query = request.query_params
    if query.get("mediaTypeId"):
        skills = [s for s in skills if str(s.get("mediaTypeId")) == query["mediaTypeId"]]
    if query.get("outboundStrategy"):
        wanted = query["outboundStrategy"].casefold()
        skills = [s for s in skills if str(s.get("outboundStrategy") or "").casefold() == wanted]
    is_active = query_bool(request, "isActive")
    if is_active is not None:
        skills = [s for s in skills if bool(s.get("isActive")) == is_active]
    if query.get("searchString"):
        text = query["searchString"].casefold()
        skills = [s for s in skills if text in str(s.get("skillName", "")).casefold()]
    if query.get("updatedSince"):
        since = parse_date(query["updatedSince"])
        if since is None:
            raise invalid("updatedSince must be an ISO date-time")
        skills = [s for s in skills if (parse_date(str(s.get("lastUpdateTime"))) or since) >= since]
    chosen, links = page(request, skills)
    if not chosen:
        return no_content()
    return ok(
        {
            "businessUnitId": BUSINESS_UNIT_ID,
            "lastPollTime": emulator.timestamp(),
            "totalRecords": len(skills),
            "skills": [store.render_skill(emulator, skill) for skill in chosen],
            "_links": links,
        }
    )


async def create_skills(request: Request) -> Response:
    """Batch create: 200 with a result per item, failures included (developer.niceincontact.com/API/AdminAPI)."""
    api_version(request)
    emulator = emulator_of(request)
    body = await object_body(request)
    items = body.get("skills")
    if not isinstance(items, list) or not items:
        raise invalid('The body must be {"skills": [ ... ]} with at least one skill')
    results: list[JsonObject] = []
    batch_names: set[str] = set()
    for item in items:
        try:
            fields = _new_skill_fields(emulator, item, batch_names)
        except CxoneError as error:
            results.append({"success": False, "error": error.description})
            continue
        skill = store.create_skill(emulator, fields)
        batch_names.add(str(skill["skillName"]).casefold())
        results.append({"success": True})  # the answer carries no skillId (postSkillDetailsResponse)
    errors = sum(1 for result in results if not result["success"])
    return ok({"errorCount": errors, "skillsResults": results})


async def get_skill(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    return ok(store.render_skill(emulator, visible_skill(emulator, request)))


async def update_skill(request: Request) -> Response:
    """PUT {"skill": {...}}: only the fields sent change; a field the PUT schema lacks, a mistyped one, a
    running skill (409) or a name in use refuse the whole request (reconciler.emulator.cxone.skill_rules)."""
    api_version(request)
    emulator = emulator_of(request)
    key, skill = existing_skill(emulator, request)
    body = await object_body(request)
    changes = body.get("skill")
    if not isinstance(changes, dict):
        raise invalid('The body must be {"skill": { ... }}')
    fields = check_skill_put(changes)
    if skill.get("isRunning"):
        raise RUNNING
    if "skillName" in fields and store.name_taken(emulator, "skills", fields["skillName"], except_key=key):
        raise invalid("Skill name in use")
    _check_references(emulator, fields)
    _check_ranges(fields, skill)
    if fields.get("isActive") is False:
        fields["isRunning"] = False
    store.update_object(emulator, "skills", key, fields)
    return ok({"success": True, "skillId": int(key)})


async def _set_running(request: Request, running: bool) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    key, skill = existing_skill(emulator, request)
    if not store.is_personal_connection(skill):
        raise invalid("Only Personal Connection skills can be started or stopped")
    if running and not skill.get("isActive"):
        raise invalid("An inactive skill cannot be started")
    if running is False:
        query_bool(request, "force")
    store.save(emulator, "skills", key, {**skill, "isRunning": running})
    return Response(status_code=202)


async def start_skill(request: Request) -> Response:
    return await _set_running(request, True)


async def stop_skill(request: Request) -> Response:
    return await _set_running(request, False)
