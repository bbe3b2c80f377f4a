"""Campaigns (v33.0 flat bodies), campaign skills and the outbound-route and script lookups, through HTTP."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from tests.emulator.cxone.conftest import V30, V33, create_skill, error_of, pc_skill

Headers = dict[str, str]


def _create(client: TestClient, ch: Headers, name: str, **extra: Any) -> int:
    response = client.post(f"{V33}/campaigns", json={"name": name, **extra}, headers=ch)
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"id"}
    campaign_id: int = response.json()["id"]
    return campaign_id


def test_empty_campaign_list_is_204(client: TestClient, ch: Headers) -> None:
    assert client.get(f"{V33}/campaigns", headers=ch).status_code == 204


def test_create_get_and_list(client: TestClient, ch: Headers) -> None:
    campaign_id = _create(client, ch, "retention", description="d", notes="n", divisionId=7)
    got = client.get(f"{V33}/campaigns/{campaign_id}", headers=ch).json()
    assert set(got) == {"id", "name", "description", "notes", "isActive", "divisionId", "lastUpdateTime"}
    assert (got["name"], got["description"], got["notes"], got["isActive"], got["divisionId"]) == (
        "retention",
        "d",
        "n",
        True,
        7,
    )
    _create(client, ch, "collections", isActive=False)
    listed = client.get(f"{V33}/campaigns", headers=ch).json()
    assert listed["totalRecords"] == 2
    assert [c["name"] for c in listed["campaigns"]] == ["retention", "collections"]
    assert "_links" in listed and "businessUnitId" in listed
    active = client.get(f"{V33}/campaigns", params={"isActive": "true"}, headers=ch).json()
    assert [c["name"] for c in active["campaigns"]] == ["retention"]
    searched = client.get(f"{V33}/campaigns", params={"searchString": "COLL"}, headers=ch).json()
    assert [c["name"] for c in searched["campaigns"]] == ["collections"]


def test_flat_body_before_v33_answers_500(client: TestClient, ch: Headers) -> None:
    response = client.post(f"{V30}/campaigns", json={"name": "retention"}, headers=ch)
    assert error_of(response) == (500, "InternalServerError")
    assert client.get(f"{V33}/campaigns", headers=ch).status_code == 204
    campaign_id = _create(client, ch, "retention")
    response = client.put(f"{V30}/campaigns/{campaign_id}", json={"name": "retention"}, headers=ch)
    assert error_of(response) == (500, "InternalServerError")
    assert client.get(f"{V30}/campaigns/{campaign_id}", headers=ch).status_code == 200


def test_create_checks_name(client: TestClient, ch: Headers) -> None:
    _create(client, ch, "retention")
    assert error_of(client.post(f"{V33}/campaigns", json={"name": "Retention"}, headers=ch)) == (
        409,
        "Conflict",
    )
    assert error_of(client.post(f"{V33}/campaigns", json={"notes": "x"}, headers=ch)) == (
        400,
        "InvalidParameter",
    )
    bad = client.post(f"{V33}/campaigns", json={"name": "x", "isActive": "yes"}, headers=ch)
    assert error_of(bad) == (400, "InvalidParameter")


def test_put_needs_name_and_keeps_omitted_fields(client: TestClient, ch: Headers, clock: ManualClock) -> None:
    campaign_id = _create(client, ch, "retention", notes="keep me")
    before = client.get(f"{V33}/campaigns/{campaign_id}", headers=ch).json()
    clock.advance(30)
    response = client.put(f"{V33}/campaigns/{campaign_id}", json={"description": "only"}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    body = {"name": "retention", "description": "new"}
    response = client.put(f"{V33}/campaigns/{campaign_id}", json=body, headers=ch)
    assert response.status_code == 200
    got = client.get(f"{V33}/campaigns/{campaign_id}", headers=ch).json()
    assert (got["description"], got["notes"]) == ("new", "keep me")
    assert got["lastUpdateTime"] > before["lastUpdateTime"]
    assert error_of(client.put(f"{V33}/campaigns/98765", json=body, headers=ch)) == (404, "NotFound")


def test_assigning_skills_sets_their_campaign_and_answers_the_v33_shape(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    home, target = seeded["collections"], _create(client, ch, "retention")
    first = create_skill(client, ch, pc_skill("first", home))
    second = create_skill(client, ch, pc_skill("second", home))
    skills_url = f"{V33}/campaigns/{target}/skills"
    assert client.get(skills_url, headers=ch).status_code == 204
    body = {"skills": [first, {"skillId": second}, 4242]}
    response = client.post(skills_url, json=body, headers=ch)
    assert response.status_code == 200
    assert response.json() == {"assignedSkills": [first, second], "invalidSkills": [4242]}
    skill = client.get(f"{V30}/skills/{first}", headers=ch).json()
    assert (skill["campaignId"], skill["campaignName"]) == (target, "retention")
    listed = client.get(skills_url, headers=ch).json()
    assert listed["skills"][0] == {
        "mediaType": 4,
        "mediaName": "Phone Call",
        "skillId": first,
        "skillName": "first",
    }
    assert [s["skillId"] for s in listed["skills"]] == [first, second]
    assert client.get(f"{skills_url}/unassigned", headers=ch).status_code == 204
    home_unassigned = client.get(f"{V33}/campaigns/{home}/skills/unassigned", headers=ch).json()["skills"]
    assert [s["skillId"] for s in home_unassigned] == [first, second]


def test_assign_before_v33_answers_per_skill_results_with_206_on_partial_success(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    first = create_skill(client, ch, pc_skill("first", seeded["collections"]))
    url = f"{V30}/campaigns/{seeded['retention-reporting']}/skills"
    response = client.post(url, json={"skills": [{"skillId": first}, {"skillId": 4242}]}, headers=ch)
    assert response.status_code == 206
    assert response.json()["errorCount"] == 1
    assert [r["success"] for r in response.json()["results"]] == [True, False]


def test_removing_a_skill_is_a_transfer_and_never_leaves_it_without_a_campaign(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    home, other = seeded["collections"], seeded["retention-reporting"]
    first = create_skill(client, ch, pc_skill("first", home))
    url = f"{V33}/campaigns/{home}/skills"
    for item in ({"skillId": first}, {"skillId": first, "transferCampaignId": home}):
        response = client.request("DELETE", url, json={"skills": [item]}, headers=ch)
        assert response.json()["errorCount"] == 1
        assert "always belongs to a campaign" in response.json()["results"][0]["error"]
    assert client.get(f"{V30}/skills/{first}", headers=ch).json()["campaignId"] == home
    body = {"skills": [{"skillId": first, "transferCampaignId": other}]}
    response = client.request("DELETE", url, json=body, headers=ch)
    assert response.status_code == 200
    assert response.json() == {
        "errorCount": 0,
        "results": [{"skillId": first, "transferCampaignId": other, "success": True}],
    }
    assert client.get(f"{V30}/skills/{first}", headers=ch).json()["campaignId"] == other


def test_a_campaign_with_active_skills_cannot_be_made_inactive(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    home, other = seeded["collections"], seeded["retention-reporting"]
    first = create_skill(client, ch, pc_skill("first", home))
    body = {"name": "collections", "isActive": False}
    response = client.put(f"{V33}/campaigns/{home}", json=body, headers=ch)
    assert error_of(response) == (409, "Conflict")
    assert "Cannot make a Campaign with active skills inactive" in response.json()["errorDescription"]
    transfer = {"skills": [{"skillId": first, "transferCampaignId": other}]}
    client.request("DELETE", f"{V33}/campaigns/{home}/skills", json=transfer, headers=ch)
    assert client.put(f"{V33}/campaigns/{home}", json=body, headers=ch).status_code == 200
    back = client.post(f"{V33}/campaigns/{home}/skills", json={"skills": [first]}, headers=ch).json()
    assert back == {"assignedSkills": [], "invalidSkills": [first]}  # active skills need an active campaign


def test_add_all_and_skill_put_move_skills(client: TestClient, ch: Headers, seeded: dict[str, int]) -> None:
    home, target = seeded["collections"], seeded["retention-reporting"]
    first = create_skill(client, ch, pc_skill("first", home))
    second = create_skill(client, ch, pc_skill("second", home))
    client.post(f"{V33}/campaigns/{target}/skills", json={"addAll": True}, headers=ch)
    assert client.get(f"{V33}/campaigns/{home}/skills", headers=ch).status_code == 204
    client.put(f"{V30}/skills/{first}", json={"skill": {"campaignId": home}}, headers=ch)
    home_skills = client.get(f"{V33}/campaigns/{home}/skills", headers=ch).json()["skills"]
    assert [s["skillId"] for s in home_skills] == [first]
    target_skills = client.get(f"{V33}/campaigns/{target}/skills", headers=ch).json()["skills"]
    assert [s["skillId"] for s in target_skills] == [second]


def test_campaign_skills_body_is_checked(client: TestClient, ch: Headers, seeded: dict[str, int]) -> None:
    url = f"{V33}/campaigns/{seeded['collections']}/skills"
    assert error_of(client.post(url, json={"skills": []}, headers=ch)) == (400, "InvalidParameter")
    assert error_of(client.post(url, json={"addAll": "yes"}, headers=ch)) == (400, "InvalidParameter")
    missing = client.post(f"{V33}/campaigns/5555/skills", json={"skills": [1]}, headers=ch)
    assert error_of(missing) == (404, "NotFound")


def test_outbound_routes_are_a_read_only_lookup(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    routes = client.get(f"{V30}/business-unit/outbound-routes", headers=ch).json()["outboundRoutes"]
    assert [r["routeDescription"] for r in routes] == ["US Outbound Primary", "US Outbound Backup"]
    assert routes[0]["outboundTelecomRouteId"] == seeded["US Outbound Primary"]


def test_empty_lookups_are_204(client: TestClient, ch: Headers) -> None:
    assert client.get(f"{V30}/business-unit/outbound-routes", headers=ch).status_code == 204
    assert client.get(f"{V30}/scripts/search", headers=ch).status_code == 204
