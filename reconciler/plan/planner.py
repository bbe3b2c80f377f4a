"""The planner: a pure function of desired objects, live objects and the dependency graph -> changes.

No I/O happens here (pyinfra's facts-then-operations split): the live side was fetched before, and
nothing is written after. Every declared object gets exactly one change (possibly a no-op); undeclared
live objects get a delete only when pruning is enabled and they sit inside the prune scope, or when an
interrupted replace of a declared object left them behind (reconciler.plan.leftovers).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reconciler.audit_applied import LastApplied
from reconciler.config import Prune
from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.diff import FieldChange, project, scoped_diff, top_field
from reconciler.kinds.registry import KIND_SPECS
from reconciler.plan.annotations import create_only, ignored_fields, prevent_destroy
from reconciler.plan.filled_in import filled_in
from reconciler.plan.leftovers import leftover_reason, leftovers
from reconciler.plan.models import REPLACE, Action, DriftEntry, ResourceChange, Step
from reconciler.plan.numbers import NumberChanges, number_changes
from reconciler.plan.ordering import delete_base, delete_order
from reconciler.plan.prune import in_scope, is_singleton
from reconciler.plan.rename_hints import recognised_renames
from reconciler.plan.steps import (
    RunState,
    create_steps,
    delete_steps,
    edited_in_place,
    live_state,
    replace_steps,
    run_state,
    shown_state,
    update_steps,
)
from reconciler.plan.undeclared import no_longer_declared, undeclared_reason
from reconciler.state.matching import declared_claims, desired_identity, match_live
from reconciler.state.numbers import live_numbers
from reconciler.state.objects import DesiredObject, LiveObject

INACTIVE = "inactive"
"""Status of a live object that was deactivated (CXone's delete): already gone as far as pruning goes."""


@dataclass(frozen=True)
class PlanResult:
    """The changes in apply order, and the findings the planner itself raises."""

    changes: tuple[ResourceChange, ...]
    findings: tuple[Finding, ...]
    undeclared: tuple[DriftEntry, ...] = ()
    """Live objects this tool applied that no manifest declares and the plan does not delete."""


@dataclass(frozen=True)
class _Rules:
    levels: Mapping[str, int]
    immutable_fields: Mapping[str, frozenset[str]]
    set_like_fields: Mapping[str, frozenset[str]]
    in_place: frozenset[str] = frozenset()


def build_plan(
    *,
    desired: Mapping[str, DesiredObject],
    live: Mapping[str, LiveObject],
    levels: Mapping[str, int],
    immutable_fields: Mapping[str, frozenset[str]],
    set_like_fields: Mapping[str, frozenset[str]],
    prune: Prune,
    target_platform: str,
    edited_in_place_kinds: frozenset[str] = frozenset(),
    applied: Mapping[str, LastApplied] | None = None,
) -> PlanResult:
    """Plan every object of `target_platform`: `desired` and `live` are keyed by address.

    `edited_in_place_kinds` are kinds whose running objects are edited without switching them off;
    `applied` (address -> its last applied change, from the audit log) tells which undeclared live
    objects this tool applied: they are reported as no longer declared, or deleted inside the scope."""
    rules = _Rules(levels, immutable_fields, set_like_fields, edited_in_place_kinds)
    declared = {address: obj for address, obj in desired.items() if obj.platform == target_platform}
    present = {address: obj for address, obj in live.items() if obj.platform == target_platform}
    matched, _ = match_live(declared_claims(declared), present)
    changes = [_plan_declared(obj, matched.get(address), rules) for address, obj in sorted(declared.items())]
    changes = _cascaded_replaces(changes, declared, matched)
    findings = [item for change in changes for item in _replace_findings(change, declared, rules)]
    claimed = {obj.address for obj in matched.values()}
    base = delete_base(change.order for change in changes)
    aside = leftovers({a: obj for a, obj in present.items() if a not in claimed}, declared)
    changes = [_reasoned_create(change, aside) for change in changes]
    for address, owner in sorted(aside.items()):
        live_obj = present[address]
        order = delete_order(base=base, platform=live_obj.platform, kind=live_obj.kind)
        changes.append(_finish_replace(live_obj, owner, order=order))
    claimed |= set(aside)
    unclaimed = {a: obj for a, obj in present.items() if a not in claimed and obj.status != INACTIVE}
    changes = _with_rename_hints(changes, declared, unclaimed, rules)
    undeclared: list[DriftEntry] = []
    for address, obj in sorted(present.items()):
        if address in claimed or obj.status == INACTIVE:
            continue
        last = (applied or {}).get(address)
        if prune.enabled and in_scope(obj, prune.scope):
            delete = _delete(obj, order=delete_order(base=base, platform=obj.platform, kind=obj.kind))
            if last is not None:
                reason = f"{undeclared_reason(last)}; inside the prune scope"
                delete = dataclasses.replace(delete, action_reason=reason)
            changes.append(delete)
        elif last is not None:
            undeclared.append(no_longer_declared(obj, last))
    findings.extend(protection_findings(changes, declared, leftover_of=aside))
    ordered = sorted(changes, key=lambda change: (change.order, change.address))
    return PlanResult(tuple(ordered), tuple(findings), tuple(undeclared))


def comparable_essence(live: LiveObject, state: RunState | None) -> dict[str, Any]:
    """The live essence with its run state read as the manifest writes it (on / off, enabled or not)."""
    essence = dict(live.essence)
    if state is not None:
        essence[state.field] = shown_state(state, live_state(state, live))
    return essence


def declared_diff(
    obj: DesiredObject, live: LiveObject, set_like: frozenset[str], *, before: dict[str, Any] | None = None
) -> tuple[FieldChange, ...]:
    """The scoped diff of one declared object against its live counterpart, annotations honoured.

    `before` (the live side projected on the declared fields) may be passed when already computed.
    Most objects of a large org are unchanged: when the projection serialises to exactly the declared
    JSON, nothing differs and the field-by-field walk is skipped (JSON keeps 1 and true apart; 3 and
    3.0, or a set-like list in another order, fall through to the walk, which decides).
    """
    view = comparable_essence(live, run_state(obj.platform, obj.kind))
    ignore = ignored_fields(obj.annotations)
    if not ignore:
        projected = before if before is not None else project(obj.essence, view)
        if _json(projected) == _json(obj.essence):
            return ()
    return scoped_diff(
        obj.essence, view, ignore=ignore, set_like=set_like, filled_in=filled_in(obj.platform, obj.kind)
    )


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def with_sources(obj: DesiredObject, changes: Sequence[FieldChange]) -> tuple[FieldChange, ...]:
    """The changes, each naming the file that set its value when an overlay did (not the document's)."""
    if not obj.field_sources:
        return tuple(changes)
    return tuple(
        dataclasses.replace(change, source=obj.field_sources.get(top_field(change.path)))
        for change in changes
    )


def _plan_declared(obj: DesiredObject, live: LiveObject | None, rules: _Rules) -> ResourceChange:
    common: dict[str, Any] = {
        "address": obj.address,
        "kind": obj.kind,
        "name": obj.name,
        "order": rules.levels.get(obj.address, 0),
        "after": dict(obj.essence),
        "depends_on": obj.depends_on,
        "source": obj.source,
    }
    state = run_state(obj.platform, obj.kind)
    numbers = numbers_of(obj, live)
    if numbers is not None:
        common["numbers"] = numbers
    if live is None:
        if is_singleton(obj.platform, obj.kind):
            # Org singletons always exist: writing one is an update, never a create.
            changes = with_sources(obj, scoped_diff(obj.essence, {}, ignore=ignored_fields(obj.annotations)))
            return ResourceChange(**common, actions=(Action.UPDATE,), changes=changes, steps=(Step.UPDATE,))
        return ResourceChange(**common, actions=(Action.CREATE,), steps=create_steps(state, obj.essence))
    before = project(obj.essence, comparable_essence(live, state))
    changes = with_sources(
        obj,
        (
            *rename_of(obj, live),
            *declared_diff(obj, live, rules.set_like_fields.get(obj.kind, frozenset()), before=before),
        ),
    )
    common |= {
        "platform_id": live.platform_id,
        "before": before,
        "live_version": live.version,
        "live_fingerprint": live.fingerprint or None,
    }
    numbers_change = numbers is not None and numbers.is_change
    if not changes and not numbers_change:
        return ResourceChange(**common, actions=(Action.NO_OP,))
    if create_only(obj.annotations):
        differing = len(changes) + (1 if numbers_change else 0)
        reason = f"create-only: {differing} declared field(s) differ live and are never updated"
        return ResourceChange(**common, actions=(Action.NO_OP,), action_reason=reason)
    forced = _forced_fields(obj, changes, rules)
    if forced:
        return ResourceChange(
            **common,
            actions=REPLACE,
            action_reason=f"immutable field(s) changed: {', '.join(forced)}",
            changes=changes,
            steps=replace_steps(state, obj.essence, live),
        )
    if state is not None and obj.kind in rules.in_place:
        state = edited_in_place(state)
    steps = update_steps(state, desired=obj.essence, live=live, changes=changes)
    renamed = f"renamed from '{live.name}' (metadata.previous_names)" if rename_of(obj, live) else None
    return ResourceChange(
        **common, actions=(Action.UPDATE,), action_reason=renamed, changes=changes, steps=steps
    )


RENAME_PATH = "metadata.name"
"""The change path of a rename (metadata.previous_names): the live object still has an old name."""


def rename_of(obj: DesiredObject, live: LiveObject) -> tuple[FieldChange, ...]:
    """The rename of a live object matched by one of its previous names (else nothing)."""
    if live.name == obj.name or desired_identity(obj) != obj.address:  # a schedule, a singleton: not by name
        return ()
    return (FieldChange(RENAME_PATH, live.name, obj.name),)


def numbers_of(obj: DesiredObject, live: LiveObject | None) -> NumberChanges | None:
    """What happens to a DNC list's declared numbers (None when the manifest declares none)."""
    if obj.numbers is None:
        return None
    held = (
        None if live is None else live_numbers(live.essence, platform=obj.platform, field=obj.numbers.field)
    )
    return number_changes(obj.numbers, held)


def _delete(live: LiveObject, *, order: int) -> ResourceChange:
    return ResourceChange(
        address=live.address,
        kind=live.kind,
        name=live.name,
        actions=(Action.DELETE,),
        order=order,
        platform_id=live.platform_id,
        action_reason="not declared by any manifest, inside the prune scope",
        before=dict(live.essence),
        live_version=live.version,
        live_fingerprint=live.fingerprint or None,
        steps=delete_steps(run_state(live.platform, live.kind), live),
    )


def _finish_replace(live: LiveObject, owner: DesiredObject, *, order: int) -> ResourceChange:
    """The rest of `owner`'s interrupted replace: repoint what still uses `live`, then delete it.

    It depends on the owner, so apply skips it when the owner's create fails (nothing to repoint to).
    """
    delete = _delete(live, order=order)
    return dataclasses.replace(
        delete,
        action_reason=leftover_reason(owner.address),
        depends_on=(owner.address,),
        steps=(Step.REPOINT, *delete.steps),
    )


def _reasoned_create(change: ResourceChange, aside: Mapping[str, DesiredObject]) -> ResourceChange:
    """A create whose old object an interrupted replace renamed aside says so (it is that replace's step)."""
    if change.actions != (Action.CREATE,):
        return change
    left = sorted(address for address, owner in aside.items() if owner.address == change.address)
    if not left:
        return change
    reason = f"finishes an interrupted replace: the old object was renamed aside ({', '.join(left)})"
    return dataclasses.replace(change, action_reason=reason)


def _with_rename_hints(
    changes: list[ResourceChange],
    declared: Mapping[str, DesiredObject],
    unclaimed: Mapping[str, LiveObject],
    rules: _Rules,
) -> list[ResourceChange]:
    """Each plain create that looks like a rename of an unclaimed live object names it
    (reconciler.plan.rename_hints)."""
    creates = [
        declared[change.address]
        for change in changes
        if change.actions == (Action.CREATE,) and change.action_reason is None and change.address in declared
    ]

    def view(live: LiveObject) -> dict[str, Any]:
        return comparable_essence(live, run_state(live.platform, live.kind))

    def same(obj: DesiredObject, live: LiveObject) -> bool:
        return not declared_diff(obj, live, rules.set_like_fields.get(obj.kind, frozenset()))

    renames = recognised_renames(creates, unclaimed, view, same)
    return [
        dataclasses.replace(change, looks_like_rename_of=renames[change.address].name)
        if change.address in renames
        else change
        for change in changes
    ]


def _cascaded_replaces(
    changes: list[ResourceChange], declared: Mapping[str, DesiredObject], matched: Mapping[str, LiveObject]
) -> list[ResourceChange]:
    """An object that names a replaced one inside a field it cannot change after creation (a campaign
    rule's campaign_rule_entities) is replaced too: its new copy names the new object. Repeated until
    no more objects are replaced."""
    by_address = {change.address: change for change in changes}
    while True:
        replaced = {address for address, change in by_address.items() if change.actions == REPLACE}
        cascaded = False
        for address, change in by_address.items():
            obj, live = declared[address], matched.get(address)
            if live is None or change.actions == REPLACE:
                continue
            hit = next(((dep, name) for dep, name in obj.fixed_refs.items() if dep in replaced), None)
            if hit is None:
                continue
            dep, name = hit
            reason = f"{name} names {dep}, which is replaced, and cannot change after creation"
            by_address[address] = dataclasses.replace(
                change,
                actions=REPLACE,
                action_reason=reason,
                steps=replace_steps(run_state(obj.platform, obj.kind), obj.essence, live),
            )
            cascaded = True
        if not cascaded:
            return [by_address[change.address] for change in changes]


def _forced_fields(obj: DesiredObject, changes: Iterable[FieldChange], rules: _Rules) -> list[str]:
    immutable = rules.immutable_fields.get(obj.kind, frozenset())
    return sorted({top_field(change.path) for change in changes} & immutable)


def _replace_findings(
    change: ResourceChange, declared: Mapping[str, DesiredObject], rules: _Rules
) -> list[Finding]:
    if change.actions != REPLACE:
        return []
    obj = declared[change.address]
    fields = ", ".join(_forced_fields(obj, change.changes, rules))
    why = f"{fields} cannot change after creation" if fields else str(change.action_reason)
    spec = KIND_SPECS.get((obj.platform, obj.kind))
    by_hand = spec.replaced_by_hand if spec is not None else ""
    if by_hand:
        message = (
            f"{obj.kind} '{obj.name}' would have to be replaced ({why}), which apply cannot do: "
            f"{by_hand.replace('NAME', obj.name)}. Nothing is applied until then."
        )
        return [
            finding(
                Code.FORCES_REPLACE, message, address=obj.address, source=obj.source, severity=Severity.ERROR
            )
        ]
    message = (
        f"{obj.kind} '{obj.name}' is replaced, not updated: {why}. "
        "The new object is created, its dependents repointed, then the old one is deleted."
    )
    return [finding(Code.FORCES_REPLACE, message, address=obj.address, source=obj.source)]


def protection_findings(
    changes: Iterable[ResourceChange],
    declared: Mapping[str, DesiredObject],
    *,
    leftover_of: Mapping[str, DesiredObject] | None = None,
) -> list[Finding]:
    """DELETE-PROTECTED for every planned delete (or replace) of an object annotated prevent-destroy, and
    for every removal of DNC numbers from such a list.

    Only manifests carry annotations, so this fires for replaces, for any delete whose object is
    still declared, and for the delete of an object a declared one's interrupted replace left behind
    (`leftover_of`: its address -> that declared object).
    """
    found: list[Finding] = []
    for change in changes:
        leftover = (leftover_of or {}).get(change.address)
        obj = declared.get(change.address) or leftover
        if not change.is_destructive or obj is None or not prevent_destroy(obj.annotations):
            continue
        if leftover is not None:
            what = (
                f"deletes {change.kind} '{change.name}', left over by an interrupted replace of '{obj.name}'"
            )
        elif Action.DELETE in change.actions:
            what = f"{'replaces' if change.actions == REPLACE else 'deletes'} {obj.kind} '{obj.name}'"
        else:
            what = f"removes {change.removed_numbers} number(s) from {obj.kind} '{obj.name}'"
        found.append(
            finding(
                Code.DELETE_PROTECTED,
                f"the plan {what}, which is annotated reconciler/prevent-destroy",
                address=obj.address,
                source=obj.source,
            )
        )
    return found
