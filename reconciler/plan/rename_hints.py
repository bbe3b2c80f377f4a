"""Renames the plan recognises: a planned create that looks like an undeclared live object of another name.

A rename without `metadata.previous_names` plans a create and leaves the old object behind (unmanaged,
or deleted under prune). The rule is conservative; a create is said to look like a rename of a live
object only when all of these hold:

- the object is identified by its name (not a schedule or an org singleton) and declares at least one
  field besides its name;
- the live object is of the same platform and kind, has another name, is active, and neither a
  manifest nor an interrupted replace claims it;
- every declared field has the same value live (the plan's own comparison, references by name: same
  contact list, same lists and sets);
- the match is one to one: the create looks like exactly one such live object, and that object like
  no other create.

The hint changes nothing that is applied: the plan still creates; the reviewer adds `previous_names`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from reconciler.state.matching import desired_identity
from reconciler.state.objects import DesiredObject, LiveObject


def recognised_renames(
    creates: Iterable[DesiredObject],
    unclaimed: Mapping[str, LiveObject],
    same: Callable[[DesiredObject, LiveObject], bool],
) -> dict[str, LiveObject]:
    """Address of a planned create -> the one unclaimed live object it looks like a rename of.

    `unclaimed`: the active live objects no manifest or interrupted replace claims; `same(obj, live)`
    says every field `obj` declares has its value in `live` (the planner's diff)."""
    candidates: dict[str, list[LiveObject]] = {}
    for obj in creates:
        if not obj.essence or desired_identity(obj) != obj.address:
            continue
        candidates[obj.address] = [
            live
            for live in unclaimed.values()
            if (live.platform, live.kind) == (obj.platform, obj.kind)
            and live.name != obj.name
            and same(obj, live)
        ]
    claims: dict[str, int] = {}
    for found in candidates.values():
        for live in found:
            claims[live.address] = claims.get(live.address, 0) + 1
    return {
        address: found[0]
        for address, found in candidates.items()
        if len(found) == 1 and claims[found[0].address] == 1
    }


def rename_hint(change: Mapping[str, Any]) -> str | None:
    """The reviewer's note on a create that looks like a rename (plan JSON `looks_like_rename_of`)."""
    old = change.get("looks_like_rename_of")
    if not old:
        return None
    return f"looks like a rename of {old}: add `metadata.previous_names: [{old}]` to rename it in place"
