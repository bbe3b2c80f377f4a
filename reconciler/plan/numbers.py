"""What a plan does to the numbers of a DNC list or group: adds, rewrites, removals, unmanaged numbers.

Numbers are compared as a set of E.164 keys (reconciler.state.numbers). In additive mode (the default)
a live number that no manifest declares is *unmanaged*: kept, counted, never a change. In exact mode it
is a *removal*: a destructive change, listed first, counted with the deletes and gated like one.
Numbers are masked in the document; removals are listed whole (they are what a reviewer must see),
additions, rewrites and unmanaged numbers as a count and a few samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reconciler.plan.masking import mask_value
from reconciler.state.numbers import EXACT, DeclaredNumbers, Record

SAMPLES = 20
"""Additions and rewrites shown per object in the plan document (the counts are exact)."""
UNMANAGED_SAMPLES = 5


@dataclass(frozen=True)
class NumberChanges:
    """The numbers one DNC list or group gains, has rewritten and loses; E.164, sorted."""

    field: str
    mode: str
    declared: int
    live: int
    add: tuple[str, ...] = ()
    update: tuple[str, ...] = ()
    """Declared numbers held live with other values (a CXone record's expired_date): written again."""
    remove: tuple[str, ...] = ()
    unmanaged: tuple[str, ...] = ()

    @property
    def is_change(self) -> bool:
        return bool(self.add or self.update or self.remove)

    def counted(self) -> tuple[str, ...]:
        """One line per kind of change, counts only (apply results and audit records)."""
        parts = (("added", self.add), ("rewritten", self.update), ("removed", self.remove))
        return tuple(f"{self.field}: {len(numbers)} number(s) {verb}" for verb, numbers in parts if numbers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "mode": self.mode,
            "declared": self.declared,
            "live": self.live,
            "add": len(self.add),
            "update": len(self.update),
            "remove": len(self.remove),
            "unmanaged": len(self.unmanaged),
            "added": mask_value(list(self.add[:SAMPLES])),
            "updated": mask_value(list(self.update[:SAMPLES])),
            "removed": mask_value(list(self.remove)),
            "unmanaged_samples": mask_value(list(self.unmanaged[:UNMANAGED_SAMPLES])),
        }


def number_changes(
    declared: DeclaredNumbers, live: dict[str, Record] | None, *, now: datetime | None = None
) -> NumberChanges:
    """Compare the declared numbers with the live ones (None: the list does not exist yet)."""
    held = suppressing(live or {}, now=now)
    wanted = declared.items
    undeclared = tuple(sorted(held.keys() - wanted.keys()))
    exact = declared.mode == EXACT
    return NumberChanges(
        field=declared.field,
        mode=declared.mode,
        declared=len(wanted),
        live=len(held),
        add=tuple(sorted(wanted.keys() - held.keys())),
        update=tuple(
            sorted(
                number
                for number, record in wanted.items()
                if number in held and _differs(record, held[number])
            )
        ),
        remove=undeclared if exact else (),
        unmanaged=() if exact else undeclared,
    )


def _differs(record: Record, live: Record) -> bool:
    """Values differ; dates compare as instants (2027-01-31 and 2027-01-31T00:00:00Z are one)."""
    for key, value in record.items():
        have = live.get(key)
        moments = _instant(value), _instant(have)
        if moments[0] is not None and moments[1] is not None:
            if moments[0] != moments[1]:
                return True
        elif have != value:
            return True
    return False


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def suppressing(live: dict[str, Record], *, now: datetime | None = None) -> dict[str, Record]:
    """The live numbers that still suppress: a CXone record listed after its expired_date (CXone keeps
    expired records 7 days) is neither held, nor removed, nor expired again."""
    return {number: record for number, record in live.items() if not _expired(record, now)}


def _expired(record: Record, now: datetime | None) -> bool:
    """A CXone record whose expired_date has passed no longer suppresses (the platform keeps it 7 days)."""
    moment = _instant(record.get("expired_date"))
    return moment is not None and moment <= (now or datetime.now(UTC))


@dataclass(frozen=True)
class UnmanagedNumbers:
    """Live numbers of one DNC list or group that no manifest declares, kept (additive mode)."""

    address: str
    field: str
    numbers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "field": self.field,
            "count": len(self.numbers),
            "samples": mask_value(list(self.numbers[:UNMANAGED_SAMPLES])),
        }


def unmanaged_of(address: str, changes: NumberChanges | None) -> list[UnmanagedNumbers]:
    if changes is None or not changes.unmanaged:
        return []
    return [UnmanagedNumbers(address, changes.field, changes.unmanaged)]
