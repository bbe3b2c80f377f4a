"""The CXone reads the tool makes, each answer compared with the listing's envelope (kinds.py) and with the
documented answer of the Admin API (cxone_reads.json, made by scripts/update_cxone_read_shapes.py)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from reconciler.doctor.report import Difference
from reconciler.doctor.schema_check import differences
from reconciler.exceptions import PlatformError
from reconciler.providers.cxone.kinds import DNC_GROUP_PARTS, KINDS, LOOKUPS, PARAMETERS, Listing
from reconciler.providers.http import ApiClient
from reconciler.redaction import redact


@cache
def documented() -> dict[str, Any]:
    text = resources.files("reconciler.doctor").joinpath("cxone_reads.json").read_text(encoding="utf-8")
    reads: dict[str, Any] = json.loads(text)["reads"]
    return reads


def _listings() -> list[Listing]:
    return [*KINDS.values(), *LOOKUPS.values(), PARAMETERS]


async def check_cxone(client: ApiClient) -> tuple[list[str], list[Difference], list[str]]:
    """(reads made, differences, notes): every listing the tool reads, then one DNC group's parts."""
    reads: list[str] = []
    found: list[Difference] = []
    notes: list[str] = []
    group_id = None
    for listing in _listings():
        named = (listing.id_field, listing.name_field)
        items = await _check(client, listing, listing.path, named, (reads, found, notes))
        if listing is KINDS["DncGroup"] and items:
            group_id = items[0].get(listing.id_field)
    if group_id is None:
        notes.append("no DNC group to read: the per-group listings were not checked")
        return reads, found, notes
    for key, part in DNC_GROUP_PARTS.items():
        fields = () if key == "dncGroupRecords" else (part.id_field,)  # records are keyed by their number
        await _check(client, part, part.path.replace("{id}", str(group_id)), fields, (reads, found, notes))
    return reads, found, notes


async def _check(
    client: ApiClient,
    listing: Listing,
    path: str,
    fields: tuple[str, ...],
    out: tuple[list[str], list[Difference], list[str]],
) -> list[dict[str, Any]]:
    reads, found, notes = out
    read = f"GET {path}"
    reads.append(read)
    try:
        response = await client.request("GET", path)
    except PlatformError as exc:
        found.append(Difference(read, "(answer)", redact(str(exc))))
        return []
    if response.status_code == 204 or not response.content:
        notes.append(f"{read}: empty (204), no shape to compare")
        return []
    try:
        answer = response.json()
    except ValueError:
        found.append(Difference(read, "(root)", "the answer is not JSON"))
        return []
    items = _envelope(read, listing, fields, answer, found)
    known = documented().get(listing.path)
    if known is None:
        notes.append(f"{read}: no documented answer to compare with")
    elif known["schema"] is None:
        notes.append(f"{read}: only the envelope is checked ({known['reason']})")
    else:
        found.extend(differences(read, known["schema"], answer))
    return items


def _envelope(
    read: str, listing: Listing, fields: tuple[str, ...], answer: Any, found: list[Difference]
) -> list[dict[str, Any]]:
    """The items where the tool looks for them, each with the id (and name) field it reads."""
    where = ".".join(listing.items)
    if not isinstance(answer, dict):
        found.append(Difference(read, "(root)", "not an object: the tool reads an envelope object"))
        return []
    try:
        items = listing.items_of(answer)
    except ValueError as exc:
        found.append(Difference(read, where, str(exc)))
        return []
    if not items and _absent(answer, listing.items):
        found.append(Difference(read, where, f"no `{where}`: the tool reads its items there"))
    for name in fields:
        if items and any(name not in item for item in items):
            found.append(Difference(read, f"{where}[]", f"item(s) without `{name}`, which the tool reads"))
    return items


def _absent(answer: dict[str, Any], keys: tuple[str, ...]) -> bool:
    value: Any = answer
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return True
        value = value[key]
    return False
