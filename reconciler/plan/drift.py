"""Drift (ARCHITECTURE.md §9): managed fields that left git, unmanaged objects, replace leftovers.

Pure, like the planner; the `drift` command turns a non-empty result into exit code 2.
Fields under `reconciler/ignore-fields` and objects annotated `reconciler/create-only` never drift:
the platform owns those values once the object exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from reconciler.audit_applied import LastApplied
from reconciler.config import Prune
from reconciler.plan.annotations import create_only
from reconciler.plan.leftovers import leftovers
from reconciler.plan.models import DriftEntry, DriftField, DriftStatus
from reconciler.plan.numbers import NumberChanges
from reconciler.plan.planner import INACTIVE, declared_diff, numbers_of, rename_of
from reconciler.plan.prune import in_scope, is_singleton
from reconciler.plan.undeclared import no_longer_declared, undeclared_entry
from reconciler.state.matching import declared_claims, match_live
from reconciler.state.objects import DesiredObject, LiveObject


def build_drift(
    *,
    desired: Mapping[str, DesiredObject],
    live: Mapping[str, LiveObject],
    set_like_fields: Mapping[str, frozenset[str]],
    prune: Prune,
    target_platform: str,
    applied: Mapping[str, LastApplied] | None = None,
) -> tuple[DriftEntry, ...]:
    """Every drifted declared object, then every replace leftover, then every undeclared live object
    this tool applied (`applied`, from the audit log: no longer declared) or inside the prune scope.

    The scope counts even when pruning is disabled: drift reports what a prune would delete.
    """
    declared = {address: obj for address, obj in desired.items() if obj.platform == target_platform}
    present = {address: obj for address, obj in live.items() if obj.platform == target_platform}
    matched, _ = match_live(declared_claims(declared), present)
    entries: list[DriftEntry] = []
    for address, obj in sorted(declared.items()):
        entry = _declared_drift(obj, matched.get(address), set_like_fields.get(obj.kind, frozenset()))
        if entry is not None:
            entries.append(entry)
    claimed = {obj.address for obj in matched.values()}
    aside = leftovers({a: obj for a, obj in present.items() if a not in claimed}, declared)
    for address, owner in sorted(aside.items()):
        # Whatever the prune scope: the org holds two copies of a declared object until apply finishes.
        reason = (
            f"renamed aside by an interrupted replace of {owner.address}; "
            "the next apply --allow-delete repoints its dependents and deletes it"
        )
        entries.append(undeclared_entry(present[address], DriftStatus.LEFTOVER, reason=reason))
    for address, found in sorted(present.items()):
        if address in claimed or address in aside:
            continue
        last = (applied or {}).get(address)
        if last is not None and found.status != INACTIVE:
            entries.append(no_longer_declared(found, last))
        elif in_scope(found, prune.scope):
            entries.append(undeclared_entry(found, DriftStatus.UNMANAGED))
    return tuple(entries)


def _declared_drift(
    obj: DesiredObject, live: LiveObject | None, set_like: frozenset[str]
) -> DriftEntry | None:
    if live is None:
        if is_singleton(obj.platform, obj.kind):
            return None
        return DriftEntry(obj.address, obj.kind, obj.name, DriftStatus.MISSING, source=obj.source)
    if create_only(obj.annotations):
        return None
    changes = (*rename_of(obj, live), *declared_diff(obj, live, set_like))
    numbers = number_drift(numbers_of(obj, live))
    if not changes and not numbers:
        return None
    return DriftEntry(
        address=obj.address,
        kind=obj.kind,
        name=obj.name,
        status=DriftStatus.MODIFIED,
        platform_id=live.platform_id,
        fields=(
            *(DriftField(change.path, git=change.after, live=change.before) for change in changes),
            *numbers,
        ),
        source=obj.source,
    )


NUMBER_LINES = 50
"""Drifted DNC numbers listed one by one per object; the rest are counted in one more line."""


def number_drift(changes: NumberChanges | None) -> list[DriftField]:
    """Declared numbers missing live (or held with other values), and in exact mode undeclared live ones.

    Unmanaged numbers of an additive list are not drift: they are reported apart, as a count."""
    if changes is None:
        return []
    lines = [
        *(DriftField(f"{changes.field}[{number}]", git=number, live=None) for number in changes.add),
        *(
            DriftField(f"{changes.field}[{number}]", git=number, live="other values")
            for number in changes.update
        ),
        *(DriftField(f"{changes.field}[{number}]", git=None, live=number) for number in changes.remove),
    ]
    if len(lines) <= NUMBER_LINES:
        return lines
    summary = DriftField(
        changes.field,
        git=f"{changes.declared} declared number(s)",
        live=f"{len(changes.add)} missing, {len(changes.update)} with other values, {len(changes.remove)} undeclared",
    )
    return [*lines[:NUMBER_LINES], summary]
