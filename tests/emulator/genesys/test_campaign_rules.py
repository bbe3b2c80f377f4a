"""Campaign rules cannot be created, modified or deleted while enabled (G§6.2, SW18); flipping
`enabled` alone is how they are turned on and off."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


@pytest.fixture
def campaign_id(api: Api) -> str:
    list_id = api.create("contactlists", s.contact_list())["id"]
    return str(api.create("campaigns", s.campaign(list_id))["id"])


@pytest.fixture
def enabled_rule(api: Api, campaign_id: str) -> dict[str, Any]:
    created = api.create("campaignrules", s.campaign_rule(campaign_id))
    return api.update("campaignrules", {**created, "enabled": True})


def test_a_rule_cannot_be_created_enabled(api: Api, campaign_id: str) -> None:
    response = api.post(f"{OUTBOUND}/campaignrules", s.campaign_rule(campaign_id, enabled=True))
    assert (response.status_code, code_of(response)) == (400, "cannot.create.enabled.campaign.rule")
    assert api.get(f"{OUTBOUND}/campaignrules").json()["total"] == 0


def test_created_disabled_and_enabled_by_flipping_enabled(api: Api, campaign_id: str) -> None:
    body = s.campaign_rule(campaign_id)
    body.pop("enabled")
    created = api.create("campaignrules", body)
    assert created["enabled"] is False
    enabled = api.update("campaignrules", {**created, "enabled": True})
    assert (enabled["enabled"], enabled["version"]) == (True, 2)


@pytest.mark.parametrize(
    "change",
    [
        {"name": "stop-at-95-percent"},
        {"matchAnyConditions": True},
        {
            "campaignRuleConditions": [
                {"conditionType": "campaignAgents", "parameters": {"operator": "lessThan", "value": "2"}}
            ]
        },
    ],
)
def test_an_enabled_rule_cannot_be_modified(
    api: Api, enabled_rule: dict[str, Any], change: dict[str, Any]
) -> None:
    response = api.put(f"{OUTBOUND}/campaignrules/{enabled_rule['id']}", {**enabled_rule, **change})
    assert (response.status_code, code_of(response)) == (400, "cannot.modify.enabled.campaign.rule")
    assert api.fetch("campaignrules", enabled_rule["id"])["version"] == enabled_rule["version"]


def test_modify_by_disabling_first(api: Api, enabled_rule: dict[str, Any]) -> None:
    disabled = api.update("campaignrules", {**enabled_rule, "enabled": False})
    renamed = api.update("campaignrules", {**disabled, "name": "stop-at-95-percent"})
    assert (renamed["name"], renamed["enabled"]) == ("stop-at-95-percent", False)


def test_disabling_and_renaming_in_one_put_is_a_modification(api: Api, enabled_rule: dict[str, Any]) -> None:
    response = api.put(
        f"{OUTBOUND}/campaignrules/{enabled_rule['id']}",
        {**enabled_rule, "enabled": False, "name": "renamed"},
    )
    assert code_of(response) == "cannot.modify.enabled.campaign.rule"


def test_an_enabled_rule_cannot_be_deleted(api: Api, enabled_rule: dict[str, Any]) -> None:
    path = f"{OUTBOUND}/campaignrules/{enabled_rule['id']}"
    refused = api.delete(path)
    assert (refused.status_code, code_of(refused)) == (400, "cannot.delete.enabled.campaign.rule")
    api.update("campaignrules", {**enabled_rule, "enabled": False})
    assert api.delete(path).status_code == 200


def test_enabled_is_required_on_update(api: Api, campaign_id: str) -> None:
    created = api.create("campaignrules", s.campaign_rule(campaign_id))
    body = {key: value for key, value in created.items() if key != "enabled"}
    response = api.put(f"{OUTBOUND}/campaignrules/{created['id']}", body)
    assert (response.status_code, code_of(response)) == (400, "invalid.update")


def test_a_rule_needs_conditions_and_actions(api: Api, campaign_id: str) -> None:
    no_conditions = api.post(
        f"{OUTBOUND}/campaignrules", {**s.campaign_rule(campaign_id), "campaignRuleConditions": []}
    )
    assert code_of(no_conditions) == "missing.campaign.rule.conditions"
    no_actions = api.post(
        f"{OUTBOUND}/campaignrules", {**s.campaign_rule(campaign_id), "campaignRuleActions": []}
    )
    assert code_of(no_actions) == "missing.campaign.rule.actions"


def test_action_entities_are_references_too(api: Api, campaign_id: str) -> None:
    body = s.campaign_rule(campaign_id)
    body["campaignRuleActions"][0]["campaignRuleActionEntities"]["sequences"] = [s.ref(s.MISSING)]
    response = api.post(f"{OUTBOUND}/campaignrules", body)
    assert (response.status_code, code_of(response)) == (400, "campaign.sequence.not.found")
