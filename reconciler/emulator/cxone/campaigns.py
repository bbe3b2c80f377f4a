"""/campaigns (reporting groups of skills, v33.0 flat bodies) and the read-only lookups the reconciler
resolves names with: /business-unit/outbound-routes (scripts: reconciler.emulator.cxone.scripts).

A skill's campaign is the skill's campaignId: /campaigns/{id}/skills (campaign_skills) moves skills
between campaigns, and PUT /skills/{id} with a campaignId moves the skill just the same. A campaign that
still has active skills cannot be made inactive (409, as the Admin API specification documents).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.campaign_skills import campaign_key
from reconciler.emulator.cxone.fields import check_fields, invalid
from reconciler.emulator.cxone.http import (
    BUSINESS_UNIT_ID,
    api_version,
    emulator_of,
    no_content,
    object_body,
    ok,
    page,
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


ACTIVE_SKILLS_CONFLICT = (
    "Cannot make a Campaign with active skills inactive.  Please move active skills to another campaign "
    "or make the skills inactive"
)
"""The 409 text of PUT /campaigns/{id} in the Admin API specification."""


async def _campaign_body(request: Request, emulator: Emulator, except_key: str | None) -> JsonObject:
    """The flat v33.0 body; older versions fail on it with a 500 as real CXone does (developer.niceincontact.com/API/AdminAPI)."""
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
    return ok(store.view(emulator, "campaigns")[campaign_key(emulator, request, visible=True)])


async def update_campaign(request: Request) -> Response:
    """PUT: name is required (as in the spec); the other fields change only when sent."""
    emulator = emulator_of(request)
    key = campaign_key(emulator, request)
    fields = await _campaign_body(request, emulator, key)
    if (
        fields.get("isActive") is False
        and emulator.state.cxone["campaigns"][key].get("isActive") is not False
    ):
        skills = emulator.state.cxone["skills"].values()
        if any(str(s.get("campaignId")) == key and s.get("isActive", True) for s in skills):
            raise CxoneError(409, "Conflict", ACTIVE_SKILLS_CONFLICT)
    return ok(store.update_object(emulator, "campaigns", key, fields))


async def outbound_routes(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    routes = sorted(
        store.view(emulator, "outbound_routes").values(), key=lambda r: int(r["outboundTelecomRouteId"])
    )
    return ok({"outboundRoutes": routes}) if routes else no_content()
