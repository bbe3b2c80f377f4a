"""The constraint language: exact satisfiability and witnesses for intervals, value sets, patterns and
week windows, under conjunction, disjunction and negation."""

from __future__ import annotations

import pytest

from reconciler.policy import constraints
from reconciler.policy.constraints import (
    INF,
    WEEK_MINUTES,
    All,
    AnyOf,
    Interval,
    IntervalSet,
    Not,
    PatternKind,
    Unknown,
    matching,
    number_var,
    one_of,
    solve,
    text_var,
    week_var,
    within,
)

PROGRESS = number_var(("progress",), "progress", universe=IntervalSet.of(Interval(0, 100)))
AGENTS = number_var(("agents",), "agents", universe=IntervalSet.above(0, closed=True), integral=True)
TIER = text_var(("tier",), "tier")
PHONE_TYPE = text_var(("type",), "phone type", choices=("cell", "home", "work"))
WEEK = week_var(("week",), "time")


def above(x: float, *, closed: bool) -> constraints.Atom:
    return within(PROGRESS, IntervalSet.above(x, closed=closed))


def below(x: float, *, closed: bool) -> constraints.Atom:
    return within(PROGRESS, IntervalSet.below(x, closed=closed))


def test_bounds_that_touch_are_disjoint_unless_both_are_closed() -> None:
    assert solve(All((above(50, closed=False), below(50, closed=True)))) is None
    assert solve(All((above(50, closed=True), below(50, closed=False)))) is None
    witness = solve(All((above(50, closed=True), below(50, closed=True))))
    assert witness is not None and witness.value_of(("progress",)) == 50
    assert witness.text() == "progress = 50"


def test_witness_of_an_open_bound_is_inside_it() -> None:
    witness = solve(above(50, closed=False))
    assert witness is not None and witness.value_of(("progress",)) == 51
    narrow = solve(All((above(50, closed=False), below(50.5, closed=False))))
    assert narrow is not None and 50 < float(narrow.value_of(("progress",)) or 0) < 50.5


def test_universe_bounds_a_variable() -> None:
    assert solve(above(100, closed=False)) is None
    assert solve(Not(below(0, closed=True))) is not None  # (0, 100]
    assert solve(All((Not(below(100, closed=False)), Not(above(100, closed=False))))) is not None


def test_integral_variables_need_an_integer_between_the_bounds() -> None:
    between = All(
        (
            within(AGENTS, IntervalSet.above(4, closed=False)),
            within(AGENTS, IntervalSet.below(5, closed=False)),
        )
    )
    assert solve(between) is None
    witness = solve(within(AGENTS, IntervalSet.above(4.2, closed=True)))
    assert witness is not None and witness.value_of(("agents",)) == 5


def test_negation_is_the_complement() -> None:
    assert solve(All((above(50, closed=True), Not(above(50, closed=True))))) is None
    witness = solve(Not(AnyOf((above(90, closed=False), below(10, closed=False)))))
    assert witness is not None and witness.value_of(("progress",)) == 10


def test_match_any_is_a_disjunction_checked_branch_by_branch() -> None:
    first = AnyOf((above(90, closed=False), within(AGENTS, IntervalSet.below(2, closed=False))))
    second = All((within(AGENTS, IntervalSet.above(1, closed=True)), below(10, closed=False)))
    witness = solve(All((first, second)))
    assert witness is not None
    assert witness.value_of(("agents",)) == 1 and float(witness.value_of(("progress",)) or 0) < 10
    exclusive = All((Not(above(90, closed=False)), within(AGENTS, IntervalSet.above(2, closed=True))))
    assert solve(All((first, exclusive))) is None


def test_value_sets_and_their_complements() -> None:
    assert solve(All((one_of(TIER, ["gold"]), one_of(TIER, ["silver"])))) is None
    witness = solve(All((one_of(TIER, ["gold", "silver"]), Not(one_of(TIER, ["gold"])))))
    assert witness is not None and witness.value_of(("tier",)) == "silver"
    anything_else = solve(Not(one_of(TIER, ["gold"])))
    assert anything_else is not None and anything_else.value_of(("tier",)) not in ("gold", None)


def test_a_finite_choice_set_can_be_exhausted() -> None:
    assert solve(Not(one_of(PHONE_TYPE, ["cell", "home", "work"]))) is None
    witness = solve(Not(one_of(PHONE_TYPE, ["cell", "home"])))
    assert witness is not None and witness.value_of(("type",)) == "work"


