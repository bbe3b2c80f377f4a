"""The numbers of a DNC list or group, on both sides, keyed by E.164 (reconciler.phones).

A Genesys DncList declares `entries` and a CXone DncGroup `records`, inline or as a CSV file. They are
kept out of the object's essence: the numbers are compared as a set, never field by field, and
`entries_mode` / `records_mode` says whether the declared numbers are a floor (additive, the default:
live numbers that are not declared are kept) or the whole list (exact: they are removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reconciler.manifest.entry_files import NUMBER_FIELDS, read_entry_rows, resolve_entry_file
from reconciler.manifest.resource import Resource
from reconciler.phones import e164_or_written, from_stored

ADDITIVE = "additive"
EXACT = "exact"

Record = dict[str, Any]
"""What a number carries besides itself (a CXone record's expired_date); empty for Genesys."""


@dataclass(frozen=True)
class DeclaredNumbers:
    """The numbers a manifest declares, E.164 -> record, and how they meet the live ones."""

    field: str
    mode: str
    items: dict[str, Record]

    @property
    def exact(self) -> bool:
        return self.mode == EXACT


def reconciler_only_fields(platform: str, kind: str) -> frozenset[str]:
    """The spec fields of a kind that are never sent to the platform (its numbers and their mode)."""
    pair = NUMBER_FIELDS.get((platform, kind))
    return frozenset(pair) if pair else frozenset()


def declared_numbers(resource: Resource) -> DeclaredNumbers | None:
    """The numbers a DNC list or group declares (inline or from its CSV file); None if it declares none."""
    pair = NUMBER_FIELDS.get((resource.platform, resource.kind))
    if pair is None:
        return None
    number_field, mode_field = pair
    spec = resource.document.spec
    value = getattr(spec, number_field, None)
    mode = getattr(spec, mode_field, None) or ADDITIVE
    if value is None:
        return None
    items: dict[str, Record] = {}
    if isinstance(value, str):
        for _, number in read_entry_rows(resolve_entry_file(resource, value)):  # streamed
            items[e164_or_written(number)] = {}
    else:
        for item in value:
            if isinstance(item, str):
                items[e164_or_written(item)] = {}
            else:
                record = item.model_dump(exclude_none=True)
                items[e164_or_written(str(record.pop("phone_number")))] = record
    return DeclaredNumbers(field=number_field, mode=mode, items=items)


def live_numbers(essence: dict[str, Any], *, platform: str, field: str) -> dict[str, Record]:
    """The numbers a live list or group holds, E.164 -> record (a live essence in manifest shape)."""
    found: dict[str, Record] = {}
    for item in essence.get(field) or []:
        if isinstance(item, dict):
            record = {
                key: value for key, value in item.items() if key != "phone_number" and value is not None
            }
            found[from_stored(item.get("phone_number", ""), platform=platform)] = record
        else:
            found[from_stored(item, platform=platform)] = {}
    return found
