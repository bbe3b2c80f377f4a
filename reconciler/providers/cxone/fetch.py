"""Reading a CXone org: the list endpoints, one bulk parameter read, and the per-group DNC reads.

Requests for a plan: one skip/top listing (N/100 pages) per managed kind and per lookup a manifest
refers to (scripts through GET /scripts/search, classifications through GET /dispositions/classifications;
a skill's dispositions come with the skill listing), and a single
GET /skills/parameters for every skill's dialer blocks (developer.niceincontact.com/API/AdminAPI). DNC groups are the
exception: CXone has no bulk endpoint for a group's scrubbed skills, contributing skills or records,
so each group costs three more requests (one per listing, more only past 100 items). Tenants keep few
groups, so this stays far below one request per object; skills, campaigns and dispositions never cost a
GET each.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from reconciler.providers.cxone.assemble import (
    Body,
    CxoneSnapshot,
    campaign_bodies,
    group_bodies,
    live_objects,
    name_index,
    skill_bodies,
)
from reconciler.providers.cxone.kinds import (
    CURRENT_SCRIPT,
    DNC_GROUP_PARTS,
    KINDS,
    LOOKUPS,
    PARAMETERS,
    Listing,
)
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import cxone_list

GROUP_CONCURRENCY = 8

__all__ = ["CxoneSnapshot", "live_objects", "read_org"]


async def _list(client: ApiClient, listing: Listing, path: str | None = None) -> list[Body]:
    return await cxone_list(client, path or listing.path, items=listing.items_of, total=listing.total_of)


async def _nothing() -> list[Body]:
    return []


async def _group_parts(client: ApiClient, groups: list[Body]) -> dict[str, dict[str, list[Body]]]:
    """{group id: {alias: items}} for every group, a bounded number of requests at a time."""
    limit = asyncio.Semaphore(GROUP_CONCURRENCY)

    async def part(group_id: str, listing: Listing) -> list[Body]:
        async with limit:
            return await _list(client, listing, listing.path.format(id=group_id))

    ids = [str(group["dncGroupId"]) for group in groups if group.get("dncGroupId") is not None]
    jobs = [(group_id, alias, listing) for group_id in ids for alias, listing in DNC_GROUP_PARTS.items()]
    results = await asyncio.gather(*(part(group_id, listing) for group_id, _, listing in jobs))
    parts: dict[str, dict[str, list[Body]]] = {group_id: {} for group_id in ids}
    for (group_id, alias, _), items in zip(jobs, results, strict=True):
        parts[group_id][alias] = items
    return parts


def _current(kind: str, items: list[Body]) -> list[Body]:
    """Scripts in their current version only (status CURR); every other listing as it came."""
    if kind != "Script":
        return items
    return [item for item in items if str(item.get("status", CURRENT_SCRIPT)).upper() == CURRENT_SCRIPT]


async def read_org(
    client: ApiClient, *, kinds: Iterable[str] | None = None, lookups: Iterable[str] | None = None
) -> CxoneSnapshot:
    """Read the requested kinds (all by default). Every managed kind is listed regardless, since
    references between them are resolved by name; of the lookups only `lookups` (all by default: a
    plan passes the external kinds its manifests refer to, so scripts are searched only when a manifest
    names one); parameters and DNC details only when wanted."""
    wanted = set(kinds if kinds is not None else KINDS)
    looked_up = set(lookups if lookups is not None else LOOKUPS)
    tables: dict[str, Listing] = {
        **KINDS,
        **{kind: listing for kind, listing in LOOKUPS.items() if kind in looked_up},
    }
    results = await asyncio.gather(
        *(_list(client, listing) for listing in tables.values()),
        _list(client, PARAMETERS) if "Skill" in wanted else _nothing(),
    )
    listed = {kind: _current(kind, items) for kind, items in zip(tables, results[:-1], strict=True)}
    snapshot = CxoneSnapshot(index=name_index(listed))
    if "Skill" in wanted:
        snapshot.bodies["Skill"] = skill_bodies(listed["Skill"], results[-1])
    if "Campaign" in wanted:
        snapshot.bodies["Campaign"] = campaign_bodies(listed["Campaign"], listed["Skill"])
    if "Disposition" in wanted:
        snapshot.bodies["Disposition"] = listed["Disposition"]
    if "DncGroup" in wanted:
        parts = await _group_parts(client, listed["DncGroup"])
        snapshot.bodies["DncGroup"] = group_bodies(listed["DncGroup"], parts)
    return snapshot
