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

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from reconciler.plan.annotations import ignored_fields
from reconciler.state.matching import desired_identity
from reconciler.state.objects import DesiredObject, LiveObject

COMPARISONS_MAX = 20_000
"""Full comparisons one plan spends on rename hints at most; past it, no more hints (never a wrong one)."""

_UNKEYED = object()


def recognised_renames(
    creates: Iterable[DesiredObject],
    unclaimed: Mapping[str, LiveObject],
    view: Callable[[LiveObject], Mapping[str, Any]],
    same: Callable[[DesiredObject, LiveObject], bool],
) -> dict[str, LiveObject]:
    """Address of a planned create -> the one unclaimed live object it looks like a rename of.

    `unclaimed`: the active live objects no manifest or interrupted replace claims; `view(live)`: the
    live essence as the plan compares it; `same(obj, live)`: every field `obj` declares has its value
    in `live` (the planner's diff). Live objects whose top-level scalars (and lists of scalars) differ
    from the declared ones are set aside by an index first, so a large org costs few comparisons."""
    by_kind: dict[tuple[str, str], list[LiveObject]] = {}
    for live in unclaimed.values():
        by_kind.setdefault((live.platform, live.kind), []).append(live)
    indexes: dict[tuple[str, str, tuple[str, ...]], dict[tuple[Hashable, ...], list[LiveObject]]] = {}
    budget = COMPARISONS_MAX
    candidates: dict[str, list[LiveObject]] = {}
    for obj in creates:
        if not obj.essence or desired_identity(obj) != obj.address:
            continue
        keys = _index_keys(obj)
        index = indexes.get((obj.platform, obj.kind, keys))
        if index is None:
            index = _index(by_kind.get((obj.platform, obj.kind), []), keys, view)
            indexes[(obj.platform, obj.kind, keys)] = index
        bucket = [live for live in index.get(_key(obj.essence, keys), []) if live.name != obj.name]
        budget -= len(bucket)
        if budget < 0:
            break
        candidates[obj.address] = [live for live in bucket if same(obj, live)]
    claims: dict[str, int] = {}
    for found in candidates.values():
        for live in found:
            claims[live.address] = claims.get(live.address, 0) + 1
    return {
        address: found[0]
        for address, found in candidates.items()
        if len(found) == 1 and claims[found[0].address] == 1
    }


def _index_keys(obj: DesiredObject) -> tuple[str, ...]:
    """The declared top-level fields whose value the index can hold: scalars and lists of scalars, not
    ignored by an annotation."""
    ignored = ignored_fields(obj.annotations)
    return tuple(
        sorted(
            key
            for key, value in obj.essence.items()
            if key not in ignored and _hashable(value) is not _UNKEYED
        )
    )


def _index(
    lives: list[LiveObject], keys: tuple[str, ...], view: Callable[[LiveObject], Mapping[str, Any]]
) -> dict[tuple[Hashable, ...], list[LiveObject]]:
    index: dict[tuple[Hashable, ...], list[LiveObject]] = {}
    for live in lives:
        key = _key(view(live), keys)
        if _UNKEYED not in key:
            index.setdefault(key, []).append(live)
    return index


def _key(essence: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[Hashable, ...]:
    return tuple(_hashable(essence.get(key)) for key in keys)


def _hashable(value: Any) -> Hashable:
    """A scalar as itself, a list of scalars as a sorted tuple (set-like lists compare in any order);
    anything else is unkeyed. Looser than the plan's comparison, never stricter: `same` decides."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list) and all(isinstance(item, str | int | float | bool) for item in value):
        return tuple(sorted(value, key=repr))
    return _UNKEYED


def rename_hint(change: Mapping[str, Any]) -> str | None:
    """The reviewer's note on a create that looks like a rename (plan JSON `looks_like_rename_of`)."""
    old = change.get("looks_like_rename_of")
    if not old:
        return None
    return f"looks like a rename of {old}: add `metadata.previous_names: [{old}]` to rename it in place"
