"""Where each change sits in the plan: creates and updates by graph level, deletes after them.

Deleted objects are undeclared, so they have no graph level; they go last, dependents first, by the
kind rank of each KindSpec (an object can only be deleted once nothing references it any more).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reconciler.kinds.registry import KIND_SPECS

DELETE_RANK: Mapping[tuple[str, str], int] = {
    key: spec.delete_rank for key, spec in KIND_SPECS.items() if spec.delete_rank is not None
}
"""Delete order from each KindSpec: lower ranks are deleted first (they reference the higher ones)."""
_UNRANKED = max(DELETE_RANK.values()) + 1


def delete_rank(platform: str, kind: str) -> int:
    return DELETE_RANK.get((platform, kind), _UNRANKED)


def delete_base(levels: Iterable[int]) -> int:
    """The first order number after every create and update."""
    return max(levels, default=-1) + 1


def delete_order(*, base: int, platform: str, kind: str) -> int:
    return base + delete_rank(platform, kind)
