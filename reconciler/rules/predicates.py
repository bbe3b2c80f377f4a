"""Rule conditions compiled once into one fast Python function over a contact row.

`compile_matcher` turns the formulas of a rule set's rules into the source of a single function
`match(row, phone, phone_type) -> bit mask of the matching rules`, compiled once with `compile()`:
each column is read once per contact, each NUMERIC column parsed once (text that is not a number
becomes NaN, so its comparisons are false and an inverted one true, as on the platform), and each
rule is one inline boolean expression. Time conditions do not depend on the contact: they are decided
for the preview's moment while compiling and folded away. The generated source holds only generated
names and indices; every value from the manifests (column names, texts, bounds) is passed in the
constants list `K`, never written into the source.

A rule whose conditions need what a contact row does not hold — an Unknown, a wrap-up code, a call
analysis result — is left out of the function and reported with the reason.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from reconciler.policy.constraints import (
    AnyOf,
    Atom,
    Formula,
    IntervalSet,
    Not,
    PatternKind,
    TextSet,
    Unknown,
)
from reconciler.rules.clock import week_minute

Row = Mapping[str, str]
Match = Callable[[Row, str, str], int]
"""(row, phone number dialed, its type) -> bit mask of the rules whose conditions hold (bit i: rule i)."""

PHONE = ("phone number",)
PHONE_TYPE = ("phone number type",)


class NotEvaluable(Exception):
    """The formula needs something a contact row does not hold."""


def atoms(formula: Formula) -> Iterator[Atom | Unknown]:
    if isinstance(formula, Atom | Unknown):
        yield formula
    elif isinstance(formula, Not):
        yield from atoms(formula.item)
    else:
        for item in formula.items:
            yield from atoms(item)


@dataclass(frozen=True)
class Matcher:
    match: Match
    skipped: Mapping[int, str] = field(default_factory=dict)
    """Rule index -> why it cannot be evaluated on contact data (it never matches)."""
    columns: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    """Rule index -> the CSV columns it reads."""
    uses_phone: bool = False
    source: str = ""


@dataclass
class _Source:
    """Collects constants and the per-contact column reads while expressions are generated."""

    at: dt.datetime
    constants: list[object] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)
    uses_phone: bool = False

    def const(self, value: object) -> str:
        self.constants.append(value)
        return f"K[{len(self.constants) - 1}]"

    def value(self, atom: Atom) -> str:
        key = atom.var.key
        if key in (PHONE, PHONE_TYPE):
            self.uses_phone = True
            return "phone" if key == PHONE else "phone_type"
        if key[0] != "column" or not key[1]:
            raise NotEvaluable(f"the {atom.var.label} is not known before the call")
        column, numeric = key[1], isinstance(atom.constraint, IntervalSet)
        self.read.append(column)
        names = self.numbers if numeric else self.texts
        if column not in names:
            names[column] = f"{'n' if numeric else 't'}{len(names)}"
        return names[column]


def _expression(formula: Formula, source: _Source) -> str | bool:
    """Python source of the formula as a boolean expression, or a constant."""
    if isinstance(formula, Unknown):
        raise NotEvaluable(formula.reason)
    if isinstance(formula, Atom):
        return _atom(formula, source)
    if isinstance(formula, Not):
        inner = _expression(formula.item, source)
        return (not inner) if isinstance(inner, bool) else f"(not {inner})"
    decisive = isinstance(formula, AnyOf)  # the constant that settles the whole: True for any, False for all
    parts: list[str] = []
    missing: NotEvaluable | None = None
    for item in formula.items:
        try:
            part = _expression(item, source)
        except NotEvaluable as exc:
            missing = missing or exc
            continue
        if part is decisive:
            return decisive
        if isinstance(part, str):
            parts.append(part)
    if missing is not None:
        raise missing
    if not parts:
        return not decisive
    return "(" + (" or " if decisive else " and ").join(parts) + ")"


def _atom(atom: Atom, source: _Source) -> str | bool:
    constraint = atom.constraint
    if atom.var.key[0] in ("week", "day of month"):
        minute, day = week_minute(source.at, atom.var.key[1])
        return (
            constraint.contains(str(day)) if isinstance(constraint, TextSet) else constraint.contains(minute)
        )
    name = source.value(atom)
    if isinstance(constraint, TextSet):
        return _text(name, constraint, source)
    return _numbers(name, constraint, source)


def _text(name: str, constraint: TextSet, source: _Source) -> str:
    if len(constraint.literals()) == 1 and constraint.allowed is not None:
        if len(constraint.allowed) == 1:
            return f"{name} == {source.const(next(iter(constraint.allowed)))}"
        return f"{name} in {source.const(constraint.allowed)}"
    if len(constraint.literals()) == 1 and constraint.must:
        kind, text = constraint.must[0]
        if kind == PatternKind.BEGINS_WITH:
            return f"{name}.startswith({source.const(text)})"
        if kind == PatternKind.ENDS_WITH:
            return f"{name}.endswith({source.const(text)})"
        return f"{source.const(text)} in {name}"
    return f"{source.const(constraint.contains)}({name})"


def _numbers(name: str, numbers: IntervalSet, source: _Source) -> str | bool:
    spans = []
    for interval in numbers.intervals:
        lo = (
            ""
            if math.isinf(interval.lo)
            else f"{source.const(interval.lo)} {'<=' if interval.lo_closed else '<'} "
        )
        hi = (
            ""
            if math.isinf(interval.hi)
            else f" {'<=' if interval.hi_closed else '<'} {source.const(interval.hi)}"
        )
        spans.append(f"{lo}{name}{hi}" if lo or hi else f"{name} == {name}")  # x == x: any number, not NaN
    if not spans:
        return False
    return spans[0] if len(spans) == 1 else "(" + " or ".join(spans) + ")"


def compile_matcher(formulas: Sequence[Formula], *, at: dt.datetime, name: str = "rules") -> Matcher:
    """One function evaluating every formula on a contact; `at` decides the time conditions."""
    source = _Source(at)
    tests: list[str] = []
    skipped: dict[int, str] = {}
    columns: dict[int, tuple[str, ...]] = {}
    for index, formula in enumerate(formulas):
        source.read = []
        try:
            test = _expression(formula, source)
        except NotEvaluable as exc:
            skipped[index] = f"cannot be evaluated on contact data: {exc}"
            continue
        columns[index] = tuple(dict.fromkeys(source.read))
        if test is True:
            tests.append(f"    hits |= {1 << index}")
        elif test is not False:
            tests.append(f"    if {test}:\n        hits |= {1 << index}")
    lines = ["def match(row, phone, phone_type):"]
    lines += [f"    {var} = row[{source.const(column)}]" for column, var in source.texts.items()]
    for column, var in source.numbers.items():
        read = source.const(column)
        lines += [
            f"    try:\n        {var} = float(row[{read}])",
            f"    except ValueError:\n        {var} = NAN",
        ]
    lines += ["    hits = 0", *tests, "    return hits"]
    text = "\n".join(lines) + "\n"
    namespace: dict[str, object] = {"K": source.constants, "NAN": math.nan}
    exec(compile(text, f"<rule set {name}>", "exec"), namespace)  # generated names only; values via K
    match: Match = namespace["match"]  # type: ignore[assignment]
    return Matcher(match, skipped, columns, source.uses_phone, text)
