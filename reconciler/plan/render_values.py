"""What the text and markdown renderers share: symbols, compact values, the lines of one change.

Everything here reads the plan document (`Plan.to_dict()`), whose values are already masked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SYMBOLS = {"create": "+", "update": "~", "replace": "-/+", "delete": "-", "no-op": " "}
VERBS = {
    "create": "created",
    "update": "updated",
    "replace": "replaced",
    "delete": "deleted",
    "no-op": "unchanged",
}
VALUE_LIMIT = 160
"""Longest value shown inline in a PR comment; a longer one is shown whole behind `<details>`."""
WHOLE_VALUE_LIMIT = 20_000
"""Longest value printed at all; a longer one is named by its size (the JSON plan has it). Never cut."""
LINES_PER_OBJECT = 40
"""Most field lines shown per object; the rest are counted."""


def category(change: Mapping[str, Any]) -> str:
    actions = list(change["actions"])
    return "replace" if actions == ["delete", "create"] else str(actions[0])


def format_value(value: Any) -> str:
    """Compact JSON, whole: a value is never cut mid-value (one too long to print is named by its size)."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(", ", ": "))
    if len(text) > WHOLE_VALUE_LIMIT:
        return f"<value of {len(text):,} characters: see the JSON plan>"
    return text


def changes_computed(document: Mapping[str, Any]) -> bool:
    """False when errors stopped the plan before the org was read (so "no changes" would be untrue)."""
    blocked = document.get("apply_blocked")
    return blocked is None or bool(blocked["changes_computed"])


def steps_text(change: Mapping[str, Any]) -> str:
    return " → ".join(change["steps"])


@dataclass(frozen=True)
class FieldLine:
    """One shown field: `before` is None for a field being set, `after` None for one being removed."""

    path: str
    before: str | None
    after: str | None
    source: str | None = None
    """`file:line` of an overlay that set the desired value (not shown for the document's own file)."""

    @property
    def set_in(self) -> str:
        """`  (set in FILE:LINE)` after a line an overlay set, else nothing."""
        return f"  (set in {self.source})" if self.source else ""


def field_lines(change: Mapping[str, Any]) -> list[FieldLine]:
    """The fields to show: field changes for updates and replaces, whole objects for creates and deletes;
    a DNC list's numbers first (removals lead: they are the destructive part)."""
    kind = category(change)
    numbers = number_lines(change.get("numbers"))
    if kind == "create":
        return [
            *numbers,
            *(FieldLine(key, None, format_value(value)) for key, value in (change["after"] or {}).items()),
        ]
    if kind == "delete":
        return [FieldLine(key, format_value(value), None) for key, value in (change["before"] or {}).items()]
    return [
        *numbers,
        *(_change_line(item) for item in change["changes"]),
    ]


def _change_line(item: Mapping[str, Any]) -> FieldLine:
    """A field change; a list item only one side has (keyed lists) shows as added or removed."""
    before, after, source = item["before"], item["after"], item.get("source")
    return FieldLine(
        item["path"],
        None if before is None else format_value(before),
        None if after is None else format_value(after),
        None if source is None else f"{source['file']}:{source['line']}",
    )


REMOVED_SHOWN = 50
"""Removed DNC numbers listed inline per object; the JSON plan lists every one."""


def number_lines(numbers: Mapping[str, Any] | None) -> list[FieldLine]:
    """A DNC list's removals, additions and rewrites as lines (numbers already masked)."""
    if not numbers:
        return []
    field, mode = numbers["field"], numbers["mode"]
    lines = []
    if numbers["remove"]:
        shown = _listed(numbers["removed"][:REMOVED_SHOWN], numbers["remove"])
        lines.append(FieldLine(f"{field}: REMOVE {numbers['remove']} number(s) ({mode} mode)", shown, None))
    if numbers["add"]:
        lines.append(
            FieldLine(
                f"{field}: add {numbers['add']} number(s)", None, _listed(numbers["added"], numbers["add"])
            )
        )
    if numbers["update"]:
        shown = _listed(numbers["updated"], numbers["update"])
        lines.append(FieldLine(f"{field}: rewrite {numbers['update']} number(s)", "other values", shown))
    return lines


def _listed(samples: list[str], count: int) -> str:
    text = ", ".join(samples)
    return text if count <= len(samples) else f"{text}, … {count - len(samples)} more (see the JSON plan)"


def unmanaged_line(item: Mapping[str, Any]) -> str:
    """An additive DNC list's live numbers that git does not declare: kept, counted."""
    shown = _listed(item["samples"], item["count"])
    return f"{item['address']}: {item['count']} live number(s) in {item['field']} not declared in git, kept (additive mode): {shown}"


def display_order(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Changes as a reviewer reads them: deletes and replaces (and DNC removals), then updates, then
    creates, then no-ops; plan order within each group."""
    return sorted(changes, key=display_group)


def display_group(change: Mapping[str, Any]) -> int:
    if is_destructive(change):
        return 0
    return {"update": 1, "create": 2}.get(category(change), 3)


def is_destructive(change: Mapping[str, Any]) -> bool:
    numbers = change.get("numbers") or {}
    return "delete" in change["actions"] or bool(numbers.get("remove"))


def shown_lines(change: Mapping[str, Any]) -> tuple[list[FieldLine], int]:
    """At most LINES_PER_OBJECT lines, and how many were left out."""
    lines = field_lines(change)
    return lines[:LINES_PER_OBJECT], max(0, len(lines) - LINES_PER_OBJECT)


def drift_lines(entry: Mapping[str, Any]) -> list[FieldLine]:
    """Drifted fields as git (before) vs live (after) lines."""
    return [
        FieldLine(item["path"], format_value(item["git"]), format_value(item["live"]))
        for item in entry["fields"]
    ]


def summary_text(summary: Mapping[str, int]) -> str:
    return (
        f"{summary['create']} to create, {summary['update']} to update, {summary['replace']} to replace, "
        f"{summary['delete']} to delete, {summary['dnc-remove']} DNC number(s) to remove, "
        f"{summary['no-op']} unchanged; "
        f"{summary['error']} error(s), {summary['warning']} warning(s)"
    )


def location_text(source: Mapping[str, Any] | None) -> str:
    return "" if source is None else f"{source['file']}:{source['line']}"


def selection_lines(document: Mapping[str, Any]) -> list[str]:
    """What --select chose and left out (empty when the whole project was planned)."""
    selection = document.get("selection")
    if not selection:
        return []
    chosen = " ".join(f"--select {item}" for item in selection["selectors"])
    lines = [
        f"Selection ({chosen}): only these objects are shown and applied; "
        f"{selection['excluded_changes']} pending change(s) outside it stay pending."
    ]
    for item in selection["excluded_dependencies"]:
        missing = (
            " (it does not exist yet: applying the selection alone fails)"
            if item["action"] == "create"
            else ""
        )
        lines.append(
            f"Needed but not selected: {item['address']} ({item['action']} pending), "
            f"used by {', '.join(item['needed_by'])}{missing}"
        )
    return lines
