"""A small, exact constraint language for rule conditions, and satisfiability with a witness.

Each variable has one kind of domain:
- NUMBER: a set of intervals of the reals (each bound open or closed), optionally integers only, inside
  the variable's universe (a campaign's progress lies in [0, 100]);
- TEXT: a set of strings: `in S` / `not in S`, plus begins-with / ends-with / contains patterns and
  their negations; optionally a finite set of choices (an enum such as phone number types) — see
  reconciler.policy.text_constraints (PatternKind and TextSet are importable from here too);
- WEEK: a set of intervals of minute-of-week in [0, 10080) (Monday 00:00 = 0), for time-of-day and
  day-of-week conditions together.

An `Atom` constrains one variable; formulas combine atoms with `All`, `AnyOf` and `Not` (matchAny
conditions and condition groups become disjunctions). `solve` puts a formula in disjunctive normal
form, intersects each term's constraints per variable and returns a `Witness` — a concrete value for
every constrained variable that makes the whole formula true — or None when no assignment exists. For
these forms the answer is exact: touching bounds (> 50 and <= 50) are disjoint, (>= 50 and <= 50) meet
at 50, and pattern constraints are decided by a product of string automata.

A condition the translation cannot express is an `Unknown`: it is treated as satisfiable with its
variable unconstrained (so is its negation). A formula with unknowns is therefore reported satisfiable
as soon as the rest of it is jointly satisfiable; the witness lists the unknowns it assumed, so a
message can say which conditions were taken to hold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reconciler.policy.text_constraints import PatternKind as PatternKind
from reconciler.policy.text_constraints import TextSet as TextSet
from reconciler.policy.text_constraints import TooComplex

INF = math.inf
WEEK_MINUTES = 7 * 24 * 60
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_TERMS = 4096
"""Disjunctive terms kept at once; past this a formula is too complex to decide and becomes unknown."""


# --- numbers and week times: interval sets ---------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    def is_empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def contains(self, x: float) -> bool:
        above = x > self.lo or (self.lo_closed and x == self.lo)
        return above and (x < self.hi or (self.hi_closed and x == self.hi))

    def integers(self) -> Interval:
        """The same interval over the integers, with closed integer bounds (maybe empty)."""
        lo = (
            self.lo
            if math.isinf(self.lo)
            else (math.ceil(self.lo) if self.lo_closed else math.floor(self.lo) + 1)
        )
        hi = (
            self.hi
            if math.isinf(self.hi)
            else (math.floor(self.hi) if self.hi_closed else math.ceil(self.hi) - 1)
        )
        return Interval(lo, hi, not math.isinf(lo), not math.isinf(hi))

    def sample(self) -> float:
        """A readable point inside a non-empty interval: a closed bound, else a step inside an open one."""
        if not math.isinf(self.lo):
            if self.lo_closed:
                return self.lo
            step = self.lo + 1
            return step if self.contains(step) else (self.lo + self.hi) / 2
        if math.isinf(self.hi):
            return 0.0
        return self.hi if self.hi_closed else self.hi - 1


def _normalise(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    ordered = sorted(
        (item for item in intervals if not item.is_empty()), key=lambda i: (i.lo, not i.lo_closed)
    )
    merged: list[Interval] = []
    for item in ordered:
        if merged:
            last = merged[-1]
            touches = item.lo < last.hi or (item.lo == last.hi and (last.hi_closed or item.lo_closed))
            if touches:
                if item.hi > last.hi or (item.hi == last.hi and item.hi_closed):
                    merged[-1] = Interval(last.lo, item.hi, last.lo_closed, item.hi_closed)
                continue
        merged.append(item)
    return tuple(merged)


@dataclass(frozen=True)
class IntervalSet:
    """A finite union of intervals, kept sorted, disjoint and merged."""

    intervals: tuple[Interval, ...] = ()

    @classmethod
    def of(cls, *intervals: Interval) -> IntervalSet:
        return cls(_normalise(intervals))

    @classmethod
    def point(cls, x: float) -> IntervalSet:
        return cls.of(Interval(x, x))

    @classmethod
    def below(cls, x: float, *, closed: bool) -> IntervalSet:
        return cls.of(Interval(-INF, x, False, closed))

    @classmethod
    def above(cls, x: float, *, closed: bool) -> IntervalSet:
        return cls.of(Interval(x, INF, closed, False))

    def is_empty(self) -> bool:
        return not self.intervals

    def contains(self, x: float) -> bool:
        return any(item.contains(x) for item in self.intervals)

    def union(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet(_normalise((*self.intervals, *other.intervals)))

    def intersect(self, other: IntervalSet) -> IntervalSet:
        parts = []
        for a in self.intervals:
            for b in other.intervals:
                lo, lo_open = max((a.lo, not a.lo_closed), (b.lo, not b.lo_closed))
                hi, hi_closed = min((a.hi, a.hi_closed), (b.hi, b.hi_closed))
                parts.append(Interval(lo, hi, not lo_open, hi_closed))
        return IntervalSet(_normalise(parts))

    def complement(self) -> IntervalSet:
        """Everything of the reals not in this set."""
        gaps, lo, lo_closed = [], -INF, False
        for item in self.intervals:
            gaps.append(Interval(lo, item.lo, lo_closed, not item.lo_closed))
            lo, lo_closed = item.hi, not item.hi_closed
        gaps.append(Interval(lo, INF, lo_closed, False))
        return IntervalSet(_normalise(gaps))

    def shifted(self, delta: float, *, period: float) -> IntervalSet:
        """Every point moved by `delta` modulo `period` (for sets inside [0, period))."""
        whole = Interval(0, period, True, False)
        moved = []
        for item in self.intervals:
            for turn in (-period, 0.0, period):
                moved.append(
                    Interval(item.lo + delta + turn, item.hi + delta + turn, item.lo_closed, item.hi_closed)
                )
        return IntervalSet(_normalise(moved)).intersect(IntervalSet((whole,)))

    def integers(self) -> IntervalSet:
        return IntervalSet(_normalise(item.integers() for item in self.intervals))


REALS = IntervalSet.of(Interval(-INF, INF, False, False))
WEEK = IntervalSet.of(Interval(0, WEEK_MINUTES, True, False))


# --- variables, atoms and formulas ---------------------------------------------------------------------


class Kind(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    WEEK = "week"


Constraint = IntervalSet | TextSet


@dataclass(frozen=True)
class Var:
    """A variable, identified by `key`; the rest says how to decide and show its values."""

    key: tuple[str | None, ...]
    label: str = field(compare=False)
    kind: Kind = field(compare=False, default=Kind.NUMBER)
    universe: IntervalSet = field(compare=False, default=REALS)
    integral: bool = field(compare=False, default=False)
    choices: frozenset[str] | None = field(compare=False, default=None)
    zones: tuple[tuple[str, float], ...] = field(compare=False, default=())
    """WEEK in UTC: the zones (and their UTC offsets in minutes) whose local time a value is also shown in."""

    def sample(self, constraint: Constraint) -> float | str | None:
        """A value satisfying `constraint`, or None if it is empty."""
        if isinstance(constraint, TextSet):
            return constraint.sample(self.choices)
        numbers = constraint.intersect(self.universe)
        if self.integral:
            numbers = numbers.integers()
        return numbers.intervals[0].sample() if numbers.intervals else None

    def show(self, value: float | str) -> str:
        if isinstance(value, str):
            return f"'{value}'" if value else "'' (empty)"
        if self.kind == Kind.WEEK and self.zones:
            local = ", ".join(
                f"{week_time_text((value + offset) % WEEK_MINUTES)} in {zone}" for zone, offset in self.zones
            )
            return f"{week_time_text(value)} UTC ({local})"
        if self.kind == Kind.WEEK:
            return week_time_text(value)
        return number_text(value)


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def week_time_text(minute: float) -> str:
    day, rest = divmod(minute, 24 * 60)
    seconds = round(rest * 60)
    clock = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}" + (
        f":{seconds % 60:02d}" if seconds % 60 else ""
    )
    return f"{DAY_NAMES[int(day) % 7]} {clock}"


def number_var(
    key: tuple[str | None, ...], label: str, *, universe: IntervalSet = REALS, integral: bool = False
) -> Var:
    return Var(key, label, Kind.NUMBER, universe, integral)


def text_var(key: tuple[str | None, ...], label: str, *, choices: Iterable[str] | None = None) -> Var:
    return Var(key, label, Kind.TEXT, choices=None if choices is None else frozenset(choices))


def week_var(key: tuple[str | None, ...], label: str, *, zones: Mapping[str, float] | None = None) -> Var:
    return Var(key, label, Kind.WEEK, WEEK, zones=tuple(sorted((zones or {}).items())))


@dataclass(frozen=True)
class Atom:
    """`var` lies in `constraint` (an IntervalSet for NUMBER/WEEK variables, a TextSet for TEXT)."""

    var: Var
    constraint: Constraint


@dataclass(frozen=True)
class Unknown:
    """A condition the language cannot express: treated as satisfiable, and so is its negation."""

    reason: str


@dataclass(frozen=True)
class All:
    items: tuple[Formula, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Formula, ...]


@dataclass(frozen=True)
class Not:
    item: Formula


Formula = Atom | Unknown | All | AnyOf | Not
TRUE: Formula = All(())
FALSE: Formula = AnyOf(())


def within(var: Var, numbers: IntervalSet) -> Atom:
    return Atom(var, numbers.intersect(var.universe))


def one_of(var: Var, values: Iterable[str]) -> Atom:
    return Atom(var, TextSet(allowed=frozenset(values)))


def matching(var: Var, kind: PatternKind, text: str) -> Atom:
    if kind == PatternKind.EQUALS:
        return one_of(var, (text,))
    return Atom(var, TextSet(must=((kind, text),)))


def negate(formula: Formula) -> Formula:
    """The negation, pushed down to atoms (De Morgan); an atom's negation is its complement."""
    if isinstance(formula, Not):
        return formula.item
    if isinstance(formula, All):
        return AnyOf(tuple(negate(item) for item in formula.items))
    if isinstance(formula, AnyOf):
        return All(tuple(negate(item) for item in formula.items))
    if isinstance(formula, Unknown):
        return formula
    constraint = formula.constraint
    if isinstance(constraint, IntervalSet):
        return within(formula.var, constraint.complement())
    return AnyOf(tuple(Atom(formula.var, part.negated_literal()) for part in constraint.literals()))


