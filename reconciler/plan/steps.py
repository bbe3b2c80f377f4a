"""Apply steps per change: the platform state machines of ARCHITECTURE.md §8, from each kind's RunStateSpec.

Genesys campaigns are created off and started afterwards, and some fields cannot change while a
campaign runs (stop -> edit -> start). Campaign rules are created disabled and cannot be edited or
deleted while enabled (disable -> edit -> enable). Sequences are created off and started afterwards.
A replace creates the new object, repoints its dependents, then deletes the old one. A running CXone
skill refuses PUT /skills/{id} (409 "Cannot update a running skill", Admin API "Skills"): an edit of
its own fields is stop -> update -> start, applied only with `apply --allow-restart`; its parameter
blocks are written while it runs. Its run state is operational, never declared: the plan keeps it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from reconciler.diff import FieldChange, top_field
from reconciler.kinds.registry import KIND_SPECS
from reconciler.kinds.spec import RunStateSpec
from reconciler.plan.models import Step
from reconciler.state.objects import LiveObject

_TRUE_TEXT = frozenset({"true", "enabled", "on"})


RunState = RunStateSpec
"""How a kind's run state is declared and switched: its KindSpec's RunStateSpec."""

RUN_STATES: Mapping[tuple[str, str], RunState] = {
    key: spec.run_state for key, spec in KIND_SPECS.items() if spec.run_state is not None
}


def run_state(platform: str, kind: str) -> RunState | None:
    return RUN_STATES.get((platform, kind))


def edited_in_place(state: RunState) -> RunState:
    """`state` with nothing locked while on: an edit is one write that keeps the run state (a campaign
    rule edited while enabled, as the Terraform provider does; reconciler.yaml genesys.rule_edit)."""
    return dataclasses.replace(state, locked=frozenset())


def live_state(state: RunState, live: LiveObject) -> Any:
    """The live run-state value, from the essence or else from the object's status."""
    value = live.essence.get(state.field)
    if value is None and live.status is not None:
        value = live.status.lower() in _TRUE_TEXT if isinstance(state.on, bool) else live.status
    return value


def shown_state(state: RunState, value: Any) -> Any:
    """Live states other than `on` read as `off` (stopping, complete, invalid ... are platform states)."""
    return state.on if value == state.on else state.off


def create_steps(state: RunState | None, desired: Mapping[str, Any]) -> tuple[Step, ...]:
    if state is not None and desired.get(state.field) == state.on:
        return (Step.CREATE, Step(state.turn_on))
    return (Step.CREATE,)


def delete_steps(state: RunState | None, live: LiveObject) -> tuple[Step, ...]:
    if state is not None and live_state(state, live) in state.busy:
        return (Step(state.turn_off), Step.DELETE)
    return (Step.DELETE,)


def replace_steps(state: RunState | None, desired: Mapping[str, Any], live: LiveObject) -> tuple[Step, ...]:
    return (*create_steps(state, desired), Step.REPOINT, *delete_steps(state, live))


def update_steps(
    state: RunState | None, *, desired: Mapping[str, Any], live: LiveObject, changes: Iterable[FieldChange]
) -> tuple[Step, ...]:
    """Edit steps, with the run state switched around edits the platform refuses while running."""
    if state is None:
        return (Step.UPDATE,)
    fields = {top_field(change.path) for change in changes}
    edited = fields - {state.field}
    current = live_state(state, live)
    running = shown_state(state, current) == state.on
    wanted = desired.get(state.field, state.on if running else state.off) == state.on
    locked = edited - state.editable_while_busy if state.locked is None else edited & state.locked
    turn_off, turn_on = Step(state.turn_off), Step(state.turn_on)
    steps: list[Step] = []
    if (running and not wanted) or (locked and current in state.busy):
        steps.append(turn_off)
    if edited:
        steps.append(Step.UPDATE)
    if wanted and (not running or steps[:1] == [turn_off]):
        steps.append(turn_on)
    return tuple(steps)
