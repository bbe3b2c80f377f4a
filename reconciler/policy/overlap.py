"""SCHEDULE-OVERLAP and AUDIENCE-OVERLAP (ARCHITECTURE.md §6): run windows that must not coincide.

SCHEDULE-OVERLAP: inside one declared campaign or sequence schedule, two items (intervals,
recurrences) run at the same time, or a recurrence runs into its own next occurrence. One finding per
schedule for the first window two items share, at the line of the item written later, and one per
self-overlapping recurrence, at its line. Windows come from reconciler.policy.intervals: exact, over
the horizon its docstring states.

AUDIENCE-OVERLAP: two declared campaigns dial the same contact list, their schedules share a window,
and their contact-list filters do not provably select different contacts. Campaigns are grouped by
contact list, so only campaigns sharing a list are compared (pairwise within the group). A campaign's
schedule is its CampaignSchedule manifest or, at plan time, its live schedule (`context.lookup`); a
campaign with no schedule at all is not compared, as when it runs is unknown (sequences start their
campaigns in turn, so a campaign run only by a sequence is not compared either). Whether a campaign
is on or off does not matter: its schedule switches it on. The finding is reported on the campaign
written later (file, then line), at its contact_list line; that is where `reconciler/allow` goes.

Filters (`filter_terms`, `disjoint`): each filter is read as a disjunction of conjunctions of
per-column conditions, and two filters are disjoint when every pair of conjunctions contradicts on
some column. The reading only ever widens a filter, so "disjoint" is a proof and "not disjoint" may
be caution: a predicate it cannot model (BEFORE/AFTER, text ordering, a missing value) matches
anyone; a missing filter_type is read as OR; numeric comparisons are exact (a < 10 and a >= 10 are
disjoint, a <= 10 and a >= 10 meet at 10) and an inverted numeric predicate also admits a blank or
non-numeric value; two text values only differ when they differ ignoring case, surrounding blanks and
number formatting ("10" = "10.0"), since the platform's text comparison is not documented.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.intervals import (
    Expansions,
    Recurrence,
    Schedule,
    common_window,
    describe_window,
    first_clash,
    horizon,
    schedule_of,
)

PLATFORM = "genesys"
SCHEDULE_KINDS = (("CampaignSchedule", "campaign"), ("SequenceSchedule", "sequence"))


def _where(resource: Resource, path: tuple[str | int, ...] = ()) -> str:
    location = resource.location_of(path) if path else resource.source
    return f"{location.file}:{location.line}"


# --- SCHEDULE-OVERLAP ------------------------------------------------------------------------------


def check_schedule_overlap(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for kind, owner in SCHEDULE_KINDS:
        for resource in context.resources(PLATFORM, kind):
            spec = spec_of(resource)
            schedule = schedule_of(spec)
            title = f"{kind} {resource.name} ({owner} {spec.get(owner)})"
            found.extend(_self_overlaps(resource, schedule, title))
            clash = _items_overlap(resource, schedule, title, owner)
            if clash is not None:
                found.append(clash)
    return found


def _self_overlaps(resource: Resource, schedule: Schedule, title: str) -> Iterator[Finding]:
    for item in schedule.items:
        if not isinstance(item.window, Recurrence):
            continue
        window = item.window.self_overlap()
        if window is not None:
            yield finding(
                Code.SCHEDULE_OVERLAP,
                f"{title}: {item.label} ({_where(resource, item.path)}; {item.window.describe()}) "
                f"runs into its own next occurrence, first {describe_window(window, schedule.zone)}. "
                "Shorten each occurrence so it ends before the next one starts.",
                address=resource.address,
                source=resource.location_of(item.path),
            )


def _items_overlap(resource: Resource, schedule: Schedule, title: str, owner: str) -> Finding | None:
    if len(schedule.items) < 2:
        return None
    until = horizon(schedule.windows)
    clash = first_clash([item.window.spans(until) for item in schedule.items])
    if clash is None:
        return None
    first, second = sorted(
        (schedule.items[clash[0]], schedule.items[clash[1]]),
        key=lambda item: resource.location_of(item.path).line,
    )
    return finding(
        Code.SCHEDULE_OVERLAP,
        f"{title}: {second.label} ({_where(resource, second.path)}) overlaps {first.label} "
        f"({_where(resource, first.path)}), first {describe_window(clash[2], schedule.zone)}. "
        f"The {owner} would be scheduled twice for that time; make the windows follow one another "
        "or merge them.",
        address=resource.address,
        source=resource.location_of(second.path),
    )


# --- AUDIENCE-OVERLAP ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dialer:
    """A campaign with a schedule, as AUDIENCE-OVERLAP compares it."""

    campaign: Resource
    schedule: Schedule
    schedule_where: str
    filter_name: str | None
    terms: Terms


def check_audience_overlap(context: CheckContext) -> list[Finding]:
    by_list: dict[str, list[Resource]] = defaultdict(list)
    for campaign in context.resources(PLATFORM, "Campaign"):
        by_list[campaign.document.spec.contact_list].append(campaign)
    shared = {name: campaigns for name, campaigns in by_list.items() if len(campaigns) > 1}
    if not shared:
        return []
    declared = {
        str(spec_of(resource).get("campaign")): resource
        for resource in reversed(list(context.resources(PLATFORM, "CampaignSchedule")))
    }  # reversed: the first schedule of a campaign wins, as DUPLICATE says
    terms_of: dict[str | None, Terms] = {None: EVERYONE}
    expansions = Expansions()
    found: list[Finding] = []
    for list_name, campaigns in shared.items():
        dialers = [
            dialer
            for campaign in campaigns
            if (dialer := _dialer(context, campaign, declared, terms_of)) is not None
        ]
        dialers.sort(key=lambda dialer: (dialer.campaign.raw.file, dialer.campaign.raw.line))
        for first, second in combinations(dialers, 2):
            if disjoint(first.terms, second.terms):
                continue
            window = common_window(first.schedule, second.schedule, expansions)
            if window is not None:
                found.append(_audience_finding(list_name, first, second, window))
    return found


def _dialer(
    context: CheckContext,
    campaign: Resource,
    declared: Mapping[str, Resource],
    terms_of: dict[str | None, Terms],
) -> Dialer | None:
    resource = declared.get(campaign.name)
    if resource is not None:
        spec: Mapping[str, Any] = spec_of(resource)
        where = f"{resource.name} ({_where(resource)})"
    else:
        live = context.lookup(PLATFORM, "CampaignSchedule", campaign.name)
        if live is None or live.resource is not None:
            return None  # no schedule: when the campaign runs is not known
        spec, where = live.spec, "its live schedule in the org"
    schedule = schedule_of(spec)
    if not schedule.items:
        return None
    names = campaign.document.spec.contact_list_filters or []
    name = names[0] if names else None
    if name not in terms_of:
        target = context.lookup(PLATFORM, "ContactListFilter", name) if name else None
        terms_of[name] = filter_terms(target.spec if target is not None else None)
    return Dialer(campaign, schedule, where, name, terms_of[name])


def _audience_finding(list_name: str, first: Dialer, second: Dialer, window: tuple[int, int]) -> Finding:
    a, b = first.campaign, second.campaign
    if first.filter_name is None and second.filter_name is None:
        why = "Neither campaign has a contact list filter, so every contact can be dialled by both."
    elif first.filter_name is None or second.filter_name is None:
        bare = a if first.filter_name is None else b
        why = (
            f"{bare.name} has no contact list filter, so the other campaign's contacts are also its contacts."
        )
    else:
        why = (
            f"Their contact list filters {first.filter_name} and {second.filter_name} do not provably "
            "exclude each other, so one contact can match both."
        )
    when = describe_window(window, first.schedule.zone)
    if second.schedule.zone != first.schedule.zone:
        when += f" = {describe_window(window, second.schedule.zone)}"
    return finding(
        Code.AUDIENCE_OVERLAP,
        f"Campaigns {a.name} ({_where(a)}) and {b.name} ({_where(b)}) both dial contact list "
        f"{list_name} at the same time, first {when} "
        f"(schedules: {first.schedule_where}; {second.schedule_where}). {why} Make the schedules "
        "not overlap, or give each campaign a filter that excludes the other's contacts "
        "(for example tier EQUALS gold and tier EQUALS standard).",
        address=b.address,
        source=b.location_of(("spec", "contact_list")),
    )


# --- contact-list filters as constraints -----------------------------------------------------------
# A filter is read as a disjunction of conjunctions of per-column conditions (DNF). The reading only
# ever widens a filter: a predicate it cannot model (BEFORE/AFTER, text ordering, a missing value)
# matches anything. So when two widened filters share no contact, the real ones do not either.

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
