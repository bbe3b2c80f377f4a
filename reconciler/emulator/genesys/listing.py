"""How a collection's objects are answered: one object as GET shows it (reference names, `size`), and a
list query (the collection's filters, `id`, name, sort, paging) in the <Type>EntityListing envelope.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import QueryParams
from starlette.requests import Request

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.collection import Collection, Reference
from reconciler.emulator.genesys.dialing import contact_count
from reconciler.emulator.genesys.kinds import BULK_IDS_MAX
from reconciler.emulator.genesys.paging import envelope, multi, name_filter, paging, sort
from reconciler.emulator.genesys.store import referenced_ids, visible, visible_numbers, with_names
from reconciler.emulator.state import JsonObject

Shape = Callable[[Emulator, Collection, JsonObject, QueryParams], JsonObject]


def render(emulator: Emulator, collection: Collection, obj: JsonObject, query: QueryParams) -> JsonObject:
    """An object as GET answers it; `size` only with includeSize=true (OutboundApi list parameters, purecloudplatformclientv2): a DNC list's numbers, a contact
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


def list_answer(
    emulator: Emulator, collection: Collection, request: Request, shape: Shape = render
) -> JsonObject:
    """One page of the objects the query selects, each as `shape` answers it."""
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
    listing["entities"] = [shape(emulator, collection, obj, query) for obj in listing["entities"]]
    return listing
