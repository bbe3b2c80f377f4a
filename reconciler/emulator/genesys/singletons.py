"""The org singletons (OutboundSettings, WrapUpCodeMapping, purecloudplatformclientv2). Outbound settings: GET, and PATCH of a partial body that answers
204 "Accepted - Processing Update" and lands `settings_apply_seconds` later (a GET in between is stale).
Wrap-up code mappings: GET, and PUT of the whole mapping. Both carry `version`: a stale one is 409 with
the SW18 message; a missing one is 400 invalid.update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.crud import check_version, writable
from reconciler.emulator.genesys.kinds import SINGLETONS_BY_KEY, WRAPUP_FLAGS
from reconciler.emulator.genesys.schema import json_object, validate_body
from reconciler.emulator.genesys.store import (
    advance,
    next_version,
    save_singleton,
    settings_later,
    singleton,
    visible_singleton,
)
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

SETTINGS = SINGLETONS_BY_KEY["settings"]
MAPPINGS = SINGLETONS_BY_KEY["wrapupcodemappings"]

# (field, low, high, code, SW18 message)
_SETTINGS_RANGES = (
    (
        "maxCallsPerAgent",
        1,
        15,
        "invalid.max.calls.per.agent",
        "Max calls per agent must be between values 1 and 15.",
    ),
    (
        "maxCallsPerAgentDecimal",
        1,
        15,
        "invalid.max.calls.per.agent",
        "Max calls per agent must be between values 1 and 15.",
    ),
    ("abandonSeconds", 1, 300, "invalid.abandon.seconds", "Abandon seconds must be between 1 and 300."),
)
_LINE_UTILIZATION = (
    "Max outbound line utilization must be between .01 and 1 and can only have 2 digits after the decimal."
)


def _two_decimals(value: float) -> bool:
    return abs(value * 100 - round(value * 100)) < 1e-9


def _check_settings(changes: JsonObject) -> None:
    for field, low, high, code, message in _SETTINGS_RANGES:
        value = changes.get(field)
        if value is not None and not low <= value <= high:
            raise GenesysError(400, code, message, details=[{"errorCode": code, "fieldName": field}])
    utilization = changes.get("maxLineUtilization")
    if utilization is not None and not (0.01 <= utilization <= 1 and _two_decimals(utilization)):
        raise GenesysError(400, "invalid.max.line.utilization", _LINE_UTILIZATION)


def checked_settings(body: JsonObject) -> JsonObject:
    """The writable fields of a settings body that passed the model and the range checks."""
    validate_body(SETTINGS.definition, body)
    changes = writable(SETTINGS.definition, body)
    _check_settings(changes)
    return changes


def patch_settings(emulator: Emulator, body: JsonObject) -> None:
    current = singleton(emulator, SETTINGS.key)
    changes = checked_settings(body)
    check_version(body, current, SETTINGS.stale_version_message)
    settings_later(emulator, changes)
    emulator.changed()  # the pending change survives a restart of a persisted emulator
    if emulator.settings.settings_apply_seconds <= 0:
        advance(emulator)


def _flags_valid(flags: Any) -> bool:
    return isinstance(flags, list) and all(flag in WRAPUP_FLAGS for flag in flags)


def checked_mappings(emulator: Emulator, body: JsonObject) -> JsonObject:
    """The writable fields of a mappings body: the model, known flags, and keys that are wrap-up code ids."""
    validate_body(MAPPINGS.definition, body)
    fields = writable(MAPPINGS.definition, body)
    mapping: dict[str, Any] = fields.get("mapping") or {}
    known_codes = emulator.state.lookups.get("wrapupcodes", {})
    if (
        not _flags_valid(fields.get("defaultSet", []))
        or not all(_flags_valid(flags) for flags in mapping.values())
        or any(code_id not in known_codes for code_id in mapping)
    ):
        raise GenesysError(
            400,
            "invalid.update",
            "An attempt was made to update a wrap up code mapping in an invalid way",
            details=[{"errorCode": "invalid.update", "fieldName": "mapping"}],
        )
    return fields


def put_mappings(emulator: Emulator, body: JsonObject) -> JsonObject:
    current = singleton(emulator, MAPPINGS.key)
    fields = checked_mappings(emulator, body)
    check_version(body, current, MAPPINGS.stale_version_message)
    replaced = {"name": current.get("name"), "defaultSet": [], "mapping": {}, **fields}
    return save_singleton(emulator, MAPPINGS.key, next_version(emulator, current, replaced))


async def settings_endpoint(request: Request) -> Response:
    emulator: Emulator = request.app.state.emulator
    if request.method == "GET":
        return JSONResponse(visible_singleton(emulator, SETTINGS.key))
    patch_settings(emulator, await json_object(request))
    return Response(status_code=204)


async def mappings_endpoint(request: Request) -> Response:
    emulator: Emulator = request.app.state.emulator
    if request.method == "GET":
        return JSONResponse(visible_singleton(emulator, MAPPINGS.key))
    return JSONResponse(put_mappings(emulator, await json_object(request)))


def routes() -> list[Route]:
    return [
        Route(SETTINGS.path, settings_endpoint, methods=["GET", "PATCH"]),
        Route(MAPPINGS.path, mappings_endpoint, methods=["GET", "PUT"]),
    ]
