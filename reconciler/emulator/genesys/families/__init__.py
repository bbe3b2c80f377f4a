"""Families of emulated Genesys kinds kept in modules of their own, found here rather than listed.

A module in this package may define COLLECTIONS, SCHEDULES and LOOKUPS (records of
reconciler.emulator.genesys.collection, joined to the tables of reconciler.emulator.genesys.kinds),
REFERENCES_INTO ({kind: references} its kinds add to an existing collection, e.g. a filter naming a
template) and RULES ({collection key: write rule}, joined to reconciler.emulator.genesys.behaviours).
Adding a family is adding a module; no table is edited by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any


@cache
def family_modules() -> tuple[ModuleType, ...]:
    """Every module of this package, by name."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__))
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


def joined(attribute: str) -> tuple[Any, ...]:
    """The records every family module declares under `attribute`, in module order."""
    return tuple(item for module in family_modules() for item in getattr(module, attribute, ()))


def references_into(kind: str) -> tuple[Any, ...]:
    """The references the families add to the existing collection of `kind`."""
    return tuple(
        item for module in family_modules() for item in getattr(module, "REFERENCES_INTO", {}).get(kind, ())
    )


def rules() -> dict[str, Any]:
    """{collection key: write rule} of every family."""
    return {key: rule for module in family_modules() for key, rule in getattr(module, "RULES", {}).items()}
