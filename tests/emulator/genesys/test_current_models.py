"""Bodies follow the current published models (SDK 269.0.0 data): ISO-8601 `forDuration` strings, fields
added since SDK 257 stored and answered, new enum values accepted, and phone columns without `type`."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.core import Emulator
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


@pytest.fixture
def campaign_id(api: Api) -> str:
    list_id = api.create("contactlists", s.contact_list())["id"]
    return str(api.create("campaigns", s.campaign(list_id))["id"])


def test_a_rule_condition_lasting_for_an_iso_duration_is_created_and_read_back(
    api: Api, campaign_id: str
) -> None:
    body = s.campaign_rule(campaign_id)
    condition = {
        "conditionType": "campaignProgress",
        "parameters": {"operator": "greaterThan", "value": "0.9", "forDuration": "PT15M"},
    }
    created = api.create("campaignrules", {**body, "campaignRuleConditions": [condition]})
    read = api.fetch("campaignrules", created["id"])
    assert read["campaignRuleConditions"][0]["parameters"]["forDuration"] == "PT15M"


def test_a_duration_object_is_not_a_for_duration(api: Api, campaign_id: str) -> None:
    condition = {
        "conditionType": "campaignProgress",
        "parameters": {"operator": "greaterThan", "value": "0.9", "forDuration": {"seconds": 900}},
    }
    body = {**s.campaign_rule(campaign_id), "campaignRuleConditions": [condition]}
    response = api.post(f"{OUTBOUND}/campaignrules", body)
    assert (response.status_code, code_of(response)) == (400, "invalid.value")
    assert response.json()["details"][0]["fieldName"] == "campaignRuleConditions[0].parameters.forDuration"


def test_a_rule_may_set_a_campaign_reservation(api: Api, campaign_id: str) -> None:
    action = {
        "actionType": "setCampaignReservation",
        "campaignRuleActionEntities": {"campaigns": [s.ref(campaign_id)], "useTriggeringEntity": False},
    }
    created = api.create("campaignrules", {**s.campaign_rule(campaign_id), "campaignRuleActions": [action]})
    assert api.fetch("campaignrules", created["id"])["campaignRuleActions"][0]["actionType"] == (
        "setCampaignReservation"
    )


def test_a_contact_list_column_may_hold_date_times(api: Api) -> None:
    types = [{"columnName": "LastContacted", "columnDataType": "DATETIME"}]
    body = s.contact_list(columnNames=["AccountId", "CellPhone", "LastContacted"])
    body["phoneColumns"] = [{"columnName": "CellPhone", "type": "cell"}]
    created = api.create("contactlists", {**body, "columnDataTypeSpecifications": types})
    assert api.fetch("contactlists", created["id"])["columnDataTypeSpecifications"] == types


def test_contact_list_retention_time_zone_and_callable_time_column_name_are_kept(api: Api) -> None:
    body = s.contact_list(retentionType="RetentionDays", retentionDays=30, timeZone="America/Chicago")
    body["phoneColumns"][0] = {
        "columnName": "CellPhone",
        "type": "cell",
        "callableTimeColumnName": "TimeZone",
    }
    created = api.create("contactlists", body)
    read = api.fetch("contactlists", created["id"])
    assert (read["retentionType"], read["retentionDays"], read["timeZone"]) == (
        "RetentionDays",
        30,
        "America/Chicago",
    )
    assert read["phoneColumns"][0]["callableTimeColumnName"] == "TimeZone"


def test_precise_dialing_is_stored_and_read_back(api: Api) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    created = api.create("campaigns", s.campaign(list_id, preciseDialingEnabled=True))
    assert api.fetch("campaigns", created["id"])["preciseDialingEnabled"] is True
    updated = api.update("campaigns", {**created, "preciseDialingEnabled": False})
    assert api.fetch("campaigns", updated["id"])["preciseDialingEnabled"] is False


def test_settings_retention_defaults_and_time_zone_are_read_back(api: Api, org: Emulator) -> None:
    org.settings.settings_apply_seconds = 0
    current = api.get(f"{OUTBOUND}/settings").json()
    change = {
        "contactListDefaultRetentionType": "RetentionDays",
        "contactListDefaultRetentionDays": 90,
        "timeZone": "Europe/London",
    }
    response = api.patch(f"{OUTBOUND}/settings", {"version": current["version"], **change})
    assert response.status_code == 204, response.text
    after = api.get(f"{OUTBOUND}/settings").json()
    assert {key: after[key] for key in change} == change


def test_unknown_nested_properties_are_dropped_like_top_level_ones(api: Api) -> None:
    body = s.callable_time_set()
    body["callableTimes"][0]["timeSlots"][0]["colour"] = "green"
    created = api.create("callabletimesets", {**body, "colour": "green"})
    read = api.fetch("callabletimesets", created["id"])
    assert "colour" not in read and "colour" not in read["callableTimes"][0]["timeSlots"][0]


def test_a_campaign_phone_column_may_leave_out_its_type(api: Api) -> None:
    """What the Terraform provider sends (D11): `columnName` only."""
    list_id = api.create("contactlists", s.contact_list())["id"]
    created = api.create("campaigns", s.campaign(list_id, phoneColumns=[{"columnName": "CellPhone"}]))
    assert api.fetch("campaigns", created["id"])["phoneColumns"] == [{"columnName": "CellPhone"}]


def test_a_value_outside_a_new_enum_is_still_refused(api: Api) -> None:
    body: dict[str, Any] = s.contact_list()
    body["columnDataTypeSpecifications"] = [{"columnName": "AccountId", "columnDataType": "MONEY"}]
    response = api.post(f"{OUTBOUND}/contactlists", body)
    assert (response.status_code, code_of(response)) == (400, "invalid.value")
    assert "DATETIME" in response.json()["message"]
