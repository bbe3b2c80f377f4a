"""The converter writes bodies the current Genesys API takes and reads them back in manifest shape: dict
keys that name objects (wrap-up codes) become ids and back, durations stay ISO-8601 strings, required
lists go out even when empty, and an absent division reads as the home division."""

from __future__ import annotations

from typing import Any

from reconciler.manifest.kinds import KINDS
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import read_yaml_documents
from reconciler.state.convert import Converter
from reconciler.state.desired import essence_of
from reconciler.state.names import NameIndex


def _index() -> NameIndex:
    index = NameIndex()
    index.add("WrapUpCode", "Do Not Call", "code-1")
    index.add("WrapUpCode", "Sale", "code-2")
    index.add("Division", "Home", "division-home")
    index.defaults["Division"] = "Home"
    return index


def _body(text: str) -> dict[str, Any]:
    [resource], findings = type_documents(read_yaml_documents(text, file="m.yaml"))
    assert findings == []
    return Converter(platform="genesys", index=_index()).body(resource.info.spec, essence_of(resource))


def _spec(kind: str) -> Any:
    return KINDS[("genesys", kind)].spec


def test_a_mapping_keyed_by_code_names_is_written_keyed_by_ids_and_read_back_by_name() -> None:
    body = _body(
        "apiVersion: genesys/v1\nkind: WrapUpCodeMappings\nmetadata: {name: m}\n"
        "spec:\n  mapping:\n    Do Not Call: [NUMBER_UNCALLABLE]\n    Sale: [BUSINESS_SUCCESS]\n"
    )
    assert body == {"mapping": {"code-1": ["NUMBER_UNCALLABLE"], "code-2": ["BUSINESS_SUCCESS"]}}
    essence = Converter(platform="genesys", index=_index()).essence(_spec("WrapUpCodeMappings"), body)
    assert essence["mapping"] == {"Do Not Call": ["NUMBER_UNCALLABLE"], "Sale": ["BUSINESS_SUCCESS"]}


def test_for_duration_is_sent_as_an_iso_8601_string() -> None:
    body = _body(
        "apiVersion: genesys/v1\nkind: CampaignRule\nmetadata: {name: r}\nspec:\n"
        "  campaign_rule_entities: {campaigns: [c]}\n"
        "  campaign_rule_conditions:\n"
        "    - {condition_type: campaignAgents, parameters: {operator: lessThan, value: 3, for_duration: PT15M}}\n"
        "  campaign_rule_actions:\n"
        "    - {action_type: turnOffCampaign, campaign_rule_action_entities: {use_triggering_entity: true}}\n"
    )
    assert body["campaignRuleConditions"][0]["parameters"] == {
        "operator": "lessThan",
        "value": "3",
        "forDuration": "PT15M",
    }


def test_required_lists_go_out_empty_when_left_out() -> None:
    schedule = _body(
        "apiVersion: genesys/v1\nkind: CampaignSchedule\nmetadata: {name: s}\nspec:\n  campaign: c\n"
        "  recurrences:\n    - start: '2026-07-06T09:00:00'\n      end: '2026-07-06T19:00:00'\n"
        "      pattern: {type: Daily, interval: 1}\n      range: {type: NoEnd}\n"
    )
    assert schedule["intervals"] == [] and len(schedule["recurrences"]) == 1
    rule = _body(
        "apiVersion: genesys/v1\nkind: CampaignRule\nmetadata: {name: r}\nspec:\n"
        "  campaign_rule_entities: {campaigns: [c]}\n  campaign_rule_processing: v2\n"
        "  condition_groups:\n    - match_any_conditions: false\n"
        "      conditions: [{condition_type: campaignProgress, parameters: {operator: greaterThan, value: 9}}]\n"
        "  campaign_rule_actions:\n"
        "    - {action_type: turnOffCampaign, campaign_rule_action_entities: {use_triggering_entity: true}}\n"
    )
    assert rule["campaignRuleConditions"] == [] and len(rule["conditionGroups"]) == 1


def test_a_divisioned_object_without_a_division_reads_as_the_home_division() -> None:
    converter = Converter(platform="genesys", index=_index())
    assert converter.essence(_spec("Campaign"), {"name": "c"})["division"] == "Home"
    assert converter.essence(_spec("DncList"), {"division": {"id": "division-home"}})["division"] == "Home"
    assert "division" not in converter.essence(_spec("CallableTimeSet"), {"name": "t"})
    assert "division" not in Converter(platform="genesys", index=NameIndex()).essence(_spec("Campaign"), {})
