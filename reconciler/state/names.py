"""Name <-> id tables for one org: managed objects and the external objects references may name."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class NameIndex:
    """`ids[kind][name] -> id` and its reverse, for the kinds a platform's references point at.

    Kinds are manifest kind names (Campaign, ContactList ...) and external kind names (Queue,
    Script, WrapUpCode, Flow, OutboundRoute ...).
    """

    ids: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    defaults: dict[str, str] = field(default_factory=dict)
    """Kind -> name of the object the platform uses when a reference is left out (the home division)."""

    def add(self, kind: str, name: str, object_id: str | int) -> None:
        self.ids[kind][name] = str(object_id)
        self.names[kind][str(object_id)] = name

    def id_of(self, kind: str, name: str) -> str | None:
        return self.ids.get(kind, {}).get(name)

    def name_of(self, kind: str, object_id: str | int) -> str | None:
        return self.names.get(kind, {}).get(str(object_id))

    def knows(self, kind: str) -> bool:
        return kind in self.ids
