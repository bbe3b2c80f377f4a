"""RULE-ORDER and RULE-CONFLICT as `validate` reports them: what a reader of the message learns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reconciler.diagnostics import Code, Finding, Severity
from reconciler.plan.masking import without_fingerprints
from reconciler.validation import validate_paths

Write = Callable[[str, str], Path]

RULE_SET = """
apiVersion: genesys/v1
kind: RuleSet
metadata:
  name: caller-ids
{annotations}spec:
  rules:
    - name: default-caller-id
      order: 1
      category: DIALER_PRECALL
      conditions:
        - {{type: contactAttributeCondition, attribute_name: state, operator: IN, value: "NY,NJ", value_type: STRING}}
      actions:
        - {{type: Action, action_type_name: SET_CALLER_ID, properties: {{callerAddress: "+15555550100", callerName: Acme}}}}
{extra_action}    - name: {second_name}
      order: 2
      category: {second_category}
      conditions:
        - {second_condition}
      actions:
        - {{type: Action, action_type_name: SET_CALLER_ID, properties: {{callerAddress: "+15555550199", callerName: Acme East}}}}
        - {{type: modifyContactAttribute, action_type_name: MODIFY_CONTACT_ATTRIBUTE, update_option: SET, properties: {{caller: east}}}}
"""


def _rule_set(
    write: Write,
    *,
    second_condition: str = "{type: contactAttributeCondition, attribute_name: state, operator: EQUALS, value: NJ, value_type: STRING}",
    second_category: str = "DIALER_PRECALL",
    annotations: str = "",
    extra_action: str = "",
) -> Path:
    text = RULE_SET.format(
        annotations=annotations,
        second_name="east-caller-id",
        second_category=second_category,
        second_condition=second_condition,
        extra_action=extra_action,
    )
    return write("rules.yaml", text)


def _findings(path: Path, code: Code) -> list[Finding]:
    return [item for item in validate_paths([path]).findings if item.code == code]


def test_rule_set_conflict_names_rules_actions_witness_and_where(write: Write) -> None:
    path = _rule_set(write)
    (found,) = _findings(path, Code.RULE_CONFLICT)
    assert found.severity == Severity.ERROR
    assert found.address == "genesys/RuleSet/caller-ids"
    assert found.source is not None and (found.source.file, found.source.line) == (str(path), 14)
    message = without_fingerprints(found.message)
    assert "rule set 'caller-ids'" in message
    assert "'default-caller-id' (line 7)" in message and "'east-caller-id'" in message
    assert "sets the caller id to ***0100 (Acme)" in message and "to ***0199 (Acme East)" in message
    assert "for example, when column state = 'NJ'" in message
    assert "5555550100" not in message and "5555550199" not in message


def test_more_contradicting_actions_of_one_pair_make_one_finding(write: Write) -> None:
    extra = (
        "        - {type: modifyContactAttribute, action_type_name: MODIFY_CONTACT_ATTRIBUTE, update_option: SET, "
        "properties: {caller: default}}\n"
    )
    (found,) = _findings(_rule_set(write, extra_action=extra), Code.RULE_CONFLICT)
    assert "(and 1 more contradicting action(s))" in found.message


def test_exclusive_conditions_and_other_categories_do_not_conflict(write: Write) -> None:
    exclusive = '{type: contactAttributeCondition, attribute_name: state, operator: IN, value: "NY,NJ", value_type: STRING, inverted: true}'
    assert _findings(_rule_set(write, second_condition=exclusive), Code.RULE_CONFLICT) == []
    wrap_up = "{type: wrapupCondition, codes: [Sale]}"
    assert (
        _findings(
            _rule_set(write, second_condition=wrap_up, second_category="DIALER_WRAPUP"), Code.RULE_CONFLICT
        )
        == []
    )


def test_a_condition_the_check_cannot_decide_is_assumed_and_said(write: Write) -> None:
    history = "{type: contactPropertyCondition, property: P1D, property_type: LAST_ATTEMPT_OVERALL, operator: BEFORE}"
    (found,) = _findings(_rule_set(write, second_condition=history), Code.RULE_CONFLICT)
    assert (
        "assuming the contact-property condition of rule 'east-caller-id' can hold then too" in found.message
    )
    assert "cannot decide" in found.message


def test_an_allowed_conflict_is_listed_with_its_reason_but_does_not_count(write: Write) -> None:
    annotations = (
        '  annotations:\n    reconciler/allow: "RULE-CONFLICT: east numbers win on purpose, ticket OPS-12"\n'
    )
    path = _rule_set(write, annotations=annotations)
    result = validate_paths([path])
    (found,) = [item for item in result.findings if item.code == Code.RULE_CONFLICT]
    assert found.suppressed == "east numbers win on purpose, ticket OPS-12"
    assert result.errors == 0


CAMPAIGN_RULE = """
apiVersion: genesys/v1
kind: CampaignRule
metadata:
  name: {name}
