"""Entries a set-like list declares more than once: reported (DUPLICATE-ENTRY) and written once.

A set-like list (KindSpec.set_like: a campaign's `dnc_lists`, a CXone group's `skills`) holds each entry
once on the platform, so a manifest that repeats one would show a change on every plan and bump the
version on every apply. The desired side keeps the first of each entry; the check warns about the rest.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from reconciler.kinds.registry import SET_LIKE


def repeated(items: Sequence[Any]) -> list[int]:
    """The indexes of the entries equal to an earlier one."""
    seen: set[str] = set()
    found: list[int] = []
    for index, item in enumerate(items):
        key = json.dumps(item, sort_keys=True, default=str)
        if key in seen:
            found.append(index)
        seen.add(key)
    return found


def set_like_fields(platform: str, kind: str) -> frozenset[str]:
    """The top-level set-like list fields of a kind (nested set-like paths are compared, not repeated)."""
    return frozenset(field for field in SET_LIKE.get(platform, {}).get(kind, ()) if "." not in field)


def without_repeats(platform: str, kind: str, essence: Mapping[str, Any]) -> dict[str, Any]:
    """`essence` with each top-level set-like list holding every entry once, first occurrences kept."""
    result = dict(essence)
    for field in set_like_fields(platform, kind):
        items = result.get(field)
        if isinstance(items, list):
            dropped = set(repeated(items))
            if dropped:
                result[field] = [item for index, item in enumerate(items) if index not in dropped]
    return result
