"""What an adapter is asked with: which objects to read, and what a writer needs from the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reconciler.apply.work import ApplySettings
    from reconciler.plan.models import ResourceChange
    from reconciler.state.names import NameIndex
    from reconciler.state.objects import DesiredObject


@dataclass(frozen=True)
class ReadRequest:
    """The kinds to read (all when None), the lookups to list (all when None), and the Genesys DNC
    lists whose numbers to read too (three requests each; CXone reads a group's numbers with it)."""

    kinds: tuple[str, ...] | None = None
    lookups: tuple[str, ...] | None = None
    dnc_entries_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class WriteContext:
    """The org's name index, the declared objects, the apply settings, the planned changes by address and
    the set-like list fields per kind: what a writer needs to run a plan's changes."""

    index: NameIndex
    desired: Mapping[str, DesiredObject]
    settings: ApplySettings
    planned: Mapping[str, ResourceChange]
    set_like: Mapping[str, frozenset[str]]
