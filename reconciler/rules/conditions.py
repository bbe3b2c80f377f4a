"""Rule-set (dialer rule) conditions as constraint formulas, reference RuleSet, purecloudplatformclientv2.

A dialer rule's conditions must all be true. Each condition becomes a formula over these variables:
- a contact column (contactAttributeCondition): text, or a number when `value_type` is NUMERIC; one
  column compared as text in one rule and as a number in another gives two unrelated variables;
- the phone number dialed (phoneNumberCondition) and its type (phoneNumberTypeCondition), as text;
- the wrap-up code (wrapupCondition), call analysis result (callAnalysisCondition) and system
  disposition (systemDispositionCondition), as text;
- time of day / day of week / day of month of a timeAndDateCondition (see reconciler.rules.clock).
Text compares exactly as written (case-sensitive). IN takes a comma-separated list and BETWEEN two
comma-separated numbers (inclusive). `inverted` negates the whole condition, a sub-condition's own
`inverted` just that sub-condition. Anything else — contact properties (last attempt / last wrap-up),
data actions, DATETIME and PERIOD comparisons, text ordering, specific dates, LAST_DAY — is Unknown.
"""

from __future__ import annotations

from reconciler.manifest.models.genesys_rule_sets import Condition, DialerRule, TimeAndDateSubCondition
from reconciler.policy.constraints import (
    All,
    AnyOf,
    Atom,
    Formula,
    Interval,
    IntervalSet,
    Kind,
    Not,
    PatternKind,
    Unknown,
    Var,
    matching,
    number_var,
    one_of,
    text_var,
    within,
)
from reconciler.rules.clock import Frame, day_numbers, days_of_week, shifted, time_of_day

PHONE = text_var(("phone number",), "phone number dialed")
PHONE_TYPE = text_var(("phone number type",), "phone number type")
WRAPUP = text_var(("wrap-up code",), "wrap-up code")
CALL_ANALYSIS = text_var(("call analysis result",), "call analysis result")
SYSTEM_DISPOSITION = text_var(("system disposition",), "system disposition")

_PATTERNS = {
    "EQUALS": PatternKind.EQUALS,
    "BEGINS_WITH": PatternKind.BEGINS_WITH,
    "ENDS_WITH": PatternKind.ENDS_WITH,
    "CONTAINS": PatternKind.CONTAINS,
}
_NUMBER_OPERATORS = {
    "EQUALS": "=",
    "LESS_THAN": "<",
    "LESS_THAN_EQUALS": "<=",
    "GREATER_THAN": ">",
    "GREATER_THAN_EQUALS": ">=",
    "BETWEEN": "between",
    "IN": "in",
}
_DATE_TIME_OPERATORS = {
    "BEFORE": "before",
    "AFTER": "after",
    "EQUALS": "equals",
    "BETWEEN": "between",
    "IN": "in",
}


def column_var(name: str, *, numeric: bool) -> Var:
    if numeric:
        return number_var(("column", name, "number"), f"column {name} (as a number)")
    return text_var(("column", name, "text"), f"column {name}")


def rule_formula(rule: DialerRule, *, frame: Frame) -> Formula:
    """All of the rule's conditions."""
    return All(tuple(condition_formula(item, rule=rule.name, frame=frame) for item in rule.conditions))


def rule_zones(rule: DialerRule) -> set[str | None]:
    return {item.time_zone_id for item in rule.conditions if item.type == "timeAndDateCondition"}


def condition_formula(condition: Condition, *, rule: str, frame: Frame) -> Formula:
    formula = _positive(condition, rule=rule, frame=frame)
    return Not(formula) if condition.inverted else formula


def _positive(condition: Condition, *, rule: str, frame: Frame) -> Formula:
    kind = condition.type
    if kind == "contactAttributeCondition" and condition.attribute_name:
        numeric = condition.value_type == "NUMERIC"
        var = column_var(condition.attribute_name, numeric=numeric)
        found = _compare(var, condition) if condition.value_type in (None, "STRING", "NUMERIC") else None
    elif kind == "phoneNumberCondition":
        found = _compare(PHONE, condition)
    elif kind == "phoneNumberTypeCondition":
        found = _compare(PHONE_TYPE, condition)
    elif kind == "wrapupCondition" and condition.codes:
        found = one_of(WRAPUP, condition.codes)
    elif kind == "callAnalysisCondition":
        found = _compare(CALL_ANALYSIS, condition)
    elif kind == "systemDispositionCondition":
        found = _compare(SYSTEM_DISPOSITION, condition)
    elif kind == "timeAndDateCondition":
        found = _time_and_date(condition, rule=rule, frame=frame)
    else:
        found = None
    return found if found is not None else Unknown(f"{_describe(condition)} of rule '{rule}'")


