"""/campaigns (reporting groups of skills, v33.0 flat bodies) and the read-only lookups the reconciler
resolves names with: /business-unit/outbound-routes (scripts: reconciler.emulator.cxone.scripts).

A skill's campaign is the skill's campaignId: assigning a skill through /campaigns/{id}/skills sets it,
and PUT /skills/{id} with a campaignId moves the skill just the same.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.fields import check_fields, invalid
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
from reconciler.emulator.errors import CxoneError
from reconciler.emulator.state import JsonObject

CAMPAIGN_FIELDS = {
    "name": "str",
    "description": "str",
    "notes": "str",
    "isActive": "bool",
    "divisionId": "str|int",
}
FLAT_BODY_VERSION = 33


def _campaign_key(emulator: Emulator, request: Request, *, visible: bool = False) -> str:
    campaign_id = path_id(request, "campaign_id", "Campaign")
    campaigns = store.view(emulator, "campaigns") if visible else emulator.state.cxone["campaigns"]
    if str(campaign_id) not in campaigns:
        raise CxoneError(404, "NotFound", f"Campaign {campaign_id} was not found")
    return str(campaign_id)


async def _campaign_body(request: Request, emulator: Emulator, except_key: str | None) -> JsonObject:
    """The flat v33.0 body; older versions fail on it with a 500 as real CXone does (cxone-api.md §4.4)."""
    if api_version(request) < FLAT_BODY_VERSION:
        raise CxoneError(500, "InternalServerError", "An error has occurred.")
    fields = check_fields(await object_body(request), CAMPAIGN_FIELDS, "campaign")
    name = fields.get("name")
    if not isinstance(name, str) or not name.strip():
        raise invalid("name is required")
    if store.name_taken(emulator, "campaigns", name, except_key=except_key):
        raise CxoneError(409, "Conflict", f"Campaign name '{name}' already exists")
    return fields


async def list_campaigns(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    campaigns = sorted(store.view(emulator, "campaigns").values(), key=lambda item: int(item["id"]))
    if request.query_params.get("searchString"):
        text = request.query_params["searchString"].casefold()
        campaigns = [item for item in campaigns if text in str(item.get("name", "")).casefold()]
    is_active = query_bool(request, "isActive")
    if is_active is not None:
        campaigns = [item for item in campaigns if bool(item.get("isActive")) == is_active]
    chosen, links = page(request, campaigns)
    if not chosen:
        return no_content()
    body = {"totalRecords": len(campaigns), "businessUnitId": BUSINESS_UNIT_ID, "campaigns": chosen}
    return ok({**body, "_links": links})


async def create_campaign(request: Request) -> Response:
    emulator = emulator_of(request)
    fields = await _campaign_body(request, emulator, None)
    campaign_id = store.new_id(emulator, "campaigns")
    campaign = {
        "id": campaign_id,
        "description": "",
        "notes": "",
        "isActive": True,
        "divisionId": None,
        **fields,
    }
    campaign["lastUpdateTime"] = emulator.timestamp()
    store.save(emulator, "campaigns", str(campaign_id), campaign)
    return ok({"id": campaign_id})


async def get_campaign(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    return ok(store.view(emulator, "campaigns")[_campaign_key(emulator, request, visible=True)])


async def update_campaign(request: Request) -> Response:
    """PUT: name is required (as in the spec); the other fields change only when sent."""
    emulator = emulator_of(request)
    key = _campaign_key(emulator, request)
    fields = await _campaign_body(request, emulator, key)
    return ok(store.update_object(emulator, "campaigns", key, fields))


def _skill_summary(skill: JsonObject) -> JsonObject:
    rendered = {name: skill.get(name) for name in ("skillId", "skillName", "mediaTypeId", "isActive")}
    return rendered


async def list_campaign_skills(request: Request) -> Response:
    """GET /campaigns/{id}/skills, or .../skills/unassigned for the skills of other campaigns or none."""
    api_version(request)
    emulator = emulator_of(request)
    key = _campaign_key(emulator, request, visible=True)
    assigned = not request.url.path.rstrip("/").endswith("/unassigned")
    skills = sorted(store.view(emulator, "skills").values(), key=lambda skill: int(skill["skillId"]))
    members = [_skill_summary(s) for s in skills if (str(s.get("campaignId")) == key) == assigned]
    chosen, links = page(request, members)
    if not chosen:
        return no_content()
    return ok(
        {"businessUnitId": BUSINESS_UNIT_ID, "totalRecords": len(members), "skills": chosen, "_links": links}
    )


def _skill_ids(emulator: Emulator, body: JsonObject, key: str, adding: bool) -> list[Any]:
    add_all = body.get("addAll", False)
    if not isinstance(add_all, bool):
        raise invalid("addAll must be true or false")
    items = body.get("skills", [])
    if not isinstance(items, list) or (not items and not add_all):
        raise invalid('The body must be {"skills": [skill ids]} (or {"addAll": true})')
    ids = [item.get("skillId") if isinstance(item, dict) else item for item in items]
    if add_all:
        skills = emulator.state.cxone["skills"].values()
        in_campaign = [s["skillId"] for s in skills if str(s.get("campaignId")) == key]
        ids = [s["skillId"] for s in skills if s["skillId"] not in in_campaign] if adding else in_campaign
    return ids


async def change_campaign_skills(request: Request) -> Response:
    """POST assigns skills to the campaign (setting each skill's campaignId), DELETE removes them;
    200 with a result per skill."""
    api_version(request)
    emulator = emulator_of(request)
    key = _campaign_key(emulator, request)
    adding = request.method == "POST"
    ids = _skill_ids(emulator, await object_body(request), key, adding)
    results: list[JsonObject] = []
    for skill_id in ids:
        skill = emulator.state.cxone["skills"].get(str(skill_id))
        if skill is None or isinstance(skill_id, bool):
            results.append(
                {"skillId": skill_id, "success": False, "error": f"Skill {skill_id} was not found"}
            )
        elif not adding and str(skill.get("campaignId")) != key:
            error = f"Skill {skill_id} is not assigned to campaign {key}"
            results.append({"skillId": skill_id, "success": False, "error": error})
        else:
            store.update_object(
                emulator, "skills", str(skill_id), {"campaignId": int(key) if adding else None}
            )
            results.append({"skillId": skill_id, "success": True})
    errors = sum(1 for result in results if not result["success"])
    return ok({"errorCount": errors, "skillResults": results})


async def outbound_routes(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    routes = sorted(
        store.view(emulator, "outbound_routes").values(), key=lambda r: int(r["outboundTelecomRouteId"])
    )
    return ok({"outboundRoutes": routes}) if routes else no_content()