spec:
  enabled: {enabled}
  time_zone_id: {zone}
  campaign_rule_entities: {{campaigns: [{watched}]}}
  campaign_rule_conditions:
    - condition_type: timeOfDay
      parameters: {{operator: {operator}}}
      date_time_parameters: {{time_of_day: {{threshold_value: "{clock}"}}}}
  campaign_rule_actions:
    - action_type: {action}
      campaign_rule_action_entities: {{use_triggering_entity: true}}
"""


def _campaign_rules(write: Write, *rules: dict[str, str]) -> Path:
    defaults = {"enabled": "true", "zone": "America/New_York", "watched": "q3-renewals", "operator": "after"}
    documents = [CAMPAIGN_RULE.format(**{**defaults, **rule}) for rule in rules]
    return write("campaign-rules.yaml", "---\n".join(documents))


def test_campaign_rules_conflict_only_when_both_enabled_and_sharing_a_target(write: Write) -> None:
    on = {"name": "on-after-nine", "clock": "09:00:00", "action": "turnOnCampaign"}
    off = {"name": "off-after-five", "clock": "17:00:00", "action": "turnOffCampaign"}
    (found,) = _findings(_campaign_rules(write, on, off), Code.RULE_CONFLICT)
    assert found.address == "genesys/CampaignRule/off-after-five"
    assert "contradicting actions on campaign 'q3-renewals'" in found.message
    assert (
        "'on-after-nine' turns it on (turnOnCampaign), 'off-after-five' turns it off (turnOffCampaign)"
        in found.message
    )
    assert "time in America/New_York = Monday 17:01" in found.message
    assert _findings(_campaign_rules(write, on, {**off, "enabled": "false"}), Code.RULE_CONFLICT) == []
    assert (
        _findings(_campaign_rules(write, on, {**off, "watched": "other-campaign"}), Code.RULE_CONFLICT) == []
    )


def test_campaign_rules_in_two_zones_meet_only_when_their_clocks_overlap(write: Write) -> None:
    # Denver 17:00 is Phoenix 17:00 in winter but 16:00 in summer (Arizona keeps standard time).
    denver = {
        "name": "denver-off-after-five",
        "zone": "America/Denver",
        "clock": "17:00:00",
        "action": "turnOffCampaign",
    }
    phoenix = {
        "name": "phoenix-on-before-half-four",
        "zone": "America/Phoenix",
        "operator": "before",
        "clock": "16:30:00",
        "action": "turnOnCampaign",
    }
    (found,) = _findings(_campaign_rules(write, denver, phoenix), Code.RULE_CONFLICT)
    assert "UTC (Monday 17:01 in America/Denver, Monday 16:01 in America/Phoenix)" in found.message
    earlier = {**phoenix, "clock": "16:00:00"}
    assert _findings(_campaign_rules(write, denver, earlier), Code.RULE_CONFLICT) == []


def test_rule_order_is_per_category_and_ignores_rules_without_order(write: Write) -> None:
    path = write(
        "order.yaml",
        """
        apiVersion: genesys/v1
        kind: RuleSet
        metadata:
          name: ordered
        spec:
          rules:
            - {name: a, order: 1, category: DIALER_PRECALL, conditions: [{type: phoneNumberTypeCondition, value: cell}]}
            - {name: b, order: 1, category: DIALER_WRAPUP, conditions: [{type: wrapupCondition, codes: [Sale]}]}
            - {name: c, category: DIALER_PRECALL, conditions: [{type: phoneNumberTypeCondition, value: home}]}
            - {name: d, category: DIALER_PRECALL, conditions: [{type: phoneNumberTypeCondition, value: work}]}
            - {name: e, order: 1, category: DIALER_PRECALL, conditions: [{type: phoneNumberTypeCondition, value: other}]}
        """,
    )
    (found,) = _findings(path, Code.RULE_ORDER)
    assert found.source is not None and found.source.line == 11
    assert "pre-call rules 'a' (line 7) and 'e' both have order 1" in found.message
