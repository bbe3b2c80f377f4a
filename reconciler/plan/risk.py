"""The plan's risk summary: what a reviewer must see first, each item named and each category counted.

Categories: deletes and replaces (with what they lose), DNC numbers removed, run-state changes (a
campaign started or stopped, a rule disabled for an edit), running CXone skills restarted for an edit
(applied only with `apply --allow-restart`), and error findings. Computed from the plan document
(`Plan.to_dict()`: values already masked), so every renderer shows the same summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from reconciler.platform import Platform


class RiskCategory(StrEnum):
    DELETE = "delete"
    REPLACE = "replace"
    DNC_REMOVE = "dnc-remove"
    RUN_STATE = "run-state"
    RESTART = "restart"
    ERROR = "error"


RISK_LABELS: Mapping[RiskCategory, str] = {
    RiskCategory.DELETE: "delete(s)",
    RiskCategory.REPLACE: "replace(s)",
    RiskCategory.DNC_REMOVE: "DNC number(s) removed",
    RiskCategory.RUN_STATE: "run-state change(s)",
    RiskCategory.RESTART: "CXone skill restart(s)",
    RiskCategory.ERROR: "error finding(s)",
}

LOSSES: Mapping[tuple[str, str], tuple[str, str]] = {
    (Platform.GENESYS, "ContactList"): (
        "its contacts are deleted with it",
        "loses its contacts: the new list starts empty (the tool manages the definition, not the rows)",
    ),
    (Platform.GENESYS, "DncList"): (
        "its numbers stop suppressing calls",
        "numbers added live and not declared in git are not carried over",
    ),
    (Platform.GENESYS, "Campaign"): (
        "its dialing progress and statistics are lost",
        "loses its dialing progress and statistics: the new campaign starts over",
    ),
    (Platform.GENESYS, "Sequence"): (
        "its progress through its campaigns is lost",
        "restarts from its first campaign",
    ),
    (Platform.CXONE, "Skill"): (
        "deactivated (CXone cannot delete): it stops dialing",
        "its history stays on the old skill",
    ),
    (Platform.CXONE, "DncGroup"): (
        "deactivated: its numbers stop scrubbing its skills",
        "its numbers are written again",
    ),
    (Platform.CXONE, "Campaign"): (
        "deactivated (CXone cannot delete)",
        "its reporting history stays on the old one",
    ),
}
"""(platform, kind) -> (what a delete loses, what a replace loses)."""

_TURNED = {"start": "started", "stop": "stopped", "enable": "enabled", "disable": "disabled"}
_OFF_FIRST = ("stop", "disable")


def _category(change: Mapping[str, Any]) -> str:
    actions = list(change["actions"])
    return "replace" if actions == ["delete", "create"] else str(actions[0])


def _platform(address: str) -> str:
    return address.split("/", 1)[0]


def loss_of(change: Mapping[str, Any]) -> str | None:
    """What a delete or replace of this object loses (None for other changes or kinds)."""
    category = _category(change)
    losses = LOSSES.get((_platform(change["address"]), change["kind"]))
    if losses is None or category not in ("delete", "replace"):
        return None
    return losses[0] if category == "delete" else losses[1]


def _run_state_detail(change: Mapping[str, Any]) -> tuple[RiskCategory, str] | None:
    steps = list(change["steps"])
    turns = [step for step in steps if step in _TURNED]
    if not turns or _category(change) in ("delete", "replace"):
        return None
    if change["address"].startswith(f"{Platform.CXONE}/Skill/") and "stop" in steps and "update" in steps:
        return RiskCategory.RESTART, (
            "running skill stopped, updated and started again (dials nothing meanwhile); "
            "applied only with --allow-restart"
        )
    if len(turns) == 2 and turns[0] in _OFF_FIRST:
        return RiskCategory.RUN_STATE, f"{_TURNED[turns[0]]} for the edit, then {_TURNED[turns[1]]} again"
    what = _TURNED[turns[-1]]
    if _category(change) == "create":
        return RiskCategory.RUN_STATE, f"created and {what}"
    return RiskCategory.RUN_STATE, what + (": it starts dialing" if what == "started" else "")


def _change_items(change: Mapping[str, Any]) -> list[dict[str, Any]]:
    if list(change["actions"]) == ["no-op"]:
        return []
    address, category = change["address"], _category(change)
    items = []
    if category in ("delete", "replace"):
        reason = change.get("action_reason")
        detail = "; ".join(part for part in (reason, loss_of(change)) if part)
        if "stop" in change["steps"]:
            detail = "stopped first; " + detail if detail else "stopped first"
        items.append({"category": category, "address": address, "detail": detail, "count": 1})
    removed = int((change.get("numbers") or {}).get("remove") or 0)
    if removed:
        field = change["numbers"]["field"]
        detail = f"removes {removed} number(s) from {field} (exact mode)"
        items.append({"category": "dnc-remove", "address": address, "detail": detail, "count": removed})
    turned = _run_state_detail(change)
    if turned is not None:
        items.append({"category": str(turned[0]), "address": address, "detail": turned[1], "count": 1})
    return items


def _error_items(findings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    for item in findings:
        if item["severity"] == "error" and not item.get("suppressed"):
            counts[item["code"]] += int(item.get("omitted") or 1)
    return [
        {"category": "error", "address": None, "detail": f"{code}: {count} finding(s)", "count": count}
        for code, count in sorted(counts.items())
    ]


def risk_summary(
    changes: Sequence[Mapping[str, Any]], findings: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """`{"counts": {category: n}, "items": [...]}`: every risky change, riskiest categories first.

    Counts are objects, except `dnc-remove` (numbers) and `error` (findings)."""
    items = [item for change in changes for item in _change_items(change)] + _error_items(findings)
    order = list(RiskCategory)
    items.sort(key=lambda item: order.index(RiskCategory(item["category"])))
    counts = dict.fromkeys((str(category) for category in RiskCategory), 0)
    for item in items:
        counts[item["category"]] += item["count"]
    return {"counts": counts, "items": items}


def risk_line(counts: Mapping[str, int]) -> str:
    """`1 delete(s), 2 run-state change(s)`, or that there is nothing risky."""
    parts = [
        f"{counts[str(category)]} {RISK_LABELS[category]}"
        for category in RiskCategory
        if counts[str(category)]
    ]
    if not parts:
        return "none: no deletes, replaces, DNC removals, run-state changes or error findings"
    return ", ".join(parts)


def is_risky(change: Mapping[str, Any]) -> bool:
    """A change that appears in the risk summary (never left out of a shortened rendering)."""
    return bool(_change_items(change))
