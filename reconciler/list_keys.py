"""Natural keys of list items (time slots by day and start, columns and rules by name, intervals by start).

The scoped diff (reconciler.diff) matches the items of these lists by key instead of by position, so
inserting one time slot shows one added item, not every later slot changed. A list is keyed only when
every item on both sides is a mapping carrying the key fields and no key repeats; otherwise it falls
back to positions. Tables are keyed by the list field's own name, wherever it appears.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

KEY_FIELDS: Mapping[str, tuple[str, ...]] = {
    "time_slots": ("day", "start_time"),  # CallableTimeSet callable_times[].time_slots
    "callable_times": ("time_zone_id",),
    "phone_columns": ("column_name",),  # ContactList and Campaign
    "email_columns": ("column_name",),
    "whats_app_columns": ("column_name",),
    "column_data_type_specifications": ("column_name",),
    "rules": ("name",),  # RuleSet
    "intervals": ("start",),  # CampaignSchedule, SequenceSchedule
    "time_zones": ("standard_name",),  # CXone skill time-zone windows
}

_DAYS = {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}
_UNSAFE = frozenset('[]"\\')


def key_fields(path: str) -> tuple[str, ...] | None:
    """The key fields of the list at `path` (its last field name decides), or None."""
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    return KEY_FIELDS.get(name)


def item_label(item: Mapping[str, Any], fields: tuple[str, ...]) -> str:
    """How an item shows in a path: its key values, a day number as the weekday (`Mon 09:00:00`)."""
    parts = []
    for name in fields:
        value = item[name]
        if name == "day" and isinstance(value, int) and not isinstance(value, bool):
            value = _DAYS.get(value, value)
        parts.append(str(value))
    return " ".join(parts)


def keyed(items: Sequence[Any], fields: tuple[str, ...]) -> dict[str, Any] | None:
    """Items by label, in list order; None when an item lacks a key field or two labels repeat."""
    found: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, Mapping) or any(item.get(name) is None for name in fields):
            return None
        label = item_label(item, fields)
        if label in found or not label or _UNSAFE & set(label):
            return None
        found[label] = item
    return found
