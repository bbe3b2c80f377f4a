"""Rule conditions compiled into one function: same answers as the platform's reading of a row."""

from __future__ import annotations

import datetime as dt

from reconciler.manifest.models.genesys_rule_sets import DialerRule
from reconciler.rules.clock import LOCAL
from reconciler.rules.conditions import rule_formula
from reconciler.rules.predicates import compile_matcher

FRIDAY_EVENING_NY = dt.datetime(2026, 12, 4, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def _rule(*conditions: dict[str, object]) -> DialerRule:
    return DialerRule.model_validate(
        {"name": "r", "category": "DIALER_PRECALL", "conditions": list(conditions)}
    )


def _column(
    name: str, operator: str, value: str, value_type: str = "STRING", **extra: object
) -> dict[str, object]:
    condition = {
        "type": "contactAttributeCondition",
        "attribute_name": name,
        "operator": operator,
        "value": value,
    }
    return {**condition, "value_type": value_type, **extra}


def _matches(rule: DialerRule, row: dict[str, str], *, phone: str = "", phone_type: str = "") -> bool:
    matcher = compile_matcher([rule_formula(rule, frame=LOCAL)], at=FRIDAY_EVENING_NY)
    assert not matcher.skipped, matcher.skipped
    return matcher.match(row, phone, phone_type) == 1


def test_numeric_comparisons_and_text_that_is_not_a_number() -> None:
    rule = _rule(_column("balance", "GREATER_THAN_EQUALS", "50", "NUMERIC"))
    assert _matches(rule, {"balance": "50"}) and _matches(rule, {"balance": "50.01"})
    assert not _matches(rule, {"balance": "49.99"}) and not _matches(rule, {"balance": "n/a"})
    inverted = _rule(_column("balance", "GREATER_THAN_EQUALS", "50", "NUMERIC", inverted=True))
    assert _matches(inverted, {"balance": "n/a"}) and not _matches(inverted, {"balance": "70"})
    between = _rule(_column("days", "BETWEEN", "30,60", "NUMERIC"))
    assert (
        _matches(between, {"days": "30"})
        and _matches(between, {"days": "60"})
        and not _matches(between, {"days": "61"})
    )


def test_text_operators() -> None:
    assert _matches(_rule(_column("tier", "IN", "gold, silver")), {"tier": "silver"})
    assert not _matches(_rule(_column("tier", "EQUALS", "gold")), {"tier": "Gold"})
    assert _matches(_rule(_column("tier", "BEGINS_WITH", "gol")), {"tier": "gold"})
    assert _matches(_rule(_column("tier", "ENDS_WITH", "old")), {"tier": "gold"})
    assert _matches(_rule(_column("tier", "CONTAINS", "ol")), {"tier": "gold"})
    both = _rule(_column("tier", "CONTAINS", "ol"), _column("state", "EQUALS", "NY", inverted=True))
    assert _matches(both, {"tier": "gold", "state": "NJ"}) and not _matches(
        both, {"tier": "gold", "state": "NY"}
    )


def test_phone_conditions_read_the_number_dialed_and_its_type() -> None:
    rule = _rule(
        {"type": "phoneNumberCondition", "operator": "BEGINS_WITH", "value": "+1555"},
        {"type": "phoneNumberTypeCondition", "operator": "EQUALS", "value": "cell"},
    )
    assert _matches(rule, {}, phone="+15555550100", phone_type="cell")
    assert not _matches(rule, {}, phone="+15555550100", phone_type="home")


def test_time_conditions_are_decided_once_for_the_moment_of_the_preview() -> None:
    def at(clock: str, days: list[str]) -> DialerRule:
        return _rule(
            {
                "type": "timeAndDateCondition",
                "time_zone_id": "America/New_York",
                "sub_conditions": [
                    {"type": "timeOfDay", "operator": "AFTER", "threshold_value": clock},
                    {"type": "dayOfWeek", "operator": "IN", "range": {"in_set": days}},
                ],
            }
        )

    assert _matches(at("18:00", ["5"]), {})
    assert not _matches(at("19:00", ["5"]), {})
    assert not _matches(at("18:00", ["1", "2"]), {})
    matcher = compile_matcher([rule_formula(at("18:00", ["5"]), frame=LOCAL)], at=FRIDAY_EVENING_NY)
    assert "hits |= 1\n" in matcher.source  # folded to a constant: no per-contact work


def test_conditions_a_row_cannot_answer_are_skipped_with_the_reason() -> None:
    history = _rule(
        {"type": "contactPropertyCondition", "property": "P1D", "property_type": "LAST_ATTEMPT_OVERALL"}
    )
    matcher = compile_matcher([rule_formula(history, frame=LOCAL)], at=FRIDAY_EVENING_NY)
    assert "contact-property condition of rule 'r'" in matcher.skipped[0]
    assert matcher.match({}, "", "") == 0


def test_manifest_text_never_becomes_code() -> None:
    hostile = 'x"] or __import__("os").system("echo owned") or row["'
    rule = _rule(_column(hostile, "EQUALS", '") or True or ("'))
    matcher = compile_matcher([rule_formula(rule, frame=LOCAL)], at=FRIDAY_EVENING_NY)
    assert hostile not in matcher.source and "__import__" not in matcher.source
    assert matcher.match({hostile: "anything"}, "", "") == 0
    assert matcher.columns[0] == (hostile,)
