"""Scoped diff: compare only the fields a manifest declares, so server-side extras never show as changes.

A change is a small immutable value `FieldChange(path, before, after)`; paths use manifest names,
dot-separated, with list indexes as `[n]` (e.g. `contact_sorts[0].direction`), or `[key]` for lists
whose items have a natural key (reconciler.list_keys; e.g. `phone_columns[phone].type`).

- Top-level fields the manifest does not declare are unmanaged: never compared, never written.
- A declared object below the top level (a nested mapping, a list item) is compared whole: a key the
  live side holds and the manifest leaves out is a removal (`after` None), unless its live value is
  empty (null, [], {}), which reads as absent, or it lies under a `filled_in` path (keys the platform
  fills in or keeps when left out: reconciler.plan.filled_in). The live side holds only the fields the
  manifest models know (reconciler.state.convert), so server-side extras of unknown names never show.
- Lists whose items have a natural key are matched by key: an item only one side has is one change
  (`before` None: added; `after` None: removed), a shared item is compared field by field. If the shared
  items come in another order (and the list is not set-like) the whole list is reported once.
- Other lists of equal length are compared element by element (`path[n]`); lists of different lengths
  are reported once, as the whole list.
- Lists named in `set_like` ignore order: they are equal when every desired element matches a distinct
  live element (under the same scoped rules).
- `ignore` holds spec paths never diffed (annotation `reconciler/ignore-fields`); a path ignores
  everything below it. Indexes may be left out of a rule: `phone_columns.type` covers every element.
- Numbers compare by value (3 == 3.0) but booleans are not numbers; a missing live value is None.
- An empty list declared equals a missing live value, as an empty mapping does: a list the API requires
  is declared empty (schedule `intervals`), and a platform may leave an empty list out of its answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reconciler.exceptions import Location
from reconciler.list_keys import key_fields, keyed

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_INDEX = re.compile(r'\[[^\]\["]+\]')
"""A list index `[3]` or natural key `[Mon 09:00:00]` (mapping keys in paths are quoted: `["a b"]`)."""


@dataclass(frozen=True)
class FieldChange:
    """One changed field: `before` is the live value, `after` the desired one."""

    path: str
    before: Any
    after: Any
    source: Location | None = None
    """Where the desired value was set, when another file than its document set it (an overlay)."""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "before": self.before, "after": self.after}


def join_path(path: str, key: str) -> str:
    """`path.key`, or `path["key"]` when the key is not a plain identifier (e.g. a wrap-up code name)."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'{path}["{escaped}"]'


