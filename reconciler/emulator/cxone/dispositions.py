"""/dispositions: list, batch create (206 when an item fails), get, PUT, the classifications, and the
dispositions a skill offers (/skills/{id}/dispositions).

Shapes and rules from the Admin API specification (developer.niceincontact.com/API/AdminAPI "General" and
"Skills", as published in mark05e/NiceIncontactAPI-Admin: getdispositionsResponse, postdispositionsRequest,
GetDispositonResponse, getSkillDispositionsResponse) and, for the PUT body, the newer generated client
calljacob/nice-cxone-api (putDispositionsId takes a JSON body; the 2022 text has query parameters). Names
are 1-50 characters and unique (case-insensitive, like the other CXone names); a disposition cannot be
deleted, only deactivated. A skill's set is the `dispositions` list of its PUT body (skills.py), checked
here: every item names an existing disposition once, with an integer priority.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.defaults import CLASSIFICATIONS
from reconciler.emulator.cxone.fields import FieldTable, check_fields, invalid
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

NAME_MAX = 50
DISPOSITION_PUT: FieldTable = {
    "dispositionName": "str",
    "classificationId": "id",
    "isPreviewDisposition": "bool",
    "isActive": "bool",
    "notes": "str",
}
"""PUT /dispositions/{id}: the v33 client's body (calljacob/nice-cxone-api putDispositionsId)."""
DISPOSITION_CREATE: FieldTable = {
    "dispositionName": "str",
    "isPreviewDisposition": "bool",
    "classificationId": "id",
}
"""POST /dispositions items (postdispositionsRequest): all three required, classificationId nullable."""


def _not_found(disposition_id: int) -> CxoneError:
    return CxoneError(404, "NotFound", f"Invalid dispositionId - '{disposition_id}'")


def _classification(value: Any) -> JsonObject | None:
    return next((c for c in CLASSIFICATIONS if c["classificationId"] == value), None)


def _check_name(emulator: Emulator, name: Any, except_key: str | None, taken: set[str]) -> str:
    if not isinstance(name, str) or not name.strip():
        raise invalid("Invalid DispositionName - the name must not be empty")
    if len(name) > NAME_MAX:
        raise invalid(f"Invalid DispositionName - at most {NAME_MAX} characters (got {len(name)})")
    if store.name_taken(emulator, "dispositions", name, except_key=except_key) or name.casefold() in taken:
        raise CxoneError(409, "Conflict", f"Invalid DispositionName - '{name}' already exists")
    return name


def _check_classification(fields: JsonObject) -> None:
    value = fields.get("classificationId")
    if value is not None and _classification(value) is None:
        raise invalid(f"Invalid classificationId - '{value}'")


def render(disposition: JsonObject) -> JsonObject:
    """A disposition as GET returns it (GetDispositonResponse, with the v33 client's name fields)."""
    classification = _classification(disposition.get("classificationId")) or {}
    return {
        **disposition,
        "classificationName": classification.get("classificationName"),
        "systemOutcome": classification.get("systemOutcome"),
    }


async def list_dispositions(request: Request) -> Response:
    """GET /dispositions: skip/top, searchString, isPreviewDispositions (and the v33 client's isActive)."""
    api_version(request)
    emulator = emulator_of(request)
    items = [
        item for _, item in sorted(store.view(emulator, "dispositions").items(), key=lambda kv: int(kv[0]))
    ]
    text = request.query_params.get("searchString")
    if text:
        items = [item for item in items if text.casefold() in str(item.get("dispositionName", "")).casefold()]
    for query, field in (("isPreviewDispositions", "isPreviewDisposition"), ("isActive", "isActive")):
        wanted = query_bool(request, query)
        if wanted is not None:
            items = [item for item in items if bool(item.get(field)) == wanted]
    chosen, links = page(request, items)
    return ok(
        {
            "businessUnitId": BUSINESS_UNIT_ID,
            "totalRecords": len(items),
            "dispositions": [render(item) for item in chosen],
            "_links": links,
        }
    )


def _new_fields(emulator: Emulator, item: Any, taken: set[str]) -> JsonObject:
    if not isinstance(item, dict):
        raise invalid("Each disposition is a JSON object")
    unknown = sorted(set(item) - DISPOSITION_CREATE.keys())
    if unknown:
        raise invalid(f"Invalid UnauthorizedParameter: {', '.join(unknown)}")
    missing = [name for name in DISPOSITION_CREATE if name not in item]
    if missing:
        raise invalid(f"Missing required field - '{missing[0]}'")
    fields = check_fields(item, DISPOSITION_CREATE, "disposition")
    if fields.get("isPreviewDisposition") is None:
        raise invalid("Missing required field - 'isPreviewDisposition'")
    _check_name(emulator, fields["dispositionName"], None, taken)
    _check_classification(fields)
    return fields


