"""Campaign and sequence schedules (CampaignSchedule, SequenceSchedule, purecloudplatformclientv2): keyed by the owner's id, no POST — PUT creates or
replaces, GET of the collection is a bare JSON array (a messaging campaign schedule's: an entity listing). A replace must carry the current version; the
platform's behaviour on a stale schedule version is not confirmed by any public source, the emulator answers 409 as
for every other outbound PUT.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.checks import valid_time_zone
from reconciler.emulator.genesys.collection import ScheduleCollection
from reconciler.emulator.genesys.crud import check_version, not_found, writable
from reconciler.emulator.genesys.kinds import BY_KEY, SCHEDULES
from reconciler.emulator.genesys.paging import Paging, envelope
from reconciler.emulator.genesys.schema import json_object, read_only_fields, validate_body
from reconciler.emulator.genesys.store import (
    link_references,
    new_object,
    next_version,
    objects,
    remove,
    save,
    visible,
    with_names,
)
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise GenesysError(
            400,
            "invalid.date",
            "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ",
        ) from None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _check(body: JsonObject) -> None:
    for interval in body["intervals"]:
        if _moment(interval["start"]) >= _moment(interval["end"]):
            raise GenesysError(400, "invalid.interval.time", "An interval must start before it ends.")
    if "timeZone" in body and not valid_time_zone(body["timeZone"]):
        raise GenesysError(400, "invalid.update", f"'{body['timeZone']}' is not a valid time zone.")


def checked_schedule(schedule: ScheduleCollection, owner_id: str, body: JsonObject) -> JsonObject:
    """The writable fields of a schedule body for `owner_id` that passed the model and the interval checks."""
    validate_body(schedule.definition, body)
    named = body[schedule.owner_field].get("id")
    if named not in (None, owner_id):
        raise GenesysError(400, "invalid.update", f"'{schedule.owner_field}.id' does not match the path.")
    fields = writable(schedule.definition, body)
    _check(fields)
    fields[schedule.owner_field] = {"id": owner_id}
    return fields


def put_schedule(
    emulator: Emulator, schedule: ScheduleCollection, owner_id: str, body: JsonObject
) -> JsonObject:
    owner = objects(emulator, schedule.owner).get(owner_id)
    if owner is None:
        raise not_found(schedule.not_found, BY_KEY[schedule.owner].noun)
    fields = checked_schedule(schedule, owner_id, body)
    link_references(fields, (schedule.owner_reference,))
    fields.setdefault("name", owner.get("name"))
    current = objects(emulator, schedule.key).get(owner_id)
    if current is None:
        return save(emulator, schedule.key, new_object(emulator, schedule.key, fields, owner_id))
    check_version(body, current)
    owned = {key: current[key] for key in read_only_fields(schedule.definition) if key in current}
    return save(emulator, schedule.key, next_version(emulator, current, {**owned, **fields}))


def _render(emulator: Emulator, schedule: ScheduleCollection, obj: JsonObject) -> JsonObject:
    return with_names(emulator, obj, (schedule.owner_reference,))


def _routes(schedule: ScheduleCollection) -> list[Route]:
    async def list_all(request: Request) -> Response:
        emulator: Emulator = request.app.state.emulator
        items = sorted(visible(emulator, schedule.key).values(), key=lambda obj: str(obj.get("name", "")))
        rendered = [_render(emulator, schedule, item) for item in items]
        if schedule.paged:  # every schedule on one page: the operation takes no paging parameters
            everything = Paging(size=max(len(rendered), 1), number=1)
            return JSONResponse(envelope(request.url.path, request.query_params, rendered, everything))
        return JSONResponse(rendered)

    async def item(request: Request) -> Response:
        emulator: Emulator = request.app.state.emulator
        owner_id = request.path_params[schedule.param]
        if request.method == "PUT":
            saved = put_schedule(emulator, schedule, owner_id, await json_object(request))
            return JSONResponse(_render(emulator, schedule, saved))
        if owner_id not in objects(emulator, schedule.owner):
            raise not_found(schedule.not_found, BY_KEY[schedule.owner].noun)
        if request.method == "GET":
            found = visible(emulator, schedule.key).get(owner_id)
            if found is None:
                raise not_found("not.found", "schedule")
            return JSONResponse(_render(emulator, schedule, found))
        if owner_id not in objects(emulator, schedule.key):
            raise not_found("not.found", "schedule")
        remove(emulator, schedule.key, owner_id)
        return Response(status_code=200)

    return [
        Route(schedule.path, list_all, methods=["GET"]),
        Route(f"{schedule.path}/{{{schedule.param}}}", item, methods=["GET", "PUT", "DELETE"]),
    ]


def routes() -> list[Route]:
    return [route for schedule in SCHEDULES for route in _routes(schedule)]
