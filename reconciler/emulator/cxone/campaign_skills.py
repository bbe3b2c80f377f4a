"""/campaigns/{id}/skills: a campaign's skills, assigning skills to it, and transferring them away.

A skill always belongs to a campaign ("Active skills must be associated with an active campaign"):
POST /campaigns/{id}/skills moves skills into the campaign (the v33.0 body `{addAll?, skills: [ids]}`
answered with `{assignedSkills: [ids], invalidSkills: [ids]}`, as in the client generated from the
current specification, calljacob/nice-cxone-api); DELETE /campaigns/{id}/skills removes skills only by
transferring each to another campaign (`{skills: [{skillId, transferCampaignId}]}`, answered with
`{errorCount, results: [...]}`, as the Admin API specification of developer.niceincontact.com
documents it). Listing items are `{mediaType, mediaName, skillId, skillName}`.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.fields import MEDIA_TYPES, invalid
from reconciler.emulator.cxone.http import (
    BUSINESS_UNIT_ID,
    api_version,
    emulator_of,
    no_content,
    object_body,
    ok,
    page,
    path_id,
)
from reconciler.emulator.errors import CxoneError
from reconciler.emulator.state import JsonObject

ASSIGN_ANSWER_VERSION = 33
"""From v33.0 the assign answer is {assignedSkills, invalidSkills}; before, {errorCount, results}."""


def campaign_key(emulator: Emulator, request: Request, *, visible: bool = False) -> str:
    campaign_id = path_id(request, "campaign_id", "Campaign")
    campaigns = store.view(emulator, "campaigns") if visible else emulator.state.cxone["campaigns"]
    if str(campaign_id) not in campaigns:
        raise CxoneError(404, "NotFound", f"Campaign {campaign_id} was not found")
    return str(campaign_id)


def _summary(skill: JsonObject) -> JsonObject:
    media = int(skill.get("mediaTypeId") or 0)
    name = MEDIA_TYPES.get(media, "Unknown")
    return {
        "mediaType": media,
        "mediaName": name,
        "skillId": skill["skillId"],
        "skillName": skill["skillName"],
    }


async def list_campaign_skills(request: Request) -> Response:
    """GET /campaigns/{id}/skills, or .../skills/unassigned for the skills of the other campaigns."""
    api_version(request)
    emulator = emulator_of(request)
    key = campaign_key(emulator, request, visible=True)
    assigned = not request.url.path.rstrip("/").endswith("/unassigned")
    skills = sorted(store.view(emulator, "skills").values(), key=lambda skill: int(skill["skillId"]))
    members = [_summary(s) for s in skills if (str(s.get("campaignId")) == key) == assigned]
    chosen, links = page(request, members)
    if not chosen:
        return no_content()
    return ok(
        {"businessUnitId": BUSINESS_UNIT_ID, "totalRecords": len(members), "skills": chosen, "_links": links}
    )


def _skill_ids(emulator: Emulator, body: JsonObject, key: str) -> list[Any]:
    add_all = body.get("addAll", False)
    if not isinstance(add_all, bool):
        raise invalid("addAll must be true or false")
    items = body.get("skills", [])
    if not isinstance(items, list) or (not items and not add_all):
        raise invalid('The body must be {"skills": [skill ids]} (or {"addAll": true})')
    if add_all:
        skills = emulator.state.cxone["skills"].values()
        return [s["skillId"] for s in skills if str(s.get("campaignId")) != key]
    return [item.get("skillId") if isinstance(item, dict) else item for item in items]


def _move_refused(emulator: Emulator, skill_id: Any, target: str) -> str | None:
    """Why `skill_id` cannot move into campaign `target`, or None (and then it has moved)."""
    skill = emulator.state.cxone["skills"].get(str(skill_id))
    if skill is None or isinstance(skill_id, bool):
        return f"Invalid skillId - '{skill_id}'"
    campaign = emulator.state.cxone["campaigns"].get(target)
    if campaign is None:
        return f"Invalid transferCampaignId - '{target}'"
    if skill.get("isActive", True) and campaign.get("isActive") is False:
        return "Active skills must be associated with an active campaign"
    store.update_object(emulator, "skills", str(skill_id), {"campaignId": int(target)})
    return None


async def assign_skills(request: Request) -> Response:
    """POST: move the skills into this campaign (from whichever campaign held them)."""
    version = api_version(request)
    emulator = emulator_of(request)
    key = campaign_key(emulator, request)
    ids = _skill_ids(emulator, await object_body(request), key)
    refused = {index: _move_refused(emulator, skill_id, key) for index, skill_id in enumerate(ids)}
    if version >= ASSIGN_ANSWER_VERSION:
        assigned = [skill_id for index, skill_id in enumerate(ids) if refused[index] is None]
        invalid_ids = [skill_id for index, skill_id in enumerate(ids) if refused[index] is not None]
        return ok({"assignedSkills": assigned, "invalidSkills": invalid_ids})
    results = [
        {
            "success": refused[index] is None,
            "skillId": skill_id,
            **({"error": refused[index]} if refused[index] else {}),
        }
        for index, skill_id in enumerate(ids)
    ]
    errors = sum(1 for result in results if not result["success"])
    return ok({"errorCount": errors, "results": results}, 206 if 0 < errors < len(results) else 200)


def _transfer_refused(emulator: Emulator, item: Any, key: str) -> str | None:
    if not isinstance(item, dict):
        return 'Each item is {"skillId": ..., "transferCampaignId": ...}'
    skill_id, target = item.get("skillId"), item.get("transferCampaignId")
    skill = emulator.state.cxone["skills"].get(str(skill_id))
    if skill is None or isinstance(skill_id, bool):
        return f"Invalid skillId - '{skill_id}'"
    if str(skill.get("campaignId")) != key:
        return f"Skill {skill_id} is not assigned to campaign {key}"
    if target is None or isinstance(target, bool) or str(target) == key:
        return "transferCampaignId is required: a skill always belongs to a campaign"
    return _move_refused(emulator, skill_id, str(target))


async def transfer_skills(request: Request) -> Response:
    """DELETE: each skill leaves this campaign for its transferCampaignId; none is left without one."""
    api_version(request)
    emulator = emulator_of(request)
    key = campaign_key(emulator, request)
    items = (await object_body(request)).get("skills")
    if not isinstance(items, list) or not items:
        raise invalid('The body must be {"skills": [{"skillId": ..., "transferCampaignId": ...}]}')
    results: list[JsonObject] = []
    for item in items:
        error = _transfer_refused(emulator, item, key)
        skill_id = item.get("skillId") if isinstance(item, dict) else None
        target = item.get("transferCampaignId") if isinstance(item, dict) else None
        result: JsonObject = {"skillId": skill_id, "transferCampaignId": target, "success": error is None}
        if error is not None:
            result["error"] = error
        results.append(result)
    errors = sum(1 for result in results if not result["success"])
    return ok({"errorCount": errors, "results": results}, 206 if 0 < errors < len(results) else 200)