def _describe(condition: Condition) -> str:
    what = {
        "contactPropertyCondition": "the contact-property condition",
        "dataActionCondition": "the data-action condition",
        "timeAndDateCondition": "the date condition",
    }.get(condition.type or "", f"the {condition.type or 'untyped'} condition")
    if condition.type == "contactAttributeCondition":
        what = f"the condition on column {condition.attribute_name} ({condition.value_type} {condition.operator})"
    return what


def _compare(var: Var, condition: Condition) -> Formula | None:
    operator, value = condition.operator or "EQUALS", condition.value
    if value is None:
        return None
    if var.kind == Kind.NUMBER:
        return _compare_number(var, operator, value)
    if operator == "IN":
        return one_of(var, _split(value))
    pattern = _PATTERNS.get(operator)
    return matching(var, pattern, value) if pattern is not None else None


def _compare_number(var: Var, operator: str, value: str) -> Formula | None:
    symbol = _NUMBER_OPERATORS.get(operator)
    numbers = number_set(symbol, value) if symbol is not None else None
    return None if numbers is None else within(var, numbers)


def number_set(symbol: str, value: str) -> IntervalSet | None:
    """The numbers `x` with `x <symbol> value`: = < <= > >=, `between` "a,b" (inclusive), `in` "a,b,..."."""
    parsed = [_number(part) for part in _split(value)]
    values = [number for number in parsed if number is not None]
    if not values or len(values) != len(parsed):
        return None
    if symbol == "in":
        return IntervalSet.of(*(Interval(item, item) for item in values))
    if symbol == "between":
        return IntervalSet.of(Interval(min(values), max(values))) if len(values) == 2 else None
    if len(values) != 1:
        return None
    first = values[0]
    return {
        "=": IntervalSet.point(first),
        "<": IntervalSet.below(first, closed=False),
        "<=": IntervalSet.below(first, closed=True),
        ">": IntervalSet.above(first, closed=False),
        ">=": IntervalSet.above(first, closed=True),
    }.get(symbol)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",")]


def _number(text: str) -> float | None:
    try:
        found = float(text)
    except ValueError:
        return None
    return found if found == found and abs(found) != float("inf") else None


# --- time and date ---------------------------------------------------------------------------------


def _time_and_date(condition: Condition, *, rule: str, frame: Frame) -> Formula | None:
    parts = []
    for sub in condition.sub_conditions or []:
        found = _sub_condition(sub, zone=condition.time_zone_id, frame=frame)
        if found is None:
            found = Unknown(f"the {sub.type or 'untyped'} date condition of rule '{rule}'")
        parts.append(Not(found) if sub.inverted else found)
    return AnyOf(tuple(parts)) if condition.match_any_conditions else All(tuple(parts))


def _sub_condition(sub: TimeAndDateSubCondition, *, zone: str | None, frame: Frame) -> Formula | None:
    operator = _DATE_TIME_OPERATORS.get(sub.operator or "")
    if operator is None:
        return None
    low = sub.range.min if sub.range else None
    high = sub.range.max if sub.range else None
    members = (sub.range.in_set if sub.range else None) or []
    if sub.type == "timeOfDay":
        week, shift = frame.week(zone)
        found = time_of_day(operator, threshold=sub.threshold_value, low=low, high=high)
        return None if found is None else Atom(week, shifted(found, shift))
    if sub.type == "dayOfWeek":
        days = _days(operator, sub.threshold_value, low, high, members, last=7)
        if days is None:
            return None
        week, shift = frame.week(zone)
        return Atom(week, shifted(days_of_week(days), shift))
    if sub.type == "dayOfMonth":
        days = _days(operator, sub.threshold_value, low, high, members, last=31)
        return None if days is None else one_of(frame.day_of_month(zone), (str(day) for day in days))
    return None


def _days(
    operator: str, threshold: str | None, low: str | None, high: str | None, members: list[str], *, last: int
) -> list[int] | None:
    """Day numbers; ODD_DAY / EVEN_DAY expand, LAST_DAY (and anything else) is not expressible."""
    expanded: list[int] = []
    for member in members:
        if member in ("ODD_DAY", "EVEN_DAY"):
            expanded += range(1 if member == "ODD_DAY" else 2, last + 1, 2)
        elif member.isdigit():
            expanded.append(int(member))
        else:
            return None
    numbers = [_day(item) for item in (threshold, low, high)]
    if any(
        text is not None and number is None
        for text, number in zip((threshold, low, high), numbers, strict=True)
    ):
        return None
    return day_numbers(
        operator, threshold=numbers[0], low=numbers[1], high=numbers[2], members=expanded, last=last
    )


def _day(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().isdigit() else None
