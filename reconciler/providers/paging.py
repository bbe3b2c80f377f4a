"""Reading whole collections with as few requests as the APIs allow.

Genesys: pageSize 100 (its maximum), page 1 tells pageCount, the remaining pages are fetched
concurrently (OutboundApi list parameters, purecloudplatformclientv2); schedules answer a bare array and take no query parameters. CXone: skip/top pages of 100 until totalRecords is reached; an
empty result may come back as 204 No Content (outboundani/cxone-mcp observes it).

A listing takes at most limits.pages_per_listing pages: a server's `pageCount` or `totalRecords` is
checked against it before anything is requested or allocated, never trusted to size the work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from reconciler.exceptions import LimitExceeded, RequestFailed
from reconciler.providers.bodies import json_of, malformed, object_of, objects_in
from reconciler.providers.http import ApiClient

GENESYS_PAGE_SIZE = 100
CXONE_PAGE_SIZE = 100
PAGE_CONCURRENCY = 4


def _too_many_pages(client: ApiClient, path: str, pages: str) -> LimitExceeded:
    cap = client.limits.pages_per_listing
    return LimitExceeded(
        f"GET {client.base_url}{path}: the listing {pages}, more than the {cap:,} pages a listing may take; "
        "`limits.pages_per_listing` in reconciler.yaml sets the bound"
    )


def _page_count(client: ApiClient, path: str, data: dict[str, Any]) -> int:
    """The server's pageCount, refused past the bound before any further page is asked for."""
    value = data.get("pageCount") or 1
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestFailed(f"GET {client.base_url}{path}: pageCount is not a whole number", status=200)
    if value > client.limits.pages_per_listing:
        shown = f"{value:,}" if value < 10**15 else "more than 10^15"  # never a 4,300-digit string
        raise _too_many_pages(client, path, f"claims {shown} pages")
    return value


async def genesys_list(
    client: ApiClient, path: str, *, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every entity of a Genesys paged listing, or the items of a bare-array listing (schedules)."""
    query = {**(params or {}), "pageSize": GENESYS_PAGE_SIZE, "pageNumber": 1}
    first = await client.request("GET", path, params=query)
    data = json_of(first)
    if isinstance(data, list):
        return objects_in(data, first, field="body")
    if not isinstance(data, dict):
        raise malformed(first, "a listing that is neither an object nor an array")
    entities = list(objects_in(data.get("entities"), first, field="entities"))
    pages = _page_count(client, path, data)
    if pages <= 1:
        return entities
    limit = asyncio.Semaphore(PAGE_CONCURRENCY)

    async def page(number: int) -> list[dict[str, Any]]:
        async with limit:
            response = await client.request("GET", path, params={**query, "pageNumber": number})
            return objects_in(object_of(response).get("entities"), response, field="entities")

    for chunk in await asyncio.gather(*(page(n) for n in range(2, pages + 1))):
        entities.extend(chunk)
    return entities


async def genesys_array(client: ApiClient, path: str) -> list[dict[str, Any]]:
    """The items of a Genesys listing that takes no query parameters (schedules): a bare array, or an entity
    listing holding them all (messaging campaign schedules: MessagingCampaignScheduleEntityListing)."""
    response = await client.request("GET", path)
    data = json_of(response)
    if isinstance(data, dict) and isinstance(data.get("entities"), list):
        return objects_in(data["entities"], response, field="entities")
    if not isinstance(data, list):
        raise malformed(response, "a listing that is not an array")
    return objects_in(data, response, field="body")


async def cxone_list(
    client: ApiClient,
    path: str,
    *,
    items: Callable[[dict[str, Any]], list[dict[str, Any]]],
    total: Callable[[dict[str, Any]], int],
    params: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Every item of a CXone skip/top listing; `items` and `total` read the listing's own envelope."""
    collected: list[dict[str, Any]] = []
    skip = 0
    for _ in range(client.limits.pages_per_listing):
        response = await client.request(
            "GET", path, params={**(params or {}), "skip": skip, "top": CXONE_PAGE_SIZE}, allow=(204,)
        )
        if response.status_code == 204 or not response.content:
            return collected
        data = object_of(response)
        try:
            chunk = items(data)
        except ValueError as exc:  # the envelope's items are not a list of objects
            raise malformed(response, str(exc)) from None
        collected.extend(chunk)
        skip += len(chunk)
        if not chunk or skip >= total(data):
            return collected
    raise _too_many_pages(client, path, f"goes on past {skip:,} items")
