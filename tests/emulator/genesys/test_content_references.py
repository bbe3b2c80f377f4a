"""Data actions and response templates: lookups at their real paths (responses listed per library), and the
references to them checked on write like every other reference: an unknown id, or a reference that carries
no id (`{"name": ...}`), is a 400 (issue #21)."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.seed_error import SeedError
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import Api, code_of, ref

ACTIONS = "/api/v2/integrations/actions"
RESPONSES = "/api/v2/responsemanagement/responses"


def test_data_actions_and_libraries_list_and_get_at_their_real_paths(api: Api) -> None:
    assert [entry["name"] for entry in api.get(ACTIONS, name="Look up*").json()["entities"]] == [
        "Look up account balance"
    ]
    assert api.get(f"{ACTIONS}/{s.DATA_ACTION}").json()["name"] == "Look up account balance"
    libraries = api.get("/api/v2/responsemanagement/libraries").json()["entities"]
    assert [(entry["id"], entry["name"]) for entry in libraries] == [(s.LIBRARY, "Renewals")]


def test_responses_are_listed_one_library_at_a_time(api: Api) -> None:
    unscoped = api.get(RESPONSES)
    assert (unscoped.status_code, code_of(unscoped)) == (400, "bad.request")
    assert "libraryId" in unscoped.json()["message"]
    listed = api.get(RESPONSES, libraryId=s.LIBRARY).json()["entities"]
    assert [entry["id"] for entry in listed] == [s.RESPONSE]
    assert api.get(RESPONSES, libraryId=s.MISSING).json()["total"] == 0
    assert api.get(f"{RESPONSES}/{s.RESPONSE}").json()["name"] == "Renewal reminder"


def test_a_seeded_response_must_belong_to_a_seeded_library(org: Emulator) -> None:
    with pytest.raises(SeedError, match="must name seeded libraries"):
        apply_seed(org, {"lookups": {"responses": [{"name": "Orphan", "libraries": [{"id": s.MISSING}]}]}})
    with pytest.raises(SeedError, match="must name seeded libraries"):
        apply_seed(org, {"lookups": {"responses": [{"name": "Nowhere"}]}})


def _data_action_rule_set(data_action: dict[str, Any]) -> dict[str, Any]:
    body = s.rule_set("balance-lookup")
    body["rules"][0]["actions"] = [
        {"type": "dataActionBehavior", "actionTypeName": "DATA_ACTION", "dataAction": data_action}
    ]
    return body


@pytest.mark.parametrize(
    ("data_action", "message"),
    [(ref(s.MISSING), "could not be found"), ({"name": "Look up account balance"}, "carries no id")],
    ids=["unknown id", "name only"],
)
def test_a_rule_set_naming_a_data_action_needs_the_id_of_one_that_exists(
    api: Api, data_action: dict[str, Any], message: str
) -> None:
    refused = api.post(f"{s.OUTBOUND}/rulesets", _data_action_rule_set(data_action))
    assert (refused.status_code, code_of(refused)) == (400, "data.action.not.found")
    assert message in refused.json()["message"]
    assert refused.json()["details"][0]["fieldName"] == "rules[].actions[].dataAction"
    assert api.get(f"{s.OUTBOUND}/rulesets").json()["total"] == 0
    created = api.create("rulesets", _data_action_rule_set(ref(s.DATA_ACTION)))
    assert created["rules"][0]["actions"][0]["dataAction"]["id"] == s.DATA_ACTION


@pytest.mark.parametrize(
    "template", [ref(s.MISSING), {"name": "Renewal reminder"}], ids=["unknown id", "name only"]
)
def test_a_campaign_rule_template_action_needs_an_existing_response(
    api: Api, template: dict[str, Any]
) -> None:
    made = s.full_org(api)
    body = s.campaign_rule(made["campaigns"]["id"], name="switch-template")
    body["campaignRuleActions"] = [
        {
            "actionType": "changeCampaignTemplate",
            "parameters": {"smsContentTemplate": template},
            "campaignRuleActionEntities": {"useTriggeringEntity": True},
        }
    ]
    refused = api.post(f"{s.OUTBOUND}/campaignrules", body)
    assert (refused.status_code, code_of(refused)) == (400, "response.not.found")
    body["campaignRuleActions"][0]["parameters"]["smsContentTemplate"] = ref(s.RESPONSE)
    created = api.create("campaignrules", body)
    assert created["campaignRuleActions"][0]["parameters"]["smsContentTemplate"]["id"] == s.RESPONSE


def test_a_messaging_campaign_template_and_a_digital_rule_ids_must_exist(api: Api) -> None:
    made = s.full_org(api)
    body = s.sms_campaign(made["contactlists"]["id"], name="templated-texts")
    body["smsConfig"]["contentTemplate"] = {"name": "Renewal reminder"}
    refused = api.post(f"{s.OUTBOUND}/messagingcampaigns", body)
    assert (refused.status_code, code_of(refused)) == (400, "response.not.found")
    body["smsConfig"]["contentTemplate"] = ref(s.RESPONSE)
    api.create("messagingcampaigns", body)

    rules = s.digital_rule_set("balance-gate")
    settings = {"dataActionId": s.MISSING, "dataNotFoundResolution": True}
    rules["rules"][0]["conditions"] = [{"dataActionConditionSettings": settings}]
    refused = api.post(f"{s.OUTBOUND}/digitalrulesets", rules)
    assert (refused.status_code, code_of(refused)) == (400, "data.action.not.found")
    settings["dataActionId"] = s.DATA_ACTION
    api.create("digitalrulesets", rules)
