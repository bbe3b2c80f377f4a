"""Read-only lookups at their real paths (ARCHITECTURE §2 external references): queues, scripts, edge
groups, sites, wrap-up codes, divisions and flows, seeded from fixtures. Paged like every Genesys list
(OutboundApi list parameters, purecloudplatformclientv2); `name` is an exact, case-insensitive match with `*` wildcards, as routing/queues documents it;
`id` selects several by id. Divisions always include the org's Home division, flagged `homeDivision`.
A lookup holds what its seed gave; a property its model (API data) requires and the seed left out is
answered empty ("", [], {}), so every answer is a valid object of the model.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.api_data import definitions, response_model
from reconciler.emulator.genesys.collection import Lookup
from reconciler.emulator.genesys.divisions import home_division
from reconciler.emulator.genesys.kinds import LOOKUPS
from reconciler.emulator.genesys.paging import envelope, multi, paging, sort, wildcard_filter
from reconciler.emulator.genesys.store import lookups
from reconciler.emulator.state import JsonObject

_EMPTY: dict[str, Any] = {"string": "", "array": [], "integer": 0, "number": 0, "boolean": False}


def _empty(spec: dict[str, Any]) -> Any:
    return copy.deepcopy(_EMPTY.get(spec.get("type", ""), {}))


def _completed(model: str, entry: JsonObject) -> JsonObject:
    """A copy of `entry` with an empty value for every property `model` requires that it lacks."""
    definition = definitions()[model]
    missing = {
        name: _empty(definition["properties"][name])
        for name in definition.get("required", [])
        if name not in entry
    }
    return {**missing, **copy.deepcopy(entry)}


def _emulator(request: Request, lookup: Lookup) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    if lookup.key == "divisions":
        home_division(emulator)
    return emulator


def _scope_filter(lookup: Lookup, selected: str | None) -> Callable[[JsonObject], bool]:
    """Entries of the scope object `selected`; a scoped listing without its parameter is a 400, as
    get_responsemanagement_responses requires libraryId."""
    if lookup.scope is None:
        return lambda entry: True
    if not selected:
        parameter = lookup.scope[0]
        raise GenesysError(
            400,
            "bad.request",
            f"The query parameter '{parameter}' is required.",
            details=[{"errorCode": "bad.request", "fieldName": parameter}],
        )
    return lambda entry: selected in lookup.scope_ids(entry)


def _routes(lookup: Lookup) -> list[Route]:
    model = str(response_model("GET", f"{lookup.path}/{{lookupId}}"))

    async def list_all(request: Request) -> Response:
        emulator = _emulator(request, lookup)
        query = request.query_params
        page = paging(query)
        matches = wildcard_filter(query)
        ids = multi(query, "id")
        in_scope = _scope_filter(lookup, query.get(lookup.scope[0]) if lookup.scope else None)
        items = [
            entry
            for entry in lookups(emulator, lookup.key).values()
            if (matches is None or matches(str(entry.get("name", ""))))
            and (not ids or entry["id"] in ids)
            and in_scope(entry)
        ]
        listing = envelope(request.url.path, query, sort(items, query), page)
        listing["entities"] = [_completed(model, entry) for entry in listing["entities"]]
        return JSONResponse(listing)

    async def one(request: Request) -> Response:
        emulator = _emulator(request, lookup)
        found = lookups(emulator, lookup.key).get(request.path_params["lookupId"])
        if found is None:
            raise GenesysError(404, "not.found", "The requested resource was not found.")
        return JSONResponse(_completed(model, found))

    return [
        Route(lookup.path, list_all, methods=["GET"]),
        Route(f"{lookup.path}/{{lookupId}}", one, methods=["GET"]),
    ]


def routes() -> list[Route]:
    return [route for lookup in LOOKUPS for route in _routes(lookup)]
