"""/scripts (open one script) and /scripts/search (the script listing), as the Admin API documents them.

`GET /scripts` opens a single script named by scriptPath, scriptId or libraryId and answers 400
without one; the listing is `GET /scripts/search` (scriptName contains, skip/top with top at most
100, `scriptSearchDetails` items keyed by masterID with status CURR, or DISC when inactive). Source:
the Admin API "General" specification (developer.niceincontact.com/API/AdminAPI, as published in the
mark05e/NiceIncontactAPI-Admin repository) and calljacob/nice-cxone-api AdminGeneralService.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.fields import invalid
from reconciler.emulator.cxone.http import (
    BUSINESS_UNIT_ID,
    api_version,
    emulator_of,
    no_content,
    ok,
    page,
    query_bool,
)
from reconciler.emulator.errors import CxoneError
from reconciler.emulator.state import JsonObject

SCRIPT_FOLDER = "Outbound"
"""The folder every emulated script lives in: scriptPath is `Outbound\\<scriptName>`."""


def _status(script: JsonObject) -> str:
    return "CURR" if script.get("isActive", True) else "DISC"


def _search_item(script: JsonObject) -> JsonObject:
    return {
        "busNo": BUSINESS_UNIT_ID,
        "masterID": script["scriptId"],
        "scriptName": script["scriptName"],
        "status": _status(script),
        "mediaType": script.get("mediaTypeId", 4),
        "modifyDate": script.get("lastUpdateTime"),
        "mUser": "N/A",
        "actions": [],
    }


def _path_of(script: JsonObject) -> str:
    return f"{SCRIPT_FOLDER}\\{script['scriptName']}"


def _sorted(emulator: Any) -> list[JsonObject]:
    return sorted(store.view(emulator, "scripts").values(), key=lambda script: int(script["scriptId"]))


async def search(request: Request) -> Response:
    """GET /scripts/search: scripts whose name contains scriptName; inactive ones with includeInactive."""
    api_version(request)
    emulator = emulator_of(request)
    query = request.query_params
    found = _sorted(emulator)
    if not query_bool(request, "includeInactive"):
        found = [script for script in found if _status(script) == "CURR"]
    name = query.get("scriptName")
    if name:
        found = [
            script for script in found if name.casefold() in str(script.get("scriptName", "")).casefold()
        ]
    if query.get("mediaType"):
        found = [script for script in found if str(script.get("mediaTypeId", 4)) == query["mediaType"]]
    chosen, links = page(request, found)
    if not chosen:
        return no_content()
    return ok(
        {
            "totalRecords": len(found),
            "_links": links,
            "busNo": BUSINESS_UNIT_ID,
            "scriptName": name,
            "scriptSearchDetails": [_search_item(script) for script in chosen],
        }
    )


async def open_script(request: Request) -> Response:
    """GET /scripts: the one script named by scriptPath, scriptId or libraryId (400 without any)."""
    api_version(request)
    emulator = emulator_of(request)
    query = request.query_params
    path, script_id, library_id = query.get("scriptPath"), query.get("scriptId"), query.get("libraryId")
    if not (path or script_id or library_id):
        raise invalid("InvalidParams: one of scriptPath, scriptId or libraryId is required")
    for script in _sorted(emulator):
        if script_id and str(script["scriptId"]) != script_id:
            continue
        if path and _path_of(script).casefold() != path.casefold():
            continue
        if library_id and str(script.get("libraryId", "")) != library_id:
            continue
        return ok(
            {
                "scriptPath": _path_of(script),
                "scriptId": script["scriptId"],
                "status": _status(script),
                "mediaType": script.get("mediaTypeId", 4),
                "scriptContent": "{}",
            }
        )
    raise CxoneError(404, "NotFound", "Scripts Not Found")
