"""A schedule's spec (manifest shape) read into a `Schedule` of intervals and recurrences.

How each field is read and what it means (zones, patterns, ranges, alterations) is stated in the
docstring of reconciler.policy.schedule_expansion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, tzinfo
from typing import Any

from reconciler.manifest.models.genesys_time import parse_date_time
from reconciler.policy.instants import Instant, moment, zone_named
from reconciler.policy.schedule_expansion import WEEKDAYS, Alteration, Item, OneOff, Recurrence, Schedule


def schedule_of(spec: Mapping[str, Any]) -> Schedule:
    """A schedule from its spec in manifest shape; items that cannot be read are left out (SCHEMA
    reports them for manifests)."""
    zone = zone_named(spec.get("time_zone")) or UTC
    items: list[Item] = []
    for index, raw in enumerate(spec.get("intervals") or ()):
        one_off = _read(_one_off, raw, zone)
        if one_off is not None:
            items.append(Item(f"interval {index + 1}", ("spec", "intervals", index), one_off))
    for index, raw in enumerate(spec.get("recurrences") or ()):
        recurrence = _read(_recurrence, raw, zone)
        if recurrence is not None:
            items.append(Item(f"recurrence {index + 1}", ("spec", "recurrences", index), recurrence))
    return Schedule(items=tuple(items), zone=zone)


def _read(reader: Any, raw: Any, zone: tzinfo) -> Any:
    try:
        return reader(raw, zone)
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
        return None


def _one_off(raw: Mapping[str, Any], zone: tzinfo) -> OneOff | None:
    start, end = moment(raw["start"], zone), moment(raw["end"], zone)
    return OneOff(start, end) if end > start else None


def _recurrence(raw: Mapping[str, Any], schedule_zone: tzinfo) -> Recurrence | None:
    zone = zone_named(raw.get("time_zone")) or schedule_zone
    first, last = parse_date_time(raw["start"]), parse_date_time(raw["end"])
    if first.tzinfo is not None or last.tzinfo is not None or last <= first:
        return None
    pattern, bounds = raw["pattern"], raw.get("range") or {"type": "NoEnd"}
    weekly = pattern["type"] == "Weekly"
    weekdays = tuple(sorted({WEEKDAYS.index(day) for day in pattern.get("days_of_week") or ()}))
    if weekly and not weekdays:
        return None
    changes = [
        (item.get("type"), Alteration(moment(item["start"], zone), _optional(item.get("end"), zone)))
        for item in raw.get("alterations") or ()
        if item.get("start") and item.get("type") in ("Exclusion", "Inclusion")
    ]
    return Recurrence(
        first=first,
        duration=last - first,
        zone=zone,
        every=max(1, int(pattern["interval"])),
        weekly=weekly,
        weekdays=weekdays,
        count=int(bounds["number_of_occurrences"]) if bounds["type"] == "Numbered" else None,
        last_end=moment(bounds["end"], zone) if bounds["type"] == "EndDate" else None,
        exclusions=tuple(change for kind, change in changes if kind == "Exclusion"),
        inclusions=tuple(change for kind, change in changes if kind == "Inclusion"),
    )


def _optional(text: str | None, zone: tzinfo) -> Instant | None:
    return None if text is None else moment(text, zone)