async def create_dispositions(request: Request) -> Response:
    """Batch create: 200 when every item was created, else 206 with each item's result."""
    api_version(request)
    emulator = emulator_of(request)
    items = (await object_body(request)).get("dispositions")
    if not isinstance(items, list) or not items:
        raise invalid("Invalid Dispositions - cannot be null or empty")
    results: list[JsonObject] = []
    taken: set[str] = set()
    for item in items:
        try:
            fields = _new_fields(emulator, item, taken)
        except CxoneError as error:
            results.append({"dispositionId": 0, "success": False, "error": error.description})
            continue
        key = str(store.new_id(emulator, "dispositions"))
        disposition = {
            "dispositionId": int(key),
            "notes": "",
            "isActive": True,
            **fields,
            "classificationId": fields.get("classificationId") or CLASSIFICATIONS[0]["classificationId"],
            "lastUpdated": emulator.timestamp(),
        }
        store.save(emulator, "dispositions", key, disposition)
        taken.add(str(fields["dispositionName"]).casefold())
        results.append({"dispositionId": int(key), "success": True})
    errors = sum(1 for result in results if not result["success"])
    return ok({"errorCount": errors, "dispositionResults": results}, status=206 if errors else 200)


def _visible(emulator: Emulator, request: Request) -> JsonObject:
    disposition_id = path_id(request, "disposition_id", "Disposition")
    found: JsonObject | None = store.view(emulator, "dispositions").get(str(disposition_id))
    if found is None:
        raise _not_found(disposition_id)
    return found


async def get_disposition(request: Request) -> Response:
    api_version(request)
    return ok(render(_visible(emulator_of(request), request)))


async def update_disposition(request: Request) -> Response:
    """PUT {dispositionName?, classificationId?, isPreviewDisposition?, isActive?, notes?}: only what is sent
    changes; an unknown field is refused whole, a name in use is 409."""
    api_version(request)
    emulator = emulator_of(request)
    disposition_id = path_id(request, "disposition_id", "Disposition")
    key = str(disposition_id)
    if key not in emulator.state.cxone["dispositions"]:
        raise _not_found(disposition_id)
    body = await object_body(request)
    unknown = sorted(set(body) - DISPOSITION_PUT.keys())
    if unknown:
        raise invalid(f"Invalid UnauthorizedParameter: {', '.join(unknown)}")
    fields = check_fields(body, DISPOSITION_PUT, "disposition")
    if "dispositionName" in fields:
        _check_name(emulator, fields["dispositionName"], key, set())
    _check_classification(fields)
    changes = {**fields, "lastUpdated": emulator.timestamp()}
    store.save(emulator, "dispositions", key, {**emulator.state.cxone["dispositions"][key], **changes})
    return ok({})


async def list_classifications(request: Request) -> Response:
    """GET /dispositions/classifications: the system list (the emulator's own, docs/emulator.md)."""
    api_version(request)
    return ok(
        {
            "businessUnitId": BUSINESS_UNIT_ID,
            "totalRecords": len(CLASSIFICATIONS),
            "classificationResults": [
                {**item, "businessUnitId": BUSINESS_UNIT_ID} for item in CLASSIFICATIONS
            ],
        }
    )


def check_assignment(emulator: Emulator, value: Any) -> None:
    """A skill body's `dispositions`: [{dispositionId, priority}] naming existing dispositions once each."""
    if value is None:
        return
    seen: set[int] = set()
    for item in value:
        if not isinstance(item, dict) or set(item) - {"dispositionId", "priority"}:
            raise invalid("dispositions: each item is {dispositionId, priority}")
        disposition_id, priority = item.get("dispositionId"), item.get("priority")
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise invalid("Missing required field - 'priority'")
        if (
            not isinstance(disposition_id, int)
            or str(disposition_id) not in emulator.state.cxone["dispositions"]
        ):
            raise invalid(f"Invalid dispositionId - '{disposition_id}'")
        if disposition_id in seen:
            raise invalid(f"Invalid dispositionId - '{disposition_id}' is listed twice")
        seen.add(disposition_id)


async def skill_dispositions(request: Request) -> Response:
    """GET /skills/{id}/dispositions (getSkillDispositionsResponse); 204 when none is assigned."""
    api_version(request)
    emulator = emulator_of(request)
    skill_id = path_id(request, "skill_id", "Skill")
    skill = store.view(emulator, "skills").get(str(skill_id))
    if skill is None:
        raise CxoneError(404, "NotFound", f"Invalid skillId - '{skill_id}', does not exist")
    rows = []
    for item in store.offered_dispositions(emulator, skill):
        disposition = store.view(emulator, "dispositions").get(str(item["dispositionId"]), {})
        classification = _classification(disposition.get("classificationId")) or {}
        rows.append(
            {
                "dispositionId": item["dispositionId"],
                "dispositionName": item["dispositionName"],
                "displayOrder": item.get("priority"),
                "classification": classification.get("classificationName"),
                "systemOutcome": classification.get("systemOutcome"),
                "isPreviewDisposition": item["isPreviewDisposition"],
            }
        )
    chosen, _ = page(request, rows)
    if not chosen:
        return no_content()
    return ok(
        {
            "skillId": skill_id,
            "skillName": skill.get("skillName"),
            "totalRecords": len(rows),
            "dispositions": chosen,
        }
    )
