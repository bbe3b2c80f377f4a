"""The rule preview: execution order, what wins, counts and conflict evidence on contacts."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from reconciler.manifest.models.genesys_rule_sets import RuleSetSpec
from reconciler.rules.preview import compile_rule_set, evaluate
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

AT = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)


def _tier(value: str) -> dict[str, Any]:
    return {
        "type": "contactAttributeCondition",
        "attribute_name": "tier",
        "operator": "EQUALS",
        "value": value,
    }


def _rule(
    name: str, order: int | None, condition: dict[str, Any], *actions: dict[str, Any]
) -> dict[str, Any]:
    return {
        "name": name,
        "order": order,
        "category": "DIALER_PRECALL",
        "conditions": [condition],
        "actions": list(actions),
    }


def _action(kind: str, **properties: str) -> dict[str, Any]:
    return {"type": "Action", "action_type_name": kind, "properties": properties or None}


def _set(column: str, value: str, option: str = "SET") -> dict[str, Any]:
    return {
        "type": "modifyContactAttribute",
        "action_type_name": "MODIFY_CONTACT_ATTRIBUTE",
        "update_option": option,
        "properties": {column: value},
    }


ANY_TIER = {
    "type": "contactAttributeCondition",
    "attribute_name": "tier",
    "operator": "CONTAINS",
    "value": "",
}

SPEC = RuleSetSpec.model_validate(
    {
        "rules": [
            _rule(
                "caller-id-late",
                None,
                ANY_TIER,
                _action("SET_CALLER_ID", callerAddress="+15555550199", callerName="B"),
            ),
            _rule(
                "preview-gold",
                2,
                _tier("gold"),
                _action("SWITCH_TO_PREVIEW"),
                _set("visits", "1", "INCREMENT"),
            ),
            _rule("skip-closed", 3, _tier("closed"), _action("DO_NOT_DIAL")),
            _rule(
                "caller-id",
                1,
                ANY_TIER,
                _action("SET_CALLER_ID", callerAddress="+15555550100", callerName="A"),
            ),
            _rule("count-gold", 2, _tier("gold"), _set("visits", "2", "DECREMENT")),
            {
                **_rule("wrap", 1, _tier("gold"), _action("SCHEDULE_CALLBACK", callbackOffset="5")),
                "category": "DIALER_WRAPUP",
            },
        ]
    }
)


def test_rules_run_by_order_then_declaration_and_unordered_rules_last() -> None:
    compiled = compile_rule_set(SPEC, name="demo", at=AT)
    assert [rule.name for rule in compiled.rules] == [
        "caller-id",
        "preview-gold",
        "count-gold",
        "skip-closed",
        "caller-id-late",
    ]


def test_each_contact_gets_its_matching_rules_and_what_wins() -> None:
    compiled = compile_rule_set(SPEC, name="demo", at=AT)
    preview = evaluate(compiled, [(2, {"tier": "gold"}), (3, {"tier": "closed"}), (4, {"tier": "tin"})])
    gold, closed, tin = preview.contacts
    assert [compiled.rules[i].name for i in gold.outcome.matched] == [
        "caller-id",
        "preview-gold",
        "count-gold",
        "caller-id-late",
    ]
    assert gold.outcome.dial == "preview" and gold.outcome.decided_by == ("SWITCH_TO_PREVIEW", "preview-gold")
    assert ("sets the caller id to +15555550199 (B)", "caller-id-late") in gold.outcome.settings
    assert ("sets the caller id to +15555550100 (A)", "caller-id") not in gold.outcome.settings
    assert ("increments column visits by 1", "preview-gold") in gold.outcome.settings
    assert ("decrements column visits by 2", "count-gold") in gold.outcome.settings
    assert closed.outcome.dial == "not dialed" and closed.outcome.decided_by == ("DO_NOT_DIAL", "skip-closed")
    assert tin.outcome.dial == "dialed" and tin.outcome.decided_by is None
    assert preview.matches == [3, 1, 1, 1, 3]


def test_contacts_matched_by_two_conflicting_rules_are_evidence() -> None:
    compiled = compile_rule_set(SPEC, name="demo", at=AT)
    rows = [(line, {"tier": "gold"}) for line in range(2, 40)]
    preview = evaluate(compiled, rows)
    pair = (0, 4)  # caller-id vs caller-id-late; increments and decrements commute, so not (1, 2)
    assert list(preview.evidence) == [pair]
    assert preview.evidence_counts[pair] == 38 and preview.evidence[pair] == list(range(2, 22))


def test_the_witness_of_a_rule_conflict_is_evidence_on_data() -> None:
    path = FIXTURES / "policy" / "RULE-CONFLICT" / "violating" / "rule-set-touching-bounds.yaml"
    resource = next(iter(validate_paths([path]).manifests.values()))
    compiled = compile_rule_set(cast(RuleSetSpec, resource.document.spec), name=resource.name, at=AT)
    preview = evaluate(compiled, [(2, {"balance": "50"}), (3, {"balance": "50.5"}), (4, {"balance": "49"})])
    assert preview.evidence == {(0, 1): [2]}
