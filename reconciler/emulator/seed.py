"""Seeding: loading a documented JSON seed into an emulator (the `--seed FILE` format, docs/emulator.md).

{
  "genesys":    {"<collection>": [API object, ...]},      ids, versions and dates are filled in
  "singletons": {"settings": {...}, "wrapupcodemappings": {...}},
  "lookups":    {"queues": [{"name": "Renewals"}, ...], "scripts": [...], ...},
  "dnc_numbers": {"<dnc list id>": ["+15555550100", ...]},
  "cxone":      {"skills": [...], "parameters": {"<skill id>": {...}}, "dnc_groups": [...],
                 "campaigns": [...], "outbound_routes": [...], "scripts": [...]}
}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconciler.exceptions import ReconcilerError

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator


class SeedError(ReconcilerError):
    """A seed file is unreadable or malformed."""


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


def apply_seed(emulator: Emulator, seed: dict[str, Any]) -> None:
    """Add the seed's objects to the emulator's state (existing objects stay)."""
    from reconciler.emulator.cxone.store import seed_cxone
    from reconciler.emulator.genesys.store import seed_genesys

    unknown = set(seed) - {"genesys", "singletons", "lookups", "dnc_numbers", "cxone", "format"}
    if unknown:
        raise SeedError(f"unknown seed sections: {', '.join(sorted(unknown))}")
    seed_genesys(emulator, seed)
    seed_cxone(emulator, seed.get("cxone", {}))
    emulator.changed()
