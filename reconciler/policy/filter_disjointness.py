"""Contact-list filters (manifest shape) as per-column constraints, and the proof that two are disjoint.

`filter_terms` reads a filter as a disjunction of conjunctions of per-column conditions (DNF), and
`disjoint` holds when every pair of conjunctions contradicts on some column. The reading only ever
widens a filter, so "disjoint" is a proof that the real filters share no contact and "not disjoint"
may be caution: a predicate it cannot model (BEFORE/AFTER, text ordering, a missing value) matches
anyone; a missing filter_type is read as OR; numeric comparisons are exact (a < 10 and a >= 10 are
disjoint, a <= 10 and a >= 10 meet at 10) and an inverted numeric predicate also admits a blank or
non-numeric value; two text values only differ when they differ ignoring case, surrounding blanks and
number formatting ("10" = "10.0"), since the platform's text comparison is not documented.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any

Bound = tuple[Decimal | None, bool]
"""A range end: its value (None = unbounded) and whether it is included."""
Range = tuple[Bound, Bound]
MAX_TERMS = 256
ORDERING = {"LESS_THAN", "LESS_THAN_EQUALS", "GREATER_THAN", "GREATER_THAN_EQUALS", "BETWEEN"}


@dataclass(frozen=True)
class Numbers:
    """The values a numeric column may hold: ranges, plus `blank` for an empty or non-numeric value
    (which no comparison matches, so only an inverted predicate lets it through)."""

    ranges: tuple[Range, ...]
    blank: bool = False

    def meet(self, other: Numbers) -> Numbers:
        met = (_meet(a, b) for a in self.ranges for b in other.ranges)
        return Numbers(tuple(item for item in met if item is not None), self.blank and other.blank)

    def inverted(self) -> Numbers:
        gaps: list[Range] = []
        low: Bound = (None, False)
        for (start, start_in), (end, end_in) in sorted(self.ranges, key=_low_key):
            if start is not None:
                gap = _meet((low, (None, False)), ((None, False), (start, not start_in)))
                if gap is not None:
                    gaps.append(gap)
            if end is None:
                return Numbers(tuple(gaps), blank=not self.blank)
            low = (end, not end_in)
        return Numbers((*gaps, (low, (None, False))), blank=not self.blank)

    @property
    def empty(self) -> bool:
        return not self.ranges and not self.blank


def _low_key(item: Range) -> tuple[bool, Decimal, bool]:
    value, included = item[0]
    return (value is not None, value if value is not None else Decimal(0), not included)


def _meet(a: Range, b: Range) -> Range | None:
    low = _tighter(a[0], b[0], higher=True)
    high = _tighter(a[1], b[1], higher=False)
    if low[0] is None or high[0] is None:
        return (low, high)
    if low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1])):
        return None
    return (low, high)


def _tighter(x: Bound, y: Bound, *, higher: bool) -> Bound:
    if x[0] is None:
        return y
    if y[0] is None or x[0] == y[0]:
        return x if y[0] is None else (x[0], x[1] and y[1])
    return x if (x[0] > y[0]) == higher else y


@dataclass(frozen=True)
class Text:
    """A text predicate: `equals` (any of `values`), `prefix`, `suffix` or `contains`."""

    test: str
    values: tuple[str, ...]
    inverted: bool


Condition = tuple[str, Numbers | Text]
"""(column, what the column must hold)."""
Term = tuple[Condition, ...]
Terms = tuple[Term, ...]
EVERYONE: Terms = ((),)
TEXT_TESTS = {"EQUALS": "equals", "IN": "equals", "BEGINS_WITH": "prefix", "ENDS_WITH": "suffix"}
TEXT_TESTS["CONTAINS"] = "contains"


def filter_terms(spec: Mapping[str, Any] | None) -> Terms:
    """A filter (manifest shape) as DNF. No filter, no clauses or too many terms: everyone.

    A missing filter_type is read as OR (the wider reading); an OR clause with a predicate that
    cannot be modelled matches everyone.
    """
    if spec is None:
        return EVERYONE
    clauses: list[Terms] = []
    for clause in spec.get("clauses") or ():
        predicates = list(clause.get("predicates") or ())
        conditions = [item for item in map(_condition, predicates) if item is not None]
        if clause.get("filter_type") == "AND":
            clauses.append((tuple(conditions),))
        elif not predicates or len(conditions) < len(predicates):
            clauses.append(EVERYONE)
        else:
            clauses.append(tuple((item,) for item in conditions))
    if not clauses:
        return EVERYONE
    if spec.get("filter_type") != "AND":
        return tuple(term for terms in clauses for term in terms)
    product: Terms = ((),)
    for terms in clauses:
        product = tuple(left + right for left in product for right in terms)
        if len(product) > MAX_TERMS:
            return EVERYONE
    return product


def disjoint(first: Terms, second: Terms) -> bool:
    """True only when no contact can satisfy both filters."""
    return all(_contradictory(left + right) for left in first for right in second)


def _condition(predicate: Mapping[str, Any]) -> Condition | None:
    column, operator = predicate.get("column"), predicate.get("operator")
    if not column or not operator:
        return None
    bounds = predicate.get("range") or {}
    value = predicate.get("value")
    numeric = predicate.get("column_type") == "numeric" or (
        predicate.get("column_type") is None
        and operator in ORDERING
        and _number(value if value is not None else bounds.get("min", bounds.get("max"))) is not None
    )
    inverted = bool(predicate.get("inverted"))
    if numeric:
        ranges = _number_ranges(operator, value, bounds)
        if ranges is None:
            return None
        numbers = Numbers(ranges)
        return column, numbers.inverted() if inverted else numbers
    test = TEXT_TESTS.get(operator)
    values = bounds.get("in_set") if operator == "IN" else [value]
    if test is None or not values or any(item is None for item in values):
        return None
    return column, Text(test, tuple(str(item) for item in values), inverted)


def _number(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number_ranges(operator: str, value: Any, bounds: Mapping[str, Any]) -> tuple[Range, ...] | None:
    if operator == "IN":
        points = [_number(item) for item in bounds.get("in_set") or ()]
        if not points or any(point is None for point in points):
            return None
        return tuple(((point, True), (point, True)) for point in sorted(set(points)))  # type: ignore[type-var]
    if operator == "BETWEEN":
        low, high = bounds.get("min"), bounds.get("max")
        start, end = _number(low), _number(high)
        if (low is not None and start is None) or (high is not None and end is None):
            return None
        # an unstated inclusiveness is read as inclusive: the wider reading
        return (
            (
                (start, bounds.get("min_inclusive") is not False),
                (end, bounds.get("max_inclusive") is not False),
            ),
        )
    number = _number(value)
    if number is None:
        return None
    shapes: dict[str, Range] = {
        "EQUALS": ((number, True), (number, True)),
        "LESS_THAN": ((None, False), (number, False)),
        "LESS_THAN_EQUALS": ((None, False), (number, True)),
        "GREATER_THAN": ((number, False), (None, False)),
        "GREATER_THAN_EQUALS": ((number, True), (None, False)),
    }
    shape = shapes.get(operator)
    return None if shape is None else (shape,)


def _contradictory(term: Term) -> bool:
    numbers: dict[str, Numbers] = {}
    texts: dict[str, list[Text]] = defaultdict(list)
    for column, holds in term:
        if isinstance(holds, Numbers):
            numbers[column] = numbers[column].meet(holds) if column in numbers else holds
        else:
            texts[column].append(holds)
    return any(item.empty for item in numbers.values()) or any(map(_texts_contradict, texts.values()))


# Text comparison: whether the platform ignores case, surrounding blanks or "10" vs "10.0" is not
# documented, so two positive tests are only told apart when they differ under all those readings
# (`_loose`), and a positive test only contradicts an inverted one when they are literally the same.


def _loose(value: str) -> str:
    text = value.strip().casefold()
    number = _number(text)
    if number is None:
        return text
    return "0" if number == 0 else str(number.normalize())


def _matches(value: str, test: Text, *, loose: bool) -> bool:
    if test.test == "equals":
        return any((_loose(value) == _loose(item)) if loose else value == item for item in test.values)
    have, want = (
        (value.strip().casefold(), test.values[0].strip().casefold()) if loose else (value, test.values[0])
    )
    if test.test == "prefix":
        return have.startswith(want)
    if test.test == "suffix":
        return have.endswith(want)
    return want in have


def _texts_contradict(tests: Sequence[Text]) -> bool:
    positive = [test for test in tests if not test.inverted]
    negative = [test for test in tests if test.inverted]
    sets = [test for test in positive if test.test == "equals"]
    if sets:
        candidates = [
            value for value in sets[0].values if all(_matches(value, test, loose=True) for test in positive)
        ]
        return not any(
            not any(_matches(value, test, loose=False) for test in negative) for value in candidates
        )
    for left, right in combinations(positive, 2):
        if _exclusive_shapes(left, right):
            return True
    return any(_implies(test, other) for test in positive for other in negative)


def _implies(positive: Text, negative: Text) -> bool:
    """Whether every value passing `positive` also passes `negative`'s test (so both cannot hold)."""
    want = negative.values[0]
    if negative.test == "contains":
        return want in positive.values[0]
    return positive.test == negative.test and _matches(positive.values[0], negative, loose=False)


def _exclusive_shapes(left: Text, right: Text) -> bool:
    """Two prefixes (or two suffixes) where neither extends the other: no value has both."""
    if left.test != right.test or left.test not in ("prefix", "suffix"):
        return False
    return not (_matches(left.values[0], right, loose=True) or _matches(right.values[0], left, loose=True))
