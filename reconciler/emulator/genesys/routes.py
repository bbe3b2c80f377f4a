"""The Genesys HTTP surface: list/create/get/replace/delete for every collection of kinds.py at its real
path (OutboundApi, purecloudplatformclientv2), campaign start/stop, and the campaign PATCH, stats and progress, schedule, singleton, DNC,
division view and lookup routes of their own modules. A literal sub-path of the API data that is not emulated (`/campaigns/all`) answers
404 like any unknown path instead of being read as an object id. Auth, rate limits, faults and the
request log are the middleware's.
"""

from __future__ import annotations

import re

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Match, Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys import (
    analytics,
    campaign_patch,
    campaign_state_routes,
    crud,
    division_views,
    dnc,
    lookups,
    schedules,
    singletons,
)
from reconciler.emulator.genesys.api_data import operations, path_template
from reconciler.emulator.genesys.campaigns import transition
from reconciler.emulator.genesys.collection import Collection
from reconciler.emulator.genesys.kinds import BY_KEY, COLLECTIONS
from reconciler.emulator.genesys.listing import list_answer, render
from reconciler.emulator.genesys.schema import json_object
from reconciler.emulator.genesys.store import next_version, save, visible


def emulator_of(request: Request) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    return emulator


def _collection_routes(collection: Collection) -> list[Route]:
    async def list_or_create(request: Request) -> Response:
        emulator = emulator_of(request)
        if request.method == "GET":
            return JSONResponse(list_answer(emulator, collection, request))
        created = crud.create(emulator, collection, await json_object(request))
        return JSONResponse(render(emulator, collection, created, request.query_params))

    async def item(request: Request) -> Response:
        emulator = emulator_of(request)
        object_id = request.path_params[collection.param]
        if request.method == "GET":
            found = visible(emulator, collection.key).get(object_id)
            if found is None:
                raise crud.not_found(collection.not_found, collection.noun)
            return JSONResponse(render(emulator, collection, found, request.query_params))
        if request.method == "PUT":
            updated = crud.replace(emulator, collection, object_id, await json_object(request))
            return JSONResponse(render(emulator, collection, updated, request.query_params))
        deleted = crud.delete(emulator, collection, object_id)
        if collection.delete_returns_body:
            return JSONResponse(
                render(emulator, collection, deleted, QueryParams()), status_code=collection.delete_status
            )
        return Response(status_code=collection.delete_status)

    return [
        Route(collection.path, list_or_create, methods=["GET", "POST"]),
        Route(f"{collection.path}/{{{collection.param}}}", item, methods=["GET", "PUT", "DELETE"]),
    ]


def _campaign_switch(requested: str) -> Route:
    """POST /campaigns/{id}/start|stop: the same transition as a status PUT, without a body (Campaign, purecloudplatformclientv2)."""
    campaigns = BY_KEY["campaigns"]

    async def switch(request: Request) -> Response:
        emulator = emulator_of(request)
        current = crud.find(emulator, campaigns, request.path_params["campaignId"])
        status = transition(emulator, current, requested)
        if status != current.get("campaignStatus"):
            save(
                emulator,
                campaigns.key,
                next_version(emulator, current, {**current, "campaignStatus": status}),
            )
        return Response(status_code=200)

    verb = "start" if requested == "on" else "stop"
    return Route(f"{campaigns.path}/{{campaignId}}/{verb}", switch, methods=["POST"])


async def unknown_path(request: Request) -> Response:
    """404 `not.found`, as the platform answers a path it does not have."""
    raise GenesysError(404, "not.found", "The requested resource was not found.")


_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
_SAMPLE_ID = "3f2a61d4-0000-4000-8000-000000000000"


def _taken_by(table: list[Route], method: str, path: str) -> Route | None:
    """The route that would answer `method path` (parameters filled with an id), if any."""
    concrete = re.sub(r"\{[^}]+\}", _SAMPLE_ID, path)
    scope = {"type": "http", "path": concrete, "method": method}
    return next((route for route in table if route.matches(scope)[0] == Match.FULL), None)


def not_emulated_shadows(table: list[Route]) -> list[Route]:
    """404 routes for the operations of the API data that a route of `table` with a parameter would
    otherwise serve as something else (GET /campaigns/all read as the campaign `all`)."""
    shadowed: dict[str, set[str]] = {}
    for operation in operations():
        route = _taken_by(table, operation.method, operation.path)
        if route is not None and path_template(route.path) != operation.template:
            shadowed.setdefault(operation.path, set()).add(operation.method)
    return [Route(path, unknown_path, methods=sorted(methods)) for path, methods in sorted(shadowed.items())]


def routes() -> list[Route]:
    table: list[Route] = [_campaign_switch("on"), _campaign_switch("off")]
    table += campaign_state_routes.routes() + campaign_patch.routes()
    table += dnc.routes() + division_views.routes()
    for collection in COLLECTIONS:
        table += _collection_routes(collection)
    table += schedules.routes() + singletons.routes() + lookups.routes() + analytics.routes()
    table = not_emulated_shadows(table) + table
    table.append(Route("/api/v2/{rest:path}", unknown_path, methods=_METHODS))
    return table