@pytest.mark.parametrize(
    ("must", "must_not", "expected"),
    [
        ([(PatternKind.BEGINS_WITH, "gold")], [(PatternKind.CONTAINS, "old")], None),
        (
            [(PatternKind.BEGINS_WITH, "ab"), (PatternKind.ENDS_WITH, "ba")],
            [(PatternKind.EQUALS, "aba")],
            "abba",
        ),
        ([(PatternKind.CONTAINS, "+1555")], [(PatternKind.BEGINS_WITH, "+1")], "++1555"),
        ([(PatternKind.BEGINS_WITH, "ab"), (PatternKind.BEGINS_WITH, "ac")], [], None),
        ([(PatternKind.ENDS_WITH, "x")], [(PatternKind.ENDS_WITH, "x")], None),
    ],
)
def test_patterns_are_decided_exactly(must: list, must_not: list, expected: str | None) -> None:
    parts = [matching(TIER, kind, text) for kind, text in must]
    parts += [Not(matching(TIER, kind, text)) for kind, text in must_not]
    witness = solve(All(tuple(parts)))
    assert (witness.value_of(("tier",)) if witness else None) == expected


def test_pattern_against_a_value_set_filters_the_set() -> None:
    witness = solve(
        All((one_of(TIER, ["gold", "silver", "bronze"]), matching(TIER, PatternKind.ENDS_WITH, "ze")))
    )
    assert witness is not None and witness.value_of(("tier",)) == "bronze"


def _friday_after(hour: int, minute: int) -> constraints.Formula:
    start = 4 * 1440 + hour * 60 + minute
    return within(WEEK, IntervalSet.of(Interval(start, 5 * 1440, False, False)))


def test_week_windows_intersect_and_show_as_day_and_clock() -> None:
    friday_evening = _friday_after(17, 30)
    before_six = within(
        WEEK, IntervalSet.of(*(Interval(d * 1440, d * 1440 + 18 * 60, True, False) for d in range(7)))
    )
    witness = solve(All((friday_evening, before_six)))
    assert witness is not None and witness.text() == "time = Friday 17:31"
    before_half_five = within(
        WEEK, IntervalSet.of(*(Interval(d * 1440, d * 1440 + 17.5 * 60, True, False) for d in range(7)))
    )
    assert solve(All((friday_evening, before_half_five))) is None


def test_week_sets_shift_around_the_end_of_the_week() -> None:
    sunday_late = IntervalSet.of(Interval(WEEK_MINUTES - 60, WEEK_MINUTES, True, False))
    assert sunday_late.shifted(120, period=WEEK_MINUTES) == IntervalSet.of(Interval(60, 120, True, False))
    across = IntervalSet.of(
        Interval(0, 30, True, False), Interval(WEEK_MINUTES - 30, WEEK_MINUTES, True, False)
    )
    assert sunday_late.shifted(30 - WEEK_MINUTES, period=WEEK_MINUTES) == across


def test_unknown_conditions_are_assumed_satisfiable_and_named() -> None:
    unknown = Unknown("the contact-property condition of rule 'a'")
    witness = solve(All((above(50, closed=True), unknown, Not(unknown))))
    assert witness is not None and witness.unknowns == ("the contact-property condition of rule 'a'",)
    assert solve(All((unknown, above(50, closed=False), below(50, closed=True)))) is None


def test_interval_set_algebra() -> None:
    parts = IntervalSet.of(Interval(0, 10), Interval(10, 20, False, True), Interval(30, 40))
    assert parts.intervals == (Interval(0, 20), Interval(30, 40))
    gaps = parts.complement()
    assert gaps.intervals == (
        Interval(-INF, 0, False, False),
        Interval(20, 30, False, False),
        Interval(40, INF, False, False),
    )
    assert parts.union(gaps) == IntervalSet.of(Interval(-INF, INF, False, False))
    assert parts.intersect(gaps).is_empty()


def test_too_many_alternatives_become_an_unknown_rather_than_a_hang() -> None:
    wide = [AnyOf(tuple(one_of(text_var((f"v{i}",), f"v{i}"), [str(j)]) for j in range(3))) for i in range(8)]
    assert constraints.MAX_TERMS < 3**8
    witness = solve(All(tuple(wide)))
    assert witness is not None and "too complex" in witness.unknowns[0]
