"""/skills through HTTP: listing and paging, batch create, the {"skill": ...} PUT, last writer wins."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from tests.emulator.cxone.conftest import V30, V33, create_skill, error_of, pc_skill, skill_ids

Headers = dict[str, str]


def test_empty_skill_list_is_204_without_body(client: TestClient, ch: Headers) -> None:
    response = client.get(f"{V30}/skills", headers=ch)
    assert response.status_code == 204
    assert response.content == b""


def test_requests_need_a_cxone_token(client: TestClient) -> None:
    response = client.get(f"{V30}/skills")
    assert response.status_code == 401
    assert set(response.json()) == {"error", "errorDescription"}


@pytest.mark.parametrize("version", ["v2.0", "v23.0", "v30.0", "v33.0"])
def test_any_version_segment_serves_skills(
    client: TestClient, ch: Headers, skill_id: int, version: str
) -> None:
    response = client.get(f"/inContactAPI/services/{version}/skills/{skill_id}", headers=ch)
    assert response.status_code == 200
    assert response.json()["skillName"] == "renewals-pc"


def test_unknown_version_segment_is_404(client: TestClient, ch: Headers, skill_id: int) -> None:
    response = client.get(f"/inContactAPI/services/latest/skills/{skill_id}", headers=ch)
    assert error_of(response) == (404, "NotFound")


def test_batch_create_returns_200_with_per_item_results(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    campaign = seeded["retention-reporting"]
    body = {
        "skills": [
            pc_skill("renewals-pc", campaign, scriptId=seeded["PC Renewals Outbound"]),
            pc_skill("RENEWALS-PC", campaign),  # names are unique regardless of case
            {"mediaTypeId": 4},  # no skillName
            pc_skill("no-campaign", campaign) | {"campaignId": None},
            pc_skill("bad-script", campaign, scriptId=999_999),
            pc_skill("bad-type", campaign, initialPriority="high"),
            pc_skill("bad-strategy", campaign, outboundStrategy="Predictive"),
            {"skillName": "bad-media", "mediaTypeId": 42},
            {"skillName": "inbound-chat", "mediaTypeId": 3},
        ]
    }
    response = client.post(f"{V30}/skills", json=body, headers=ch)
    assert response.status_code == 200
    result = response.json()
    assert set(result) == {"errorCount", "skillsResults"}
    outcomes = [item["success"] for item in result["skillsResults"]]
    assert outcomes == [True, False, False, False, False, False, False, False, True]
    assert result["errorCount"] == 7
    errors = [item.get("error", "") for item in result["skillsResults"]]
    assert "already exists" in errors[1]
    assert "skillName" in errors[2]
    assert "campaignId" in errors[3]
    assert "scriptId" in errors[4]
    assert "initialPriority" in errors[5]
    assert "outboundStrategy" in errors[6]
    assert "mediaTypeId" in errors[7]
    assert all("skillId" not in item for item in result["skillsResults"])  # CX-S2: no id in the answer
    names = [item["skillName"] for item, ok in zip(body["skills"], outcomes, strict=True) if ok]
    created = [skill_ids(client, ch)[name] for name in names]
    listed = client.get(f"{V30}/skills", headers=ch).json()
    assert [skill["skillId"] for skill in listed["skills"]] == created


def test_batch_create_needs_the_skills_wrapper(client: TestClient, ch: Headers) -> None:
    response = client.post(f"{V30}/skills", json={"skillName": "flat"}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    response = client.post(f"{V30}/skills", content=b"{not json", headers=ch)
    assert error_of(response) == (400, "InvalidParameter")


def test_duplicate_names_within_one_batch_fail_alone(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    campaign = seeded["collections"]
    body = {"skills": [pc_skill("twin", campaign), pc_skill("twin", campaign)]}
    results = client.post(f"{V30}/skills", json=body, headers=ch).json()["skillsResults"]
    assert [item["success"] for item in results] == [True, False]


def test_new_skill_is_created_not_running_with_referenced_names(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    skill = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert skill["isRunning"] is False
    assert skill["isActive"] is True
    assert skill["isOutbound"] is True
    assert skill["outboundStrategy"] == "Personal Connection"
    assert skill["campaignName"] == "retention-reporting"
    assert skill["mediaTypeName"] == "Phone Call"
    assert "version" not in skill
    assert skill["lastUpdateTime"].endswith("Z")


def test_get_missing_or_malformed_skill_id_is_404(client: TestClient, ch: Headers) -> None:
    assert error_of(client.get(f"{V30}/skills/424242", headers=ch)) == (404, "NotFound")
    assert error_of(client.get(f"{V30}/skills/not-a-number", headers=ch)) == (404, "NotFound")


def test_skills_cannot_be_deleted(client: TestClient, ch: Headers, skill_id: int) -> None:
    assert client.delete(f"{V30}/skills/{skill_id}", headers=ch).status_code == 405


def _many(client: TestClient, ch: Headers, campaign: int, count: int) -> list[int]:
    body = {"skills": [pc_skill(f"skill-{n:03d}", campaign) for n in range(count)]}
    client.post(f"{V30}/skills", json=body, headers=ch)
    ids = skill_ids(client, ch)
    return [ids[item["skillName"]] for item in body["skills"]]


def test_paging_defaults_to_50_caps_at_100_and_links_pages(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    ids = _many(client, ch, seeded["collections"], 120)
    first = client.get(f"{V30}/skills", headers=ch).json()
    assert first["totalRecords"] == 120
    assert [s["skillId"] for s in first["skills"]] == ids[:50]
    assert first["_links"]["previous"] is None
    assert first["_links"]["self"].startswith("http://emulator.test/inContactAPI/services/v30.0/skills")
    second = client.get(first["_links"]["next"], headers=ch).json()
    assert [s["skillId"] for s in second["skills"]] == ids[50:100]
    assert second["_links"]["previous"] is not None
    capped = client.get(f"{V30}/skills", params={"top": 500}, headers=ch).json()
    assert len(capped["skills"]) == 100
    last = client.get(f"{V30}/skills", params={"skip": 100, "top": 100}, headers=ch).json()
    assert [s["skillId"] for s in last["skills"]] == ids[100:]
    assert last["_links"]["next"] is None
    past_the_end = client.get(f"{V30}/skills", params={"skip": 500}, headers=ch)
    assert past_the_end.status_code == 204
    bad = client.get(f"{V30}/skills", params={"top": "many"}, headers=ch)
    assert error_of(bad) == (400, "InvalidParameter")


def test_list_filters(client: TestClient, ch: Headers, seeded: dict[str, int]) -> None:
    campaign = seeded["collections"]
    body = {
        "skills": [
            pc_skill("renewals-pc", campaign),
            pc_skill("renewals-manual", campaign, outboundStrategy="Manual"),
            {"skillName": "renewals-chat", "mediaTypeId": 3},
        ]
    }
    client.post(f"{V30}/skills", json=body, headers=ch)
    ids = [skill_ids(client, ch)[item["skillName"]] for item in body["skills"]]
    client.put(f"{V30}/skills/{ids[1]}", json={"skill": {"isActive": False}}, headers=ch)

    def names(**params: object) -> list[str]:
        response = client.get(f"{V30}/skills", params=params, headers=ch)
        return [] if response.status_code == 204 else [s["skillName"] for s in response.json()["skills"]]

    assert names(mediaTypeId=4) == ["renewals-pc", "renewals-manual"]
    assert names(outboundStrategy="Personal Connection") == ["renewals-pc"]
    assert names(isActive="false") == ["renewals-manual"]
    assert names(searchString="CHAT") == ["renewals-chat"]
    assert names(searchString="nothing-like-it") == []
    assert names(updatedSince="2100-01-01T00:00:00Z") == []


def test_put_needs_the_skill_wrapper(client: TestClient, ch: Headers, skill_id: int) -> None:
    response = client.put(f"{V30}/skills/{skill_id}", json={"notes": "flat"}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    response = client.put(f"{V30}/skills/{skill_id}", json={"skill": ["notes"]}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")


def test_put_is_a_partial_update(
    client: TestClient, ch: Headers, skill_id: int, seeded: dict[str, int]
) -> None:
    first = {"notes": "first", "initialPriority": 5, "scriptId": seeded["PC Renewals Outbound"]}
    response = client.put(f"{V30}/skills/{skill_id}", json={"skill": first}, headers=ch)
    assert response.status_code == 200
    assert response.json() == {"success": True, "skillId": skill_id}
    client.put(f"{V30}/skills/{skill_id}", json={"skill": {"maxPriority": 50}}, headers=ch)
    skill = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert (skill["notes"], skill["initialPriority"], skill["maxPriority"]) == ("first", 5, 50)
    assert skill["scriptName"] == "PC Renewals Outbound"


def test_put_refuses_fields_the_put_schema_lacks(client: TestClient, ch: Headers, skill_id: int) -> None:
    """CX-S5: putSkillRequest has additionalProperties false; GET-only fields are refused, not ignored."""
    for extra in ({"isRunning": True}, {"mediaTypeName": "Email"}, {"stateNameACW": "x"}, {"noSuchField": 1}):
        body = {"skill": {"notes": "not kept", **extra}}
        response = client.put(f"{V30}/skills/{skill_id}", json=body, headers=ch)
        assert error_of(response) == (400, "InvalidParameter"), extra
        assert "Invalid UnauthorizedParameter" in response.json()["errorDescription"]
    assert client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["notes"] != "not kept"
    assert (
        client.put(f"{V30}/skills/{skill_id}", json={"skill": {"notes": "kept"}}, headers=ch).status_code
        == 200
    )
    assert client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["notes"] == "kept"


def test_put_takes_screen_pop_trigger_event_as_an_integer_only(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}"
    response = client.put(url, json={"skill": {"screenPopTriggerEvent": "OnRouted"}}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    assert "Expected Integer, Null but got String" in response.json()["errorDescription"]
    assert client.put(url, json={"skill": {"screenPopTriggerEvent": 1}}, headers=ch).status_code == 200


def test_skill_names_are_at_most_30_characters_from_the_documented_set(
    client: TestClient, ch: Headers, skill_id: int, seeded: dict[str, int]
) -> None:
    """CX-S3: skillName maxLength 30, pattern letters, digits, space and -_.()^."""
    url = f"{V30}/skills/{skill_id}"
    for bad in ("x" * 31, "sales & service", "name/with/slash"):
        assert error_of(client.put(url, json={"skill": {"skillName": bad}}, headers=ch)) == (
            400,
            "InvalidParameter",
        ), bad
        created = client.post(
            f"{V30}/skills", json={"skills": [pc_skill(bad, seeded["collections"])]}, headers=ch
        )
        assert created.json()["skillsResults"][0]["success"] is False
    assert (
        client.put(url, json={"skill": {"skillName": "Ok-name_1.(a)^ b" + "x" * 14}}, headers=ch).status_code
        == 200
    )


def test_a_running_skill_cannot_be_updated(client: TestClient, ch: Headers, skill_id: int) -> None:
    """CX-S4: PUT /skills/{id} answers 409 while the skill runs; stopped, the same PUT passes."""
    url = f"{V30}/skills/{skill_id}"
    assert client.post(f"{url}/start", headers=ch).status_code == 202
    response = client.put(url, json={"skill": {"notes": "edited"}}, headers=ch)
    assert error_of(response) == (409, "Conflict")
    assert "Cannot update a running skill" in response.json()["errorDescription"]
    assert client.post(f"{url}/stop", headers=ch).status_code == 202
    assert client.put(url, json={"skill": {"notes": "edited"}}, headers=ch).status_code == 200


def test_put_validates_types_references_and_ranges(client: TestClient, ch: Headers, skill_id: int) -> None:
    for bad in (
        {"priorityBlending": "yes"},
        {"campaignId": 999_999},
        {"outboundTelecomRouteId": "US Outbound Primary"},
        {"serviceLevelGoal": 120},
        {"initialPriority": 10, "maxPriority": 5},
        {"skillName": "  "},
    ):
        response = client.put(f"{V30}/skills/{skill_id}", json={"skill": bad}, headers=ch)
        assert error_of(response) == (400, "InvalidParameter"), bad


def test_put_with_a_taken_name_is_400_skill_name_in_use(
    client: TestClient, ch: Headers, skill_id: int, seeded: dict[str, int]
) -> None:
    create_skill(client, ch, pc_skill("other", seeded["collections"]))
    response = client.put(f"{V30}/skills/{skill_id}", json={"skill": {"skillName": "Other"}}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    assert response.json()["errorDescription"] == "Skill name in use"
    renamed = client.put(f"{V30}/skills/{skill_id}", json={"skill": {"skillName": "renamed"}}, headers=ch)
    assert renamed.status_code == 200


def test_put_of_a_missing_skill_is_404(client: TestClient, ch: Headers) -> None:
    response = client.put(f"{V30}/skills/999999", json={"skill": {"notes": "x"}}, headers=ch)
    assert error_of(response) == (404, "NotFound")


def test_last_writer_wins_without_versions(
    client: TestClient, ch: Headers, skill_id: int, clock: ManualClock
) -> None:
    """Two admins read the same skill, both write: no version, no 409, the second write stands."""
    before = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    clock.advance(5)
    a = client.put(f"{V30}/skills/{skill_id}", json={"skill": {"notes": "admin A"}}, headers=ch)
    clock.advance(5)
    b = client.put(f"{V33}/skills/{skill_id}", json={"skill": {"notes": "admin B"}}, headers=ch)
    assert (a.status_code, b.status_code) == (200, 200)
    after = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert after["notes"] == "admin B"
    assert after["lastUpdateTime"] > before["lastUpdateTime"]


def test_start_and_stop_change_running_state_only(client: TestClient, ch: Headers, skill_id: int) -> None:
    before = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert client.post(f"{V30}/skills/{skill_id}/start", headers=ch).status_code == 202
    running = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert running["isRunning"] is True
    assert running["lastUpdateTime"] == before["lastUpdateTime"]
    assert (
        client.post(f"{V30}/skills/{skill_id}/stop", params={"force": "true"}, headers=ch).status_code == 202
    )
    assert client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["isRunning"] is False


def test_a_stopped_skill_deactivates_and_inactive_skills_do_not_start(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    client.post(f"{V30}/skills/{skill_id}/start", headers=ch)
    refused = client.put(f"{V30}/skills/{skill_id}", json={"skill": {"isActive": False}}, headers=ch)
    assert error_of(refused) == (409, "Conflict")
    client.post(f"{V30}/skills/{skill_id}/stop", headers=ch)
    client.put(f"{V30}/skills/{skill_id}", json={"skill": {"isActive": False}}, headers=ch)
    skill = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert (skill["isActive"], skill["isRunning"]) == (False, False)
    assert error_of(client.post(f"{V30}/skills/{skill_id}/start", headers=ch)) == (400, "InvalidParameter")


def test_only_personal_connection_skills_start(client: TestClient, ch: Headers) -> None:
    chat = create_skill(client, ch, {"skillName": "chat", "mediaTypeId": 3})
    assert error_of(client.post(f"{V30}/skills/{chat}/start", headers=ch)) == (400, "InvalidParameter")
    assert error_of(client.post(f"{V30}/skills/31337/start", headers=ch)) == (404, "NotFound")
