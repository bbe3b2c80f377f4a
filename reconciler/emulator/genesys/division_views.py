"""Division views (GET /campaigns|contactlists|dnclists/divisionviews and /divisionviews/{id}): the objects
of a divisioned collection cut down to the view model the API data names for the operation, listed with
the collection's filters and paging. Served at their literal paths, so `divisionviews` is never read as
an object id.
"""

from __future__ import annotations

from dataclasses import replace

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.api_data import response_model
from reconciler.emulator.genesys.collection import Collection
from reconciler.emulator.genesys.crud import not_found
from reconciler.emulator.genesys.kinds import BY_KEY
from reconciler.emulator.genesys.listing import list_answer, render
from reconciler.emulator.genesys.schema import shaped
from reconciler.emulator.genesys.store import visible
from reconciler.emulator.state import JsonObject

VIEWED = ("campaigns", "contactlists", "dnclists")


def _routes(collection: Collection) -> list[Route]:
    base = f"{collection.path}/divisionviews"
    item_path = f"{base}/{{{collection.param}}}"
    view = str(response_model("GET", item_path))

    def as_view(emulator: Emulator, owner: Collection, obj: JsonObject, query: QueryParams) -> JsonObject:
        answered: JsonObject = shaped(view, render(emulator, owner, obj, query))
        return answered

    by_id = replace(collection, bulk_id_filter=True)  # every view list takes `id`

    async def list_all(request: Request) -> Response:
        emulator: Emulator = request.app.state.emulator
        return JSONResponse(list_answer(emulator, by_id, request, as_view))

    async def one(request: Request) -> Response:
        emulator: Emulator = request.app.state.emulator
        found = visible(emulator, collection.key).get(request.path_params[collection.param])
        if found is None:
            raise not_found(collection.not_found, collection.noun)
        return JSONResponse(as_view(emulator, collection, found, request.query_params))

    return [Route(base, list_all, methods=["GET"]), Route(item_path, one, methods=["GET"])]


def routes() -> list[Route]:
    return [route for key in VIEWED for route in _routes(BY_KEY[key])]
