"""CXone seeding, external edits (another admin's changes) and the read-after-write window."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.store import external_edit, seed_cxone
from reconciler.emulator.seed_error import SeedError
from tests.emulator.cxone.conftest import V30, V33, error_of, skill_ids

Headers = dict[str, str]

ORG: dict[str, Any] = {
    "campaigns": [{"name": "retention-reporting", "id": 2001}],
    "outbound_routes": [{"name": "US Outbound Primary"}],
    "scripts": [{"name": "PC Renewals Outbound"}],
    "skills": [
        {
            "skillName": "renewals-pc",
            "isOutbound": True,
            "outboundStrategy": "Personal Connection",
            "campaignName": "retention-reporting",
        },
        {"skillName": "inbound-chat", "mediaTypeId": 3, "skillId": 1500},
    ],
    "parameters": {"renewals-pc": {"generalSettings": {"maximumRatio": 2.0}, "timeZoneSettings": []}},
    "dnc_groups": [{"dncGroupName": "retention-internal-dnc"}],
    "dnc_records": {
        "retention-internal-dnc": ["+15555550142", {"phoneNumber": "5555550144", "expiredDate": "2099-01-01"}]
    },
    "scrubbed": {"retention-internal-dnc": ["renewals-pc"]},
    "contributing": {"retention-internal-dnc": [1500]},
}


@pytest.fixture
def org(emulator: Emulator) -> Emulator:
    seed_cxone(emulator, ORG)
    return emulator


def _skill_id(emulator: Emulator, name: str) -> int:
    skill_id: int = next(
        s["skillId"] for s in emulator.state.cxone["skills"].values() if s["skillName"] == name
    )
    return skill_id


def _group_id(emulator: Emulator) -> int:
    group_id: int = next(iter(emulator.state.cxone["dnc_groups"].values()))["dncGroupId"]
    return group_id


def test_seed_assigns_ids_and_resolves_names(org: Emulator, client: TestClient, ch: Headers) -> None:
    skill_id = _skill_id(org, "renewals-pc")
    skill = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert (skill["campaignId"], skill["campaignName"], skill["mediaTypeId"], skill["isRunning"]) == (
        2001,
        "retention-reporting",
        4,
        False,
    )
    parameters = client.get(f"{V30}/skills/{skill_id}/parameters", headers=ch).json()
    assert parameters["generalSettings"]["maximumRatio"] == 2.0
    assert parameters["generalSettings"]["maximumAttempts"] == 3  # defaults fill what the seed leaves out
    assert parameters["timeZoneSettings"] == []
    group_id = _group_id(org)
    records = client.get(f"{V30}/dnc-groups/{group_id}/records", headers=ch).json()["resultSet"]
    assert records["totalRecords"] == 2
    scrubbed = client.get(f"{V30}/dnc-groups/{group_id}/scrubbed-skills", headers=ch).json()["scrubbedSkills"]
    assert [s["skillName"] for s in scrubbed] == ["renewals-pc"]
    contributing = client.get(f"{V30}/dnc-groups/{group_id}/contributing-skills", headers=ch).json()
    assert [s["skillId"] for s in contributing["contributingSkills"]] == [1500]


def test_new_ids_never_collide_with_seeded_ids(org: Emulator, client: TestClient, ch: Headers) -> None:
    response = client.post(f"{V33}/campaigns", json={"name": "next"}, headers=ch)
    assert response.json()["id"] > 2001
    body = {"skills": [{"skillName": "next", "mediaTypeId": 3}]}
    assert client.post(f"{V30}/skills", json=body, headers=ch).json()["skillsResults"][0]["success"]
    assert skill_ids(client, ch)["next"] > 1500


@pytest.mark.parametrize(
    "seed",
    [
        {"widgets": []},
        {"skills": {"skillName": "not a list"}},
        {"parameters": {"no-such-skill": {"generalSettings": {}}}},
        {"skills": [{"skillName": "s"}], "parameters": {"s": {"dialMode": {}}}},
        {"dnc_groups": [{"dncGroupName": "g"}], "dnc_records": {"g": ["not a number"]}},
        {"scrubbed": {"missing-group": []}},
    ],
)
def test_bad_seeds_are_seed_errors(emulator: Emulator, seed: dict[str, Any]) -> None:
    with pytest.raises(SeedError):
        seed_cxone(emulator, seed)


def test_seed_through_the_admin_api(client: TestClient, ch: Headers) -> None:
    response = client.post("/_emulator/seed", json={"cxone": {"campaigns": [{"name": "seeded"}]}})
    assert response.status_code == 200, response.text
    assert client.get(f"{V33}/campaigns", headers=ch).json()["campaigns"][0]["name"] == "seeded"


def test_external_edit_by_name_and_by_id(
    org: Emulator, client: TestClient, ch: Headers, clock: ManualClock
) -> None:
    skill_id = _skill_id(org, "renewals-pc")
    before = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    clock.advance(10)
    edited = external_edit(org, "skills", None, "RENEWALS-PC", {"notes": "edited in the UI"})
    assert edited["notes"] == "edited in the UI"
    after = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert after["notes"] == "edited in the UI"
    assert after["lastUpdateTime"] > before["lastUpdateTime"]
    assert external_edit(org, "campaigns", 2001, None, {"notes": "n"})["notes"] == "n"
    group = external_edit(org, "dnc_groups", None, "retention-internal-dnc", {"isActive": False})
    assert group["isActive"] is False


def test_external_edit_of_parameter_blocks(org: Emulator, client: TestClient, ch: Headers) -> None:
    skill_id = _skill_id(org, "renewals-pc")
    result = external_edit(org, "parameters/retry-settings", skill_id, None, {"maximumAttempts": 9})
    assert result["retrySettings"]["maximumAttempts"] == 9
    url = f"{V30}/skills/{skill_id}/parameters"
    assert client.get(f"{url}/general-settings", headers=ch).json()["maximumAttempts"] == 9  # shared field
    zones = {"timeZoneSettings": [{"standardName": "Eastern Standard Time"}]}
    external_edit(org, "parameters/timeZoneSettings", None, "renewals-pc", zones)
    got = client.get(f"{url}/time-zones", headers=ch).json()["timeZoneSettings"]
    assert [zone["standardName"] for zone in got] == ["Eastern Standard Time"]


@pytest.mark.parametrize(
    ("collection", "object_id", "name"),
    [
        ("skills", 9999, None),
        ("campaigns", None, "nope"),
        ("widgets", 1, None),
        ("parameters/dialing-mode", 1001, None),
        ("parameters/general-settings", None, "nope"),
        ("parameters/time-zones", None, "renewals-pc"),  # a list block needs {"timeZoneSettings": [...]}
    ],
)
def test_external_edit_of_something_absent_is_key_error(
    org: Emulator, collection: str, object_id: Any, name: Any
) -> None:
    with pytest.raises(KeyError):
        external_edit(org, collection, object_id, name, {"notes": "x"})


def test_external_edit_through_the_admin_api(org: Emulator, client: TestClient, ch: Headers) -> None:
    body = {
        "platform": "cxone",
        "collection": "campaigns",
        "name": "retention-reporting",
        "changes": {"notes": "ui"},
    }
    response = client.post("/_emulator/external-edit", json=body)
    assert response.status_code == 200, response.text
    assert client.get(f"{V33}/campaigns/2001", headers=ch).json()["notes"] == "ui"
    missing = client.post("/_emulator/external-edit", json={**body, "name": "nope"})
    assert missing.status_code == 404


def test_reads_lag_behind_writes_within_the_window(
    org: Emulator, client: TestClient, ch: Headers, clock: ManualClock
) -> None:
    client.patch("/_emulator/settings", json={"faults": {"read_after_write_lag_ms": 2000}})
    skill_id = _skill_id(org, "renewals-pc")
    client.put(f"{V30}/skills/{skill_id}", json={"skill": {"notes": "new"}}, headers=ch)
    body = {"generalSettings": {"maximumRatio": 3}}
    client.put(f"{V30}/skills/{skill_id}/parameters/general-settings", json=body, headers=ch)
    created = client.post(f"{V33}/campaigns", json={"name": "fresh"}, headers=ch).json()["id"]
    assert client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["notes"] == ""
    url = f"{V30}/skills/{skill_id}/parameters/general-settings"
    assert client.get(url, headers=ch).json()["maximumRatio"] == 2.0
    assert error_of(client.get(f"{V33}/campaigns/{created}", headers=ch)) == (404, "NotFound")
    clock.advance(3)
    assert client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["notes"] == "new"
    assert client.get(url, headers=ch).json()["maximumRatio"] == 3
    assert client.get(f"{V33}/campaigns/{created}", headers=ch).status_code == 200


def test_state_survives_a_save_and_load(org: Emulator, tmp_path: Any) -> None:
    path = tmp_path / "state.json"
    org.state.save(path)
    loaded = Emulator(state_path=path)
    assert loaded.state.cxone == org.state.cxone
