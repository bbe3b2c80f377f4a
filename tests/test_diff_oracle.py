"""DeepDiff as the oracle of the scoped diff: on random nested values both see a change, or neither does."""

from __future__ import annotations

import random
from typing import Any

import pytest
from deepdiff import DeepDiff  # type: ignore[attr-defined]

from reconciler.diff import project, scoped_diff

SCALARS: tuple[Any, ...] = ("on", "off", "", 0, 1, 3, 3.0, 2.5, True, False)
KEYS = ("name", "mode", "size", "rules", "limits", "tags")
CASES = 400


def _value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth > 0 and roll < 0.25:
        return _mapping(rng, depth - 1)
    if depth > 0 and roll < 0.4:
        return [_value(rng, depth - 1) for _ in range(rng.randint(1, 3))]
    return rng.choice(SCALARS)


def _mapping(rng: random.Random, depth: int) -> dict[str, Any]:
    return {key: _value(rng, depth) for key in rng.sample(KEYS, rng.randint(1, 4))}


def _mutated(rng: random.Random, value: Any) -> Any:
    """A copy of `value` with, at random, leaves changed, keys the manifest leaves out added, or nothing.

    At the top level such a key is unmanaged; inside a declared object it is a removal to both diffs."""
    if isinstance(value, dict):
        copy = {key: _mutated(rng, item) if rng.random() < 0.3 else item for key, item in value.items()}
        if rng.random() < 0.3:
            copy[f"server_{rng.randint(0, 9)}"] = rng.choice(SCALARS)
        return copy
    if isinstance(value, list):
        return [_mutated(rng, item) if rng.random() < 0.3 else item for item in value]
    return rng.choice(SCALARS) if rng.random() < 0.5 else value


def _by_value(value: Any) -> Any:
    """Whole floats as ints, so a strict DeepDiff compares numbers by value but keeps True apart from 1.

    (DeepDiff's own ignore_numeric_type_changes also makes True equal 1; the scoped diff does not.)
    """
    if isinstance(value, dict):
        return {key: _by_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_by_value(item) for item in value]
    return int(value) if isinstance(value, float) and value.is_integer() else value


def oracle_sees_change(desired: dict[str, Any], live: dict[str, Any]) -> bool:
    """DeepDiff over the declared top-level fields, each whole, numbers by value (3 == 3.0)."""
    return bool(DeepDiff(_by_value(desired), _by_value(project(desired, live))))


@pytest.mark.parametrize("seed", range(CASES))
def test_scoped_diff_reports_a_change_iff_deepdiff_does(seed: int) -> None:
    rng = random.Random(seed)
    desired = _mapping(rng, depth=3)
    live = _mutated(rng, desired)
    assert bool(scoped_diff(desired, live)) == oracle_sees_change(desired, live), (desired, live)


def test_the_random_cases_hold_both_outcomes() -> None:
    outcomes = set()
    for seed in range(CASES):
        rng = random.Random(seed)
        desired = _mapping(rng, depth=3)
        outcomes.add(bool(scoped_diff(desired, _mutated(rng, desired))))
    assert outcomes == {True, False}


def test_undeclared_top_level_fields_are_changes_to_deepdiff_but_not_to_the_scoped_diff() -> None:
    desired = {"name": "Sales", "limits": {"max": 3}}
    live = {"name": "Sales", "limits": {"max": 3.0}, "version": 7}
    assert scoped_diff(desired, live) == ()
    assert DeepDiff(desired, live)
    assert not oracle_sees_change(desired, live)


def test_a_key_removed_inside_a_declared_object_is_a_change_to_both() -> None:
    desired = {"name": "Sales", "limits": {"max": 3}}
    live = {"name": "Sales", "limits": {"max": 3, "reset": "NEVER"}}
    assert scoped_diff(desired, live) != ()
    assert oracle_sees_change(desired, live)


def test_a_boolean_is_not_the_number_one_to_either() -> None:
    desired, live = {"mode": 1}, {"mode": True}
    assert scoped_diff(desired, live) != ()
    assert oracle_sees_change(desired, live)
