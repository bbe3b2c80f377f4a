"""Fields set at creation only (issue #21): a campaign's dynamic queueing settings, a DNC list's source type
and a custom one's exclusion column, the objects a campaign rule watches; a PUT that changes one is refused and changes nothing, one that keeps it is accepted."""

from __future__ import annotations

from typing import Any

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


def _refused(api: Api, collection: str, created: dict[str, Any], field: str, value: Any) -> None:
    response = api.put(f"{OUTBOUND}/{collection}/{created['id']}", {**created, field: value})
    assert (response.status_code, code_of(response)) == (400, "invalid.update")
    assert response.json()["details"][0]["fieldName"] == field
    assert api.fetch(collection, created["id"])[field] == created[field]


def test_a_campaigns_dynamic_queueing_settings_cannot_change(api: Api) -> None:
    listed = api.create("contactlists", s.contact_list())
    sorted_ = {"sort": True, "filter": False}
    created = api.create("campaigns", s.campaign(listed["id"], dynamicContactQueueingSettings=sorted_))
    _refused(api, "campaigns", created, "dynamicContactQueueingSettings", {"sort": False, "filter": False})
    _refused(api, "campaigns", created, "dynamicContactQueueingSettings", {"sort": True, "filter": True})
    kept = api.update("campaigns", {**created, "priority": 5})
    assert kept["dynamicContactQueueingSettings"] == sorted_ and kept["priority"] == 5


def test_a_custom_dnc_lists_exclusion_column_cannot_change(api: Api) -> None:
    custom = s.dnc_list("custom-dnc", dncSourceType="rds_custom", customExclusionColumn="DoNotCall")
    created = api.create("dnclists", custom)
    _refused(api, "dnclists", created, "customExclusionColumn", "OptedOut")
    renamed = api.update("dnclists", {**created, "name": "custom-dnc-2"})
    assert renamed["customExclusionColumn"] == "DoNotCall"


def test_a_dnc_lists_source_type_cannot_change(api: Api) -> None:
    created = api.create("dnclists", s.dnc_list("typed-dnc"))
    _refused(api, "dnclists", created, "dncSourceType", "rds_custom")


def test_the_objects_a_campaign_rule_watches_cannot_change(api: Api) -> None:
    listed = api.create("contactlists", s.contact_list())
    first = api.create("campaigns", s.campaign(listed["id"]))
    second = api.create("campaigns", s.campaign(listed["id"], name="win-back"))
    created = api.create("campaignrules", s.campaign_rule(first["id"]))
    watched = {"campaigns": [s.ref(first["id"]), s.ref(second["id"])]}
    _refused(api, "campaignrules", created, "campaignRuleEntities", watched)
    # The same campaigns named by id alone are no change: references compare by id.
    same = {"campaigns": [{"id": first["id"]}]}
    kept = api.update("campaignrules", {**created, "campaignRuleEntities": same, "matchAnyConditions": True})
    assert kept["matchAnyConditions"] is True
