"""Read-only lookups at their real paths (ARCHITECTURE §2 external references): queues, scripts, edge
groups, sites, wrap-up codes, divisions and flows, seeded from fixtures. Paged like every Genesys list
(G§3); `name` is an exact, case-insensitive match with `*` wildcards, as routing/queues documents it;
`id` selects several by id. Divisions always include the org's Home division, flagged `homeDivision`.
"""

from __future__ import annotations

import copy

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.divisions import home_division
from reconciler.emulator.genesys.kinds import LOOKUPS, Lookup
from reconciler.emulator.genesys.paging import envelope, multi, paging, sort, wildcard_filter
from reconciler.emulator.genesys.store import lookups


def _emulator(request: Request, lookup: Lookup) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    if lookup.key == "divisions":
        home_division(emulator)
    return emulator


def _routes(lookup: Lookup) -> list[Route]:
    async def list_all(request: Request) -> Response:
        emulator = _emulator(request, lookup)
        query = request.query_params
        page = paging(query)
        matches = wildcard_filter(query)
        ids = multi(query, "id")
        items = [
            entry
            for entry in lookups(emulator, lookup.key).values()
            if (matches is None or matches(str(entry.get("name", "")))) and (not ids or entry["id"] in ids)
        ]
        return JSONResponse(copy.deepcopy(envelope(request.url.path, query, sort(items, query), page)))

    async def one(request: Request) -> Response:
        emulator = _emulator(request, lookup)
        found = lookups(emulator, lookup.key).get(request.path_params["lookupId"])
        if found is None:
            raise GenesysError(404, "not.found", "The requested resource was not found.")
        return JSONResponse(found)

    return [
        Route(lookup.path, list_all, methods=["GET"]),
        Route(f"{lookup.path}/{{lookupId}}", one, methods=["GET"]),
    ]


def routes() -> list[Route]:
    return [route for lookup in LOOKUPS for route in _routes(lookup)]
