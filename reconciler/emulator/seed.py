"""Seeding: loading a documented JSON seed into an emulator (the `--seed FILE` format, docs/emulator.md).

{
  "genesys":    {"<collection>": [API object, ...]},      ids, versions and dates are filled in
  "singletons": {"settings": {...}, "wrapupcodemappings": {...}},
  "lookups":    {"queues": [{"name": "Renewals"}, ...], "scripts": [...], ...},
  "dnc_numbers": {"<dnc list id>": ["+15555550100", ...]},
  "cxone":      {"skills": [...], "parameters": {"<skill id>": {...}}, "dnc_groups": [...],
                 "campaigns": [...], "outbound_routes": [...], "scripts": [...]},
  "metrics":    the body of POST /_emulator/metrics (reconciler/emulator/metrics.py), loaded last
}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconciler.emulator.cxone.store import seed_cxone
from reconciler.emulator.genesys.admin_writes import seed_genesys
from reconciler.emulator.metrics import MetricsError, set_metrics
from reconciler.emulator.seed_error import SeedError
from reconciler.emulator.state import EmulatorState

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator


def read_seed(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"cannot read seed file {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SeedError(f"{path}:{exc.lineno}: seed file is not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise SeedError(f"{path}: a seed file is a JSON object (see docs/emulator.md)")
    return data


_SHAPES: dict[str, type | tuple[type, ...]] = {
    "genesys": list,
    "singletons": dict,
    "lookups": list,
    "dnc_numbers": (list, dict),
    "cxone": (list, dict),
    "metrics": (list, str),
}
"""Every section is an object; this is the type of each value in it (docs/emulator.md)."""

_CXONE_LISTS = ("campaigns", "outbound_routes", "scripts", "skills", "dnc_groups")
_NAMES: dict[type, str] = {dict: "an object", list: "a list", str: "a string"}


def _kind(expected: type | tuple[type, ...]) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(_NAMES.get(kind, kind.__name__) for kind in kinds)


def _wanted(section: str, key: str) -> tuple[type | tuple[type, ...], bool]:
    """(type of the value at section.key, whether its members must be objects)."""
    if section == "cxone":
        if key in _CXONE_LISTS:
            return (list, dict), True
        return dict if key == "parameters" else (list, dict), False
    return _SHAPES[section], section in ("genesys", "lookups")


def check_shape(seed: dict[str, Any]) -> None:
    """Refuse a seed whose sections or containers have the wrong type, naming the field (before any change)."""
    unknown = set(seed) - {*_SHAPES, "format"}
    if unknown:
        raise SeedError(f"unknown seed sections: {', '.join(sorted(unknown))}")
    if not isinstance(seed.get("format", ""), str):
        raise SeedError("seed format: expected a string")
    for section in _SHAPES:
        value: Any = seed.get(section)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise SeedError(f"seed {section}: expected an object")
        for key, item in value.items():
            wanted, objects = _wanted(section, str(key))
            if not isinstance(item, wanted):
                raise SeedError(f"seed {section}.{key}: expected {_kind(wanted)}")
            members: Any = list(item.values()) if isinstance(item, dict) else item
            for index, member in enumerate(members if objects else []):
                if not isinstance(member, dict):
                    raise SeedError(f"seed {section}.{key}[{index}]: expected an object")


def apply_seed(emulator: Emulator, seed: dict[str, Any]) -> None:
    """Add the seed's objects to the emulator's state (existing objects stay); a bad seed changes nothing."""
    check_shape(seed)
    before = EmulatorState.from_json(emulator.state.snapshot())
    try:
        seed_genesys(emulator, seed)
        seed_cxone(emulator, seed.get("cxone") or {})
        if seed.get("metrics"):
            set_metrics(emulator, seed["metrics"])
    except MetricsError as exc:
        emulator.state.replace_with(before)
        raise SeedError(f"seed metrics: {exc}") from None
    except SeedError:
        emulator.state.replace_with(before)
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as exc:  # a value deeper than check_shape looks
        emulator.state.replace_with(before)
        raise SeedError(f"seed: a value has the wrong type or form ({type(exc).__name__}: {exc})") from None
    emulator.changed()