def top_field(path: str) -> str:
    """The top-level manifest field a path lies under: `phone_columns[0].type` -> `phone_columns`."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def strip_indexes(path: str) -> str:
    return _INDEX.sub("", path)


def _covered(path: str, rules: frozenset[str]) -> bool:
    """Whether `path` (with or without its indexes) is one of `rules` or lies below one."""
    if not rules:
        return False
    forms = {path, strip_indexes(path)}
    return any(form == rule or form.startswith((rule + ".", rule + "[")) for rule in rules for form in forms)


@dataclass(frozen=True)
class _Rules:
    ignore: frozenset[str]
    set_like: frozenset[str]
    filled_in: frozenset[str] = frozenset()

    def ignored(self, path: str) -> bool:
        return _covered(path, self.ignore)

    def kept(self, path: str) -> bool:
        """An undeclared key at `path` is not a removal (ignored, or filled in by the platform)."""
        return _covered(path, self.ignore) or _covered(path, self.filled_in)

    def is_set(self, path: str) -> bool:
        if not self.set_like:
            return False
        return path in self.set_like or strip_indexes(path) in self.set_like


def scoped_diff(
    desired: Mapping[str, Any],
    live: Mapping[str, Any],
    *,
    ignore: frozenset[str] | set[str] = frozenset(),
    set_like: frozenset[str] | set[str] = frozenset(),
    filled_in: frozenset[str] | set[str] = frozenset(),
) -> tuple[FieldChange, ...]:
    """The declared fields of `desired` whose live value differs, and the keys removed from declared
    objects, in declaration order."""
    rules = _Rules(frozenset(ignore), frozenset(set_like), frozenset(filled_in))
    found: list[FieldChange] = []
    _diff_mapping(desired, live, "", rules, found)
    return tuple(found)


def _diff_mapping(
    desired: Mapping[str, Any], live: Mapping[str, Any], path: str, rules: _Rules, found: list[FieldChange]
) -> None:
    for key, want in desired.items():
        child = join_path(path, str(key))
        if not rules.ignored(child):
            _diff_value(want, live.get(key), child, rules, found)
    if not path:
        return  # the top level: undeclared fields are unmanaged
    for key, held in live.items():
        child = join_path(path, str(key))
        if key not in desired and not is_empty(held) and not rules.kept(child):
            found.append(FieldChange(child, held, None))


def is_empty(value: Any) -> bool:
    """A value that reads as absent: null, an empty list or an empty mapping."""
    return value is None or (isinstance(value, (list, tuple, dict)) and not value)


def _diff_value(want: Any, have: Any, path: str, rules: _Rules, found: list[FieldChange]) -> None:
    if isinstance(want, dict):
        if have is None:
            have = {}
        if isinstance(have, dict):
            _diff_mapping(want, have, path, rules, found)
        else:
            found.append(FieldChange(path, have, want))
        return
    if _is_list(want) and _is_list(have):
        _diff_list(want, have, path, rules, found)
        return
    if _is_list(want) and not want and have is None:
        return
    if not scalar_equal(want, have):
        found.append(FieldChange(path, project(want, have), want))


def _diff_list(
    want: Sequence[Any], have: Sequence[Any], path: str, rules: _Rules, found: list[FieldChange]
) -> None:
    if _diff_keyed(want, have, path, rules, found):
        return
    if rules.is_set(path):
        if not _same_multiset(want, have, path, rules):
            found.append(FieldChange(path, project(list(want), list(have)), list(want)))
        return
    if len(want) != len(have):
        found.append(FieldChange(path, project(list(want), list(have)), list(want)))
        return
    for index, (item, live_item) in enumerate(zip(want, have, strict=True)):
        child = f"{path}[{index}]"
        if not rules.ignored(child):
            _diff_value(item, live_item, child, rules, found)


def _diff_keyed(
    want: Sequence[Any], have: Sequence[Any], path: str, rules: _Rules, found: list[FieldChange]
) -> bool:
    """Diff a list by its items' natural keys; False when the list has none (or they do not hold)."""
    fields = key_fields(path)
    if fields is None or not want or not have:
        return False
    wanted = keyed(want, fields)
    held = keyed(have, fields)
    if wanted is None or held is None:
        return False
    shared = [label for label in wanted if label in held]
    if not rules.is_set(path) and shared != [label for label in held if label in wanted]:
        found.append(FieldChange(path, project(list(want), list(have)), list(want)))  # reordered
        return True
    for label, item in wanted.items():
        child = f"{path}[{label}]"
        if rules.ignored(child):
            continue
        if label in held:
            _diff_value(item, held[label], child, rules, found)
        else:
            found.append(FieldChange(child, None, item))
    for label, item in held.items():
        child = f"{path}[{label}]"
        if label not in wanted and not rules.ignored(child):
            found.append(FieldChange(child, item, None))
    return True


def _same_multiset(want: Sequence[Any], have: Sequence[Any], path: str, rules: _Rules) -> bool:
    """Every desired element matches a distinct live element (scoped comparison, order ignored)."""
    if len(want) != len(have):
        return False
    unused = list(have)
    for index, item in enumerate(want):
        child = f"{path}[{index}]"
        match = next((n for n, candidate in enumerate(unused) if _equal(item, candidate, child, rules)), None)
        if match is None:
            return False
        unused.pop(match)
    return True


def _equal(want: Any, have: Any, path: str, rules: _Rules) -> bool:
    found: list[FieldChange] = []
    _diff_value(want, have, path, rules, found)
    return not found


def scalar_equal(want: Any, have: Any) -> bool:
    """Equality where 3 == 3.0 but True != 1."""
    if isinstance(want, bool) or isinstance(have, bool):
        return type(want) is type(have) and want == have
    if isinstance(want, int | float) and isinstance(have, int | float):
        return float(want) == float(have)
    return bool(want == have)


def _is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def project(shape: Any, value: Any) -> Any:
    """`value` reduced to the top-level keys `shape` declares: the live side as the manifest sees it.

    Below the top level a declared object is whole (its removed keys are changes), so it is kept whole.
    """
    if isinstance(shape, dict) and isinstance(value, dict):
        return {key: value[key] for key in shape if key in value}
    return value


def managed_view(shape: Any, value: Any, filled_in: frozenset[str] = frozenset(), path: str = "") -> Any:
    """`value` as far as a manifest of `shape` manages it: its declared top-level fields, each whole, except
    that below a `filled_in` path only the keys `shape` declares are kept (reconciler.plan.filled_in)."""
    if isinstance(value, dict) and isinstance(shape, dict):
        kept: dict[str, Any] = {}
        for key, item in value.items():
            child = join_path(path, str(key))
            if key in shape:
                kept[key] = managed_view(shape[key], item, filled_in, child)
            elif path and not _covered(child, filled_in):
                kept[key] = item
        return kept
    if _is_list(value) and _is_list(shape) and filled_in:
        items = [item for item in shape if isinstance(item, dict)]
        merged = {key: part for item in items for key, part in item.items()}
        return [managed_view(merged, item, filled_in, f"{path}[{n}]") for n, item in enumerate(value)]
    return value
