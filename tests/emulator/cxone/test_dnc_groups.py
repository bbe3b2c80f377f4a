"""DNC groups through HTTP: query-parameter PUT, scrubbed vs contributing skills, records, expiry by DELETE."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.store import seed_cxone
from tests.emulator.conftest import cxone_headers
from tests.emulator.cxone.conftest import V30, create_skill, error_of, pc_skill

Headers = dict[str, str]
GROUPS = f"{V30}/dnc-groups"


def _create(client: TestClient, ch: Headers, name: str = "retention-internal-dnc", **extra: Any) -> int:
    response = client.post(GROUPS, json={"dncGroupName": name, **extra}, headers=ch)
    assert response.status_code == 200, response.text
    group_id: int = response.json()["dncGroups"][0]["dncGroupId"]
    return group_id


def test_empty_group_list_is_204(client: TestClient, ch: Headers) -> None:
    assert client.get(GROUPS, headers=ch).status_code == 204


def test_create_list_and_get_use_their_envelopes(client: TestClient, ch: Headers) -> None:
    response = client.post(GROUPS, json={"dncGroupName": "g1", "dncGroupDescription": "first"}, headers=ch)
    created = response.json()["dncGroups"][0]
    assert set(created) == {
        "dncGroupId",
        "dncGroupName",
        "dncGroupDescription",
        "validRecords",
        "isActive",
        "isRemoved",
        "createDate",
        "lastUpdateTime",
    }
    assert (created["dncGroupName"], created["isActive"], created["validRecords"]) == ("g1", True, 0)
    _create(client, ch, "g2")
    listed = client.get(GROUPS, headers=ch).json()
    assert listed["resultSet"]["totalGroups"] == 2
    assert [g["dncGroupName"] for g in listed["resultSet"]["dncGroups"]] == ["g1", "g2"]
    one = client.get(f"{GROUPS}/{created['dncGroupId']}", headers=ch).json()
    assert one == {"resultSet": {"dncGroups": [created]}}


def test_create_checks_name(client: TestClient, ch: Headers) -> None:
    _create(client, ch, "taken")
    assert error_of(client.post(GROUPS, json={"dncGroupName": "TAKEN"}, headers=ch)) == (409, "Conflict")
    assert error_of(client.post(GROUPS, json={"dncGroupDescription": "x"}, headers=ch)) == (
        400,
        "InvalidParameter",
    )
    assert error_of(client.get(f"{GROUPS}/999", headers=ch)) == (404, "NotFound")


def test_put_takes_query_parameters_not_a_body(client: TestClient, ch: Headers, clock: ManualClock) -> None:
    group_id = _create(client, ch, "g", dncGroupDescription="old")
    before = client.get(f"{GROUPS}/{group_id}", headers=ch).json()["resultSet"]["dncGroups"][0]
    clock.advance(10)
    body_only = client.put(f"{GROUPS}/{group_id}", json={"dncGroupDescription": "ignored"}, headers=ch)
    assert error_of(body_only) == (400, "InvalidParameter")
    response = client.put(
        f"{GROUPS}/{group_id}", params={"dncGroupDescription": "new", "isActive": "false"}, headers=ch
    )
    assert response.status_code == 200
    updated = response.json()["dncGroups"][0]
    assert (updated["dncGroupName"], updated["dncGroupDescription"], updated["isActive"]) == (
        "g",
        "new",
        False,
    )
    assert updated["lastUpdateTime"] > before["lastUpdateTime"]
    renamed = client.put(f"{GROUPS}/{group_id}", params={"dncGroupName": "g-renamed"}, headers=ch)
    assert renamed.json()["dncGroups"][0]["dncGroupDescription"] == "new"
    other = _create(client, ch, "other")
    clash = client.put(f"{GROUPS}/{other}", params={"dncGroupName": "g-renamed"}, headers=ch)
    assert error_of(clash) == (409, "Conflict")
    bad = client.put(f"{GROUPS}/{other}", params={"isActive": "maybe"}, headers=ch)
    assert error_of(bad) == (400, "InvalidParameter")


def test_scrubbed_and_contributing_skills_are_independent(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    group_id = _create(client, ch)
    scrubbed, contributing = (
        f"{GROUPS}/{group_id}/scrubbed-skills",
        f"{GROUPS}/{group_id}/contributing-skills",
    )
    assert client.get(scrubbed, headers=ch).status_code == 204
    assert client.post(f"{scrubbed}/{skill_id}", headers=ch).status_code == 200
    assert client.post(f"{scrubbed}/{skill_id}", headers=ch).status_code == 200  # adding again is harmless
    listed = client.get(scrubbed, headers=ch).json()
    assert listed["totalRecords"] == 1
    assert listed["scrubbedSkills"] == [{"skillId": skill_id, "skillName": "renewals-pc"}]
    assert client.get(contributing, headers=ch).status_code == 204
    client.post(f"{contributing}/{skill_id}", headers=ch)
    assert client.get(contributing, headers=ch).json()["contributingSkills"][0]["skillId"] == skill_id
    assert client.delete(f"{scrubbed}/{skill_id}", headers=ch).status_code == 200
    assert client.get(scrubbed, headers=ch).status_code == 204
    assert client.get(contributing, headers=ch).status_code == 200
    assert error_of(client.delete(f"{scrubbed}/{skill_id}", headers=ch)) == (404, "NotFound")


def test_membership_needs_existing_group_and_skill(client: TestClient, ch: Headers, skill_id: int) -> None:
    group_id = _create(client, ch)
    assert error_of(client.post(f"{GROUPS}/{group_id}/scrubbed-skills/4444", headers=ch)) == (404, "NotFound")
    assert error_of(client.post(f"{GROUPS}/4444/scrubbed-skills/{skill_id}", headers=ch)) == (404, "NotFound")
    assert error_of(client.get(f"{GROUPS}/{group_id}/excluded-skills", headers=ch)) == (404, "NotFound")


def _records(client: TestClient, ch: Headers, group_id: int) -> list[dict[str, Any]]:
    response = client.get(f"{GROUPS}/{group_id}/records", headers=ch)
    if response.status_code == 204:
        return []
    body = response.json()["resultSet"]
    assert body["totalRecords"] == len(body["dncRecords"])
    records: list[dict[str, Any]] = body["dncRecords"]
    return records


def test_records_are_added_with_per_record_results(client: TestClient, ch: Headers) -> None:
    group_id = _create(client, ch)
    assert _records(client, ch, group_id) == []
    body = {
        "dncGroupRecords": [
            {"phoneNumber": "+15555550142"},
            {"phoneNumber": "5555550144", "expiredDate": "2099-12-31"},
            {"phoneNumber": "call me"},
            {"phoneNumber": "+15555550145", "expiredDate": "someday"},
            {"expiredDate": "2099-12-31"},
        ]
    }
    response = client.post(f"{GROUPS}/{group_id}/records", json=body, headers=ch)
    assert response.status_code == 200
    result = response.json()["resultSet"]
    assert result["errorCount"] == 3
    assert [r["success"] for r in result["recordResults"]] == [True, True, False, False, False]
    # CXone stores and answers numbers in its own form: "+1 (801) 244-0005" becomes "8012440005"
    assert result["recordResults"][0]["formattedPhone"] == "5555550142"
    records = _records(client, ch, group_id)
    assert [(r["phoneNumber"], r["expiredDate"]) for r in records] == [
        ("5555550142", None),
        ("5555550144", "2099-12-31"),
    ]
    assert set(records[0]) == {
        "phoneNumber",
        "formattedPhone",
        "expiredDate",
        "dateCollected",
        "lastUpdateTime",
    }
    group = client.get(f"{GROUPS}/{group_id}", headers=ch).json()["resultSet"]["dncGroups"][0]
    assert group["validRecords"] == 2


def test_records_post_needs_its_wrapper(client: TestClient, ch: Headers) -> None:
    group_id = _create(client, ch)
    response = client.post(f"{GROUPS}/{group_id}/records", json=[{"phoneNumber": "5555550100"}], headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    response = client.post(f"{GROUPS}/{group_id}/records", json={"records": []}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")


def test_delete_with_a_body_expires_records(client: TestClient, ch: Headers, clock: ManualClock) -> None:
    group_id = _create(client, ch)
    numbers = ["+15555550142", "+15555550143", "+15555550144"]
    body = {"dncGroupRecords": [{"phoneNumber": n} for n in numbers]}
    client.post(f"{GROUPS}/{group_id}/records", json=body, headers=ch)
    expire = {
        "dncGroupRecords": [
            {"phoneNumber": "15555550142"},  # the same number without its +
            {"phoneNumber": "+15555550143", "expiredDate": "2099-01-01"},
            {"phoneNumber": "+15555550199"},
        ]
    }
    response = client.request("DELETE", f"{GROUPS}/{group_id}/records", json=expire, headers=ch)
    assert response.status_code == 200
    result = response.json()
    assert result["errorCount"] == 1
    assert [r["success"] for r in result["recordResults"]] == [True, True, False]
    assert "not found" in result["recordResults"][2]["error"]
    clock.advance(1)
    remaining = {r["phoneNumber"]: r["expiredDate"] for r in _records(client, ch, group_id)}
    expired_at = remaining.pop("5555550142")  # expired, still listed with its expiredDate
    assert expired_at is not None
    assert remaining == {"5555550143": "2099-01-01", "5555550144": None}
    group = client.get(f"{GROUPS}/{group_id}", headers=ch).json()["resultSet"]["dncGroups"][0]
    assert group["validRecords"] == 2
    found = client.post(f"{GROUPS}/search", params={"phoneNumber": "5555550142"}, headers=ch)
    assert found.status_code == 204  # an expired record no longer suppresses
    readd = {"dncGroupRecords": [{"phoneNumber": "+15555550142"}]}
    client.post(f"{GROUPS}/{group_id}/records", json=readd, headers=ch)
    assert {r["phoneNumber"]: r["expiredDate"] for r in _records(client, ch, group_id)}["5555550142"] is None


def test_expired_records_are_listed_for_seven_days_then_removed(
    client: TestClient, ch: Headers, clock: ManualClock
) -> None:
    group_id = _create(client, ch)
    body = {"dncGroupRecords": [{"phoneNumber": "+15555550142"}, {"phoneNumber": "+15555550143"}]}
    client.post(f"{GROUPS}/{group_id}/records", json=body, headers=ch)
    expire = {"dncGroupRecords": [{"phoneNumber": "+15555550142"}]}
    client.request("DELETE", f"{GROUPS}/{group_id}/records", json=expire, headers=ch)
    clock.advance(7 * 24 * 3600 - 60)
    fresh = cxone_headers(client)  # the first token has long expired
    assert [r["phoneNumber"] for r in _records(client, fresh, group_id)] == ["5555550142", "5555550143"]
    clock.advance(120)
    assert [r["phoneNumber"] for r in _records(client, fresh, group_id)] == ["5555550143"]


def test_record_writes_are_capped_at_4500_and_refused_on_an_inactive_group(
    client: TestClient, ch: Headers
) -> None:
    group_id = _create(client, ch)
    url = f"{GROUPS}/{group_id}/records"
    too_many = {"dncGroupRecords": [{"phoneNumber": 5555000000 + n} for n in range(4501)]}
    response = client.post(url, json=too_many, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    assert "4,500" in response.json()["errorDescription"]
    assert _records(client, ch, group_id) == []
    at_most = {"dncGroupRecords": too_many["dncGroupRecords"][:4500]}
    assert client.post(url, json=at_most, headers=ch).json()["resultSet"]["errorCount"] == 0
    client.put(f"{GROUPS}/{group_id}", params={"isActive": "false"}, headers=ch)
    one = {"dncGroupRecords": [{"phoneNumber": 5555550142}]}
    response = client.post(url, json=one, headers=ch)
    assert error_of(response) == (409, "Conflict")
    assert response.json()["errorDescription"] == "DncGroup is inactive, can't add records"
    response = client.request("DELETE", url, json=one, headers=ch)
    assert response.json()["errorDescription"] == "DncGroup is inactive, can't delete records"


def test_create_takes_query_parameters_or_a_json_body(client: TestClient, ch: Headers) -> None:
    params = {"dncGroupName": "by-query", "dncGroupDescription": "2022 form"}
    response = client.post(GROUPS, params=params, headers=ch)
    assert response.status_code == 200
    assert response.json()["dncGroups"][0]["dncGroupDescription"] == "2022 form"
    _create(client, ch, "by-body", dncGroupDescription="current form")
    listed = client.get(GROUPS, headers=ch).json()["resultSet"]["dncGroups"]
    assert [(g["dncGroupName"], g["dncGroupDescription"]) for g in listed] == [
        ("by-query", "2022 form"),
        ("by-body", "current form"),
    ]


def test_delete_records_needs_a_body(client: TestClient, ch: Headers) -> None:
    group_id = _create(client, ch)
    assert error_of(client.delete(f"{GROUPS}/{group_id}/records", headers=ch)) == (400, "InvalidParameter")


def test_records_page(client: TestClient, ch: Headers) -> None:
    group_id = _create(client, ch)
    body = {"dncGroupRecords": [{"phoneNumber": f"+1555555{n:04d}"} for n in range(120)]}
    client.post(f"{GROUPS}/{group_id}/records", json=body, headers=ch)
    first = client.get(f"{GROUPS}/{group_id}/records", headers=ch).json()["resultSet"]
    assert (first["totalRecords"], len(first["dncRecords"])) == (120, 50)
    rest = client.get(f"{GROUPS}/{group_id}/records", params={"skip": 100}, headers=ch).json()["resultSet"]
    assert len(rest["dncRecords"]) == 20


def test_search_finds_the_groups_holding_a_number(client: TestClient, ch: Headers) -> None:
    first, second = _create(client, ch, "first"), _create(client, ch, "second")
    for group_id in (first, second):
        body = {"dncGroupRecords": [{"phoneNumber": "+15555550142"}]}
        client.post(f"{GROUPS}/{group_id}/records", json=body, headers=ch)
    response = client.post(f"{GROUPS}/search", params={"phoneNumber": "15555550142"}, headers=ch)
    assert response.status_code == 200
    results = response.json()["searchResults"]
    assert [r["dncGroupName"] for r in results] == ["first", "second"]
    assert results[0]["formattedPhone"] == "5555550142"
    formatted = client.post(f"{GROUPS}/search", params={"phoneNumber": "+1 (555) 555-0142"}, headers=ch)
    assert [r["dncGroupName"] for r in formatted.json()["searchResults"]] == ["first", "second"]
    assert (
        client.post(f"{GROUPS}/search", params={"phoneNumber": "5555550000"}, headers=ch).status_code == 204
    )
    assert error_of(client.post(f"{GROUPS}/search", headers=ch)) == (400, "InvalidParameter")


def test_groups_cannot_be_deleted(client: TestClient, ch: Headers) -> None:
    group_id = _create(client, ch)
    assert client.delete(f"{GROUPS}/{group_id}", headers=ch).status_code == 405


def test_new_outbound_skills_join_the_default_group(
    client: TestClient, ch: Headers, emulator: Emulator, seeded: dict[str, int]
) -> None:
    seed_cxone(emulator, {"dnc_groups": [{"dncGroupName": "Tenant default", "isDefault": True}]})
    group_id = next(iter(emulator.state.cxone["dnc_groups"].values()))["dncGroupId"]
    skill = create_skill(client, ch, pc_skill("new-pc", seeded["collections"]))
    create_skill(client, ch, {"skillName": "inbound-chat", "mediaTypeId": 3})
    scrubbed = client.get(f"{GROUPS}/{group_id}/scrubbed-skills", headers=ch).json()["scrubbedSkills"]
    assert [s["skillId"] for s in scrubbed] == [skill]
    assert client.get(f"{GROUPS}/{group_id}/contributing-skills", headers=ch).status_code == 204
