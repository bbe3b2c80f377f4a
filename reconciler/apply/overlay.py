"""Versioned writes without losing anyone's edit: overlay managed fields, refuse stale ones.

A PUT replaces the whole object, so apply never sends a body it built from the manifest alone. It
re-reads the object and overlays only the fields the manifest declares onto that *fresh* body: a field
the manifest does not declare keeps whatever value it has live now, even if someone changed it a
second ago. A declared field that someone changed live after the plan was made is different: writing
our value would silently undo their edit, which the reviewer never saw. That change is refused as
stale (re-plan to review it), unless the live value already is what the manifest wants.

A reference this apply moved itself is not someone else's edit: after a replace, a dependent points at
the old object until it is repointed and at the new one after. The stale check reads both as the new
object (`repointed`), so only an edit made outside this apply is refused.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from reconciler.apply.work import Work
from reconciler.diff import managed_view, project, scoped_diff, top_field
from reconciler.exceptions import StaleChange
from reconciler.plan.annotations import ignored_fields
from reconciler.plan.filled_in import filled_in
from reconciler.plan.masking import mask_value


def overlay(fresh: Mapping[str, Any], managed: Mapping[str, Any]) -> dict[str, Any]:
    """`fresh` with `managed` written over it; nested objects merge key by key, lists are replaced."""
    merged = dict(fresh)
    for key, value in managed.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping) and value:
            merged[key] = overlay(current, value)
        else:
            merged[key] = value
    return merged


def stale_paths(
    *,
    desired: Mapping[str, Any],
    planned: Mapping[str, Any],
    fresh: Mapping[str, Any],
    ignore: frozenset[str] = frozenset(),
    set_like: frozenset[str] = frozenset(),
    skip: frozenset[str] = frozenset(),
    kept: frozenset[str] = frozenset(),
) -> list[tuple[str, Any, Any]]:
    """(path, value the plan saw, value live now) for every declared field that moved since the plan.

    `planned` is the live side as the plan saw it (projected onto the declared fields); a field that
    moved to exactly the desired value is not stale. `skip` names top-level fields apply itself
    manages through steps (a campaign's run state); `kept` the nested paths the platform fills in
    (reconciler.plan.filled_in).
    """
    scope = {key: value for key, value in desired.items() if key not in skip}
    now = project(scope, fresh)
    moved = scoped_diff(
        managed_view(scope, {key: planned[key] for key in scope if key in planned}, kept),
        managed_view(scope, now, kept),
        ignore=ignore,
        set_like=set_like,
        filled_in=kept,
    )
    moved_paths = {change.path for change in moved}
    newly_set = [key for key in scope if key not in planned and key in now]
    pending = {
        change.path for change in scoped_diff(scope, now, ignore=ignore, set_like=set_like, filled_in=kept)
    }
    found: list[tuple[str, Any, Any]] = []
    for change in moved:
        if _unresolved(change.path, pending):
            found.append((change.path, change.after, change.before))
    for key in newly_set:
        if key not in moved_paths and _unresolved(key, pending):
            found.append((key, None, now[key]))
    return found


def _unresolved(path: str, pending: set[str]) -> bool:
    """Whether `path` (or something below or above it) still differs from the desired value."""
    top = top_field(path)
    return any(item == path or top_field(item) == top for item in pending)


def raise_if_stale(address: str, stale: list[tuple[str, Any, Any]]) -> None:
    if not stale:
        return
    shown = "; ".join(
        f"{path}: the plan saw {_show(planned)}, live is now {_show(now)}" for path, planned, now in stale
    )
    raise StaleChange(
        f"{address} was changed live after the plan in field(s) the manifest manages ({shown}); "
        "not overwriting it. Re-run plan to review the live change, then apply again."
    )


def refuse_stale(
    work: Work,
    fresh: Mapping[str, Any],
    *,
    set_like: frozenset[str] = frozenset(),
    skip: frozenset[str] = frozenset(),
) -> None:
    """Raise StaleChange if a field `work`'s manifest declares moved live since its plan (`fresh` is
    the live object now, in manifest shape). Creates and prune deletes have nothing to compare."""
    obj, planned = work.desired, work.change.before
    if obj is None or planned is None:
        return
    stale = stale_paths(
        desired=obj.essence,
        planned=planned,
        fresh=fresh,
        ignore=ignored_fields(obj.annotations),
        set_like=set_like,
        skip=skip,
        kept=filled_in(obj.platform, obj.kind),
    )
    raise_if_stale(obj.address, stale)


def _show(value: Any) -> str:
    return json.dumps(mask_value(value), default=str)


def without_ignored(essence: Mapping[str, Any], paths: frozenset[str]) -> dict[str, Any]:
    """A copy of `essence` without the dotted paths of annotation reconciler/ignore-fields."""
    result = copy.deepcopy(dict(essence))
    for path in paths:
        parts = path.split(".")
        node: Any = result
        for part in parts[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(parts[-1], None)
    return result


def repointed(value: Any, moved: Mapping[str, str]) -> Any:
    """`value` (an API body) with every id in `moved` (old id -> new id) swapped, as a value or a key.

    Ids are unique across an org (UUIDs), so a string equal to an old id is a reference to it.
    """
    if not moved:
        return value
    if isinstance(value, str):
        return moved.get(value, value)
    if isinstance(value, Mapping):
        return {repointed(key, moved): repointed(item, moved) for key, item in value.items()}
    if isinstance(value, list):
        return [repointed(item, moved) for item in value]
    return value


def references(value: Any, object_id: str) -> bool:
    """Whether `value` (an API body) holds `object_id` anywhere, as a value or a key."""
    if isinstance(value, str):
        return value == object_id
    if isinstance(value, Mapping):
        return any(key == object_id or references(item, object_id) for key, item in value.items())
    if isinstance(value, list):
        return any(references(item, object_id) for item in value)
    return False
