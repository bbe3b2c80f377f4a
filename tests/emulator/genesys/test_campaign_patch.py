"""PATCH /outbound/campaigns/{id} (D16): a CampaignPatchRequest changes pacing fields, running or not, with
no version; 204 and no body; the same checks as a PUT and a new version."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


@pytest.fixture
def created(api: Api) -> dict[str, Any]:
    list_id = api.create("contactlists", s.contact_list())["id"]
    body = s.campaign(list_id, dynamicLineBalancingSettings={"enabled": True, "relativeWeight": 10})
    return api.create("campaigns", body)


def _patch(api: Api, campaign_id: str, body: Any) -> Any:
    return api.patch(f"{OUTBOUND}/campaigns/{campaign_id}", body)


def test_a_patch_changes_the_fields_it_names_and_answers_204(api: Api, created: dict[str, Any]) -> None:
    response = _patch(api, created["id"], {"outboundLineCount": 25, "abandonRate": 2.5})
    assert (response.status_code, response.content) == (204, b"")
    after = api.fetch("campaigns", created["id"])
    assert (after["outboundLineCount"], after["abandonRate"]) == (25, 2.5)
    assert after["version"] == created["version"] + 1
    changed = ("outboundLineCount", "abandonRate", "version", "dateModified")
    assert {k: v for k, v in after.items() if k not in changed} == {
        k: v for k, v in created.items() if k not in changed
    }


def test_a_patch_needs_no_version_and_works_on_a_running_campaign(api: Api, created: dict[str, Any]) -> None:
    running = api.update("campaigns", {**created, "campaignStatus": "on"})
    assert _patch(api, created["id"], {"outboundLineCount": 5}).status_code == 204
    after = api.fetch("campaigns", created["id"])
    assert (after["campaignStatus"], after["outboundLineCount"]) == ("on", 5)
    assert after["version"] == running["version"] + 1
    stale_put = api.put(f"{OUTBOUND}/campaigns/{created['id']}", running)  # the PATCH was a write
    assert (stale_put.status_code, code_of(stale_put)) == (409, "invalid.update.wrong.version")


def test_max_calls_per_agent_is_a_number(api: Api, created: dict[str, Any]) -> None:
    assert _patch(api, created["id"], {"maxCallsPerAgent": 2.5}).status_code == 204
    after = api.fetch("campaigns", created["id"])
    assert (after["maxCallsPerAgentDecimal"], after["maxCallsPerAgent"]) == (2.5, 2)


def test_line_balancing_changes_only_the_keys_sent(api: Api, created: dict[str, Any]) -> None:
    assert (
        _patch(api, created["id"], {"dynamicLineBalancingSettings": {"relativeWeight": 50}}).status_code
        == 204
    )
    after = api.fetch("campaigns", created["id"])
    assert after["dynamicLineBalancingSettings"] == {"enabled": True, "relativeWeight": 50}


def test_the_queue_can_change_and_must_exist(api: Api, created: dict[str, Any]) -> None:
    other = api.get("/api/v2/routing/queues", name="Collections").json()["entities"][0]["id"]
    assert _patch(api, created["id"], {"queue": s.ref(other)}).status_code == 204
    assert api.fetch("campaigns", created["id"])["queue"]["name"] == "Collections"
    missing = _patch(api, created["id"], {"queue": s.ref(s.MISSING)})
    assert (missing.status_code, code_of(missing)) == (400, "queue.not.found")
    assert api.fetch("campaigns", created["id"])["version"] == created["version"] + 1  # only the first


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outboundLineCount": "many"}, "outboundLineCount"),
        ({"abandonRate": True}, "abandonRate"),
        ({"dynamicLineBalancingSettings": {"enabled": "yes"}}, "dynamicLineBalancingSettings.enabled"),
    ],
)
def test_a_wrong_type_is_refused(api: Api, created: dict[str, Any], body: dict[str, Any], field: str) -> None:
    response = _patch(api, created["id"], body)
    assert (response.status_code, code_of(response)) == (400, "invalid.value")
    assert response.json()["details"][0]["fieldName"] == field
    assert api.fetch("campaigns", created["id"])["version"] == created["version"]


def test_fields_outside_the_patch_model_are_ignored(api: Api, created: dict[str, Any]) -> None:
    response = _patch(api, created["id"], {"campaignStatus": "on", "name": "renamed", "abandonRate": 4})
    assert response.status_code == 204
    after = api.fetch("campaigns", created["id"])
    assert (after["campaignStatus"], after["name"], after["abandonRate"]) == ("off", created["name"], 4)


def test_a_patch_runs_the_put_checks(api: Api, created: dict[str, Any]) -> None:
    response = _patch(api, created["id"], {"queue": s.ref(s.MISSING)})
    assert (response.status_code, code_of(response)) == (400, "queue.not.found")
    assert api.fetch("campaigns", created["id"])["version"] == created["version"]


@pytest.mark.parametrize("body", [[{"abandonRate": 4}], "abandonRate"])
def test_a_body_that_is_not_an_object_is_refused(api: Api, created: dict[str, Any], body: Any) -> None:
    response = _patch(api, created["id"], body)
    assert (response.status_code, code_of(response)) == (400, "bad.request")


def test_an_unknown_campaign_is_404(api: Api) -> None:
    response = _patch(api, s.MISSING, {"abandonRate": 4})
    assert (response.status_code, code_of(response)) == (404, "not.found")
    assert response.json()["message"] == "The dialer campaign was not found."
