"""The Genesys HTTP surface: list/create/get/replace/delete for every collection of kinds.py at its real
path (G§6), campaign start/stop, and the campaign PATCH, stats and progress, schedule, singleton, DNC and
lookup routes of their own modules.
Auth, rate limits, faults and the request log are the middleware's.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys import (
    campaign_patch,
    campaign_state_routes,
    crud,
    dnc,
    lookups,
    schedules,
    singletons,
)
from reconciler.emulator.genesys.campaigns import transition
from reconciler.emulator.genesys.dialing import contact_count
from reconciler.emulator.genesys.kinds import BULK_IDS_MAX, BY_KEY, COLLECTIONS, Collection, Reference
from reconciler.emulator.genesys.paging import envelope, multi, name_filter, paging, sort
from reconciler.emulator.genesys.schema import json_object
from reconciler.emulator.genesys.store import (
    next_version,
    referenced_ids,
    save,
    visible,
    visible_numbers,
    with_names,
)
from reconciler.emulator.state import JsonObject


def emulator_of(request: Request) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    return emulator


def render(emulator: Emulator, collection: Collection, obj: JsonObject, query: QueryParams) -> JsonObject:
    """An object as GET answers it; `size` only with includeSize=true (G§3): a DNC list's numbers, a contact
    list's contacts (dialing.py)."""
    shown = with_names(emulator, obj, collection.references)
    if query.get("includeSize", "").lower() != "true":
        return shown
    if collection.key == "dnclists":
        shown["size"] = len(visible_numbers(emulator, obj["id"]))
    elif collection.key == "contactlists":
        shown["size"] = contact_count(emulator, obj["id"])
    return shown


def _selected(collection: Collection, query: QueryParams) -> list[tuple[set[str], Reference]]:
    selected = [(multi(query, param), Reference(path, "", "")) for param, path in collection.list_filters]
    if collection.bulk_id_filter:
        ids = multi(query, "id")
        if len(ids) > BULK_IDS_MAX:
            raise GenesysError(
                400,
                "too.many.bulk.retrieves",
                f"Only {BULK_IDS_MAX} {collection.noun}s can be retrieved by id at a time",
            )
        selected.append((ids, Reference("id", "", "")))
    return [(wanted, reference) for wanted, reference in selected if wanted]


def _list(emulator: Emulator, collection: Collection, request: Request) -> JsonObject:
    query = request.query_params
    page = paging(query)
    matches_name = name_filter(query)
    selected = _selected(collection, query)
    items = [
        obj
        for obj in visible(emulator, collection.key).values()
        if (matches_name is None or matches_name(str(obj.get("name", ""))))
        and all(wanted & set(referenced_ids(obj, reference)) for wanted, reference in selected)
    ]
    listing = envelope(request.url.path, query, sort(items, query), page)
    listing["entities"] = [render(emulator, collection, obj, query) for obj in listing["entities"]]
    return listing


def _collection_routes(collection: Collection) -> list[Route]:
    async def list_or_create(request: Request) -> Response:
        emulator = emulator_of(request)
        if request.method == "GET":
            return JSONResponse(_list(emulator, collection, request))
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
    """POST /campaigns/{id}/start|stop: the same transition as a status PUT, without a body (G§6.1)."""
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


async def _not_found(request: Request) -> Response:
    raise GenesysError(404, "not.found", "The requested resource was not found.")


def routes() -> list[Route]:
    table: list[Route] = [_campaign_switch("on"), _campaign_switch("off")]
    table += campaign_state_routes.routes() + campaign_patch.routes()
    table += dnc.routes()
    for collection in COLLECTIONS:
        table += _collection_routes(collection)
    table += schedules.routes() + singletons.routes() + lookups.routes()
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    table.append(Route("/api/v2/{rest:path}", _not_found, methods=methods))
    return table