# --- normal form and solving -------------------------------------------------------------------------


def intersect(a: Constraint, b: Constraint) -> Constraint:
    if isinstance(a, IntervalSet) and isinstance(b, IntervalSet):
        return a.intersect(b)
    if isinstance(a, TextSet) and isinstance(b, TextSet):
        return a.intersect(b)
    raise TypeError("one variable constrained as both text and number")


@dataclass(frozen=True)
class Term:
    """A conjunction: per variable one intersected constraint, plus the unknowns it assumes."""

    constraints: Mapping[Var, Constraint] = field(default_factory=dict)
    unknowns: tuple[str, ...] = ()

    def conjoin(self, other: Term) -> Term | None:
        """The conjunction of two terms, or None when some variable has no value left."""
        merged = dict(self.constraints)
        for var, constraint in other.constraints.items():
            current = merged.get(var)
            if current is not None:
                constraint = intersect(current, constraint)
                if var.sample(constraint) is None:
                    return None
            merged[var] = constraint
        unknowns = self.unknowns + tuple(reason for reason in other.unknowns if reason not in self.unknowns)
        return Term(merged, unknowns)


def _terms(formula: Formula) -> list[Term]:
    if isinstance(formula, Not):
        return _terms(negate(formula.item))
    if isinstance(formula, Unknown):
        return [Term(unknowns=(formula.reason,))]
    if isinstance(formula, Atom):
        return (
            [Term({formula.var: formula.constraint})]
            if formula.var.sample(formula.constraint) is not None
            else []
        )
    if isinstance(formula, AnyOf):
        found = [term for item in formula.items for term in _terms(item)]
        if len(found) > MAX_TERMS:
            raise TooComplex("alternatives")
        return found
    product = [Term()]
    for item in formula.items:
        alternatives = _terms(item)
        product = [joined for left in product for right in alternatives if (joined := left.conjoin(right))]
        if len(product) > MAX_TERMS:
            raise TooComplex("alternatives")
        if not product:
            break
    return product


@dataclass(frozen=True)
class Witness:
    """Values that make a formula true, and the conditions it could only assume to hold."""

    values: tuple[tuple[Var, float | str], ...]
    unknowns: tuple[str, ...] = ()

    def value_of(self, key: tuple[str | None, ...]) -> float | str | None:
        return next((value for var, value in self.values if var.key == key), None)

    def text(self) -> str:
        parts = [f"{var.label} = {var.show(value)}" for var, value in self.values]
        return ", ".join(parts) if parts else "always (the conditions constrain nothing)"


def solve(formula: Formula) -> Witness | None:
    """A witness for `formula`, or None when it is unsatisfiable (exact for the language's forms)."""
    try:
        terms = _terms(formula)
    except TooComplex as exc:
        return Witness((), (f"conditions too complex to decide ({exc})",))
    for term in terms:
        values = []
        for var in sorted(term.constraints, key=lambda v: (v.label, v.key)):
            value = var.sample(term.constraints[var])
            if value is None:
                break
            values.append((var, value))
        else:
            return Witness(tuple(values), term.unknowns)
    return None


def satisfiable(formula: Formula) -> bool:
    return solve(formula) is not None
