"""Keys the manifest removed from a declared nested object: left out of the body a PUT sends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from reconciler.diff import join_path
from reconciler.state.convert import api_names, nested_models


def without_removed(
    model: type[BaseModel],
    body: Mapping[str, Any],
    managed: Mapping[str, Any],
    *,
    kept: frozenset[str] = frozenset(),
    path: str = "",
) -> dict[str, Any]:
    """`body` (the fresh object with `managed` overlaid) without the keys a declared nested object of
    `managed` leaves out: a declared object is whole, so a key removed from it is removed live. Kept are
    keys the model does not know (server-side fields) and those under `kept` paths (manifest names:
    reconciler.plan.filled_in, the ignore-fields annotation)."""
    result = dict(body)
    for alias, (name, inner) in nested_models(model).items():
        want, have = managed.get(alias), result.get(alias)
        if not (isinstance(want, Mapping) and want and isinstance(have, Mapping)):
            continue
        where = join_path(path, name)
        known = api_names(inner)
        held = {
            key: value
            for key, value in have.items()
            if key in want or key not in known or _kept(join_path(where, known[key]), kept)
        }
        result[alias] = without_removed(inner, held, want, kept=kept, path=where)
    return result


def _kept(path: str, kept: frozenset[str]) -> bool:
    return any(path == rule or path.startswith(rule + ".") for rule in kept)
