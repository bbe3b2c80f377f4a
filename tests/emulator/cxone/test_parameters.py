"""Skill parameter blocks through HTTP: wrappers, partial merges, shared retry fields, last writer wins."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.emulator.cxone.conftest import V30, V33, create_skill, error_of, pc_skill

Headers = dict[str, str]
BLOCKS = [
    "generalSettings",
    "cadenceSettings",
    "deliveryPreferences",
    "callingLists",
    "cpaSettings",
    "retrySettings",
    "filterSettings",
    "listManagementSettings",
    "scheduleSettings",
    "timeZoneSettings",
    "xsSettings",
]
WRAPPED = [
    ("general-settings", "generalSettings", {"maximumRatio": 2, "aggressiveness": "2"}),
    ("retry-settings", "retrySettings", {"finalizeWhenExhausted": False, "callbackRestMinutes": 15}),
    ("schedule-settings", "scheduleSettings", {"isScheduled": True, "mondayStartTime": "08:30"}),
    (
        "cpa-management",
        "cpaSettings",
        {"abandonTimeout": 3, "exceptions": [{"attempt_No": 2, "ansMachineMsg": "x"}]},
    ),
    ("delivery-preferences", "deliveryPreferences", {"confirmationRequiredDisabled": False}),
    ("xs-settings", "xsSettings", {"xsGetContactsActive": True, "xsNumberToRetrieve": 25}),
]


def _parameters(client: TestClient, ch: Headers, skill_id: int) -> dict[str, Any]:
    response = client.get(f"{V30}/skills/{skill_id}/parameters", headers=ch)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_skill_parameters_hold_every_block(client: TestClient, ch: Headers, skill_id: int) -> None:
    body = _parameters(client, ch, skill_id)
    assert list(body) == ["skillName", "skillNo", *BLOCKS]
    assert (body["skillName"], body["skillNo"]) == ("renewals-pc", skill_id)
    assert body["callingLists"] == []
    assert isinstance(body["timeZoneSettings"], list)
    general, retry = body["generalSettings"], body["retrySettings"]
    assert general["maximumAttempts"] == retry["maximumAttempts"]
    assert general["minimumRetryMinutes"] == retry["minimumRetryMinutes"]


def test_all_skills_parameters_at_once(client: TestClient, ch: Headers, seeded: dict[str, int]) -> None:
    assert client.get(f"{V30}/skills/parameters", headers=ch).status_code == 204
    first = create_skill(client, ch, pc_skill("one", seeded["collections"]))
    second = create_skill(client, ch, pc_skill("two", seeded["collections"]))
    create_skill(client, ch, {"skillName": "chat", "mediaTypeId": 3})
    body = client.get(f"{V30}/skills/parameters", headers=ch).json()
    assert [item["skillNo"] for item in body["skills"]] == [first, second]
    assert all(set(BLOCKS) <= set(item) for item in body["skills"])


@pytest.mark.parametrize(("path", "wrapper", "changes"), WRAPPED, ids=[w[0] for w in WRAPPED])
def test_block_put_round_trips_through_its_wrapper(
    client: TestClient, ch: Headers, skill_id: int, path: str, wrapper: str, changes: dict[str, Any]
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/{path}"
    before = client.get(url, headers=ch).json()
    aggregate_before = _parameters(client, ch, skill_id)[wrapper]
    response = client.put(url, json={wrapper: changes}, headers=ch)
    assert response.status_code == 200, response.text
    assert response.json() == {"success": True, "skillId": skill_id}
    block = client.get(url, headers=ch).json()
    assert block == {**before, **changes}  # omitted fields keep their values
    assert _parameters(client, ch, skill_id)[wrapper] != aggregate_before


@pytest.mark.parametrize(("path", "wrapper", "changes"), WRAPPED, ids=[w[0] for w in WRAPPED])
def test_block_put_with_the_wrong_wrapper_is_invalid_parameter(
    client: TestClient, ch: Headers, skill_id: int, path: str, wrapper: str, changes: dict[str, Any]
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/{path}"
    before = _parameters(client, ch, skill_id)
    other = "retrySettings" if wrapper == "generalSettings" else "generalSettings"
    for body in (changes, {other: changes}, {wrapper: [changes]}):
        assert error_of(client.put(url, json=body, headers=ch)) == (400, "InvalidParameter")
    assert _parameters(client, ch, skill_id) == before


def test_block_fields_are_type_checked(client: TestClient, ch: Headers, skill_id: int) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    for path, body in (
        ("general-settings", {"generalSettings": {"maximumAttempts": "six"}}),
        ("general-settings", {"generalSettings": {"loadFresh": 1}}),
        ("schedule-settings", {"scheduleSettings": {"mondayStartTime": "9am"}}),
        ("schedule-settings", {"scheduleSettings": {"mondayEndTime": "25:00"}}),
        ("cpa-management", {"cpaSettings": {"exceptions": [6]}}),
    ):
        assert error_of(client.put(f"{url}/{path}", json=body, headers=ch)) == (400, "InvalidParameter"), body


def test_general_and_retry_settings_share_attempts_and_retry_minutes(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    body = {"generalSettings": {"maximumAttempts": 7, "minimumRetryMinutes": 45, "loadNonFresh": False}}
    client.put(f"{url}/general-settings", json=body, headers=ch)
    retry = client.get(f"{url}/retry-settings", headers=ch).json()
    assert (retry["maximumAttempts"], retry["minimumRetryMinutes"]) == (7, 45)
    assert retry["loadNonFresh"] is True  # only the two documented fields are shared
    client.put(f"{url}/retry-settings", json={"retrySettings": {"maximumAttempts": 2}}, headers=ch)
    general = client.get(f"{url}/general-settings", headers=ch).json()
    assert (general["maximumAttempts"], general["minimumRetryMinutes"]) == (2, 45)


def test_time_zones_put_keeps_unlisted_zones_deactivated(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/time-zones"
    zones = [
        {
            "standardName": "Eastern Standard Time",
            "startTime": "09:00",
            "endTime": "20:00",
            "overrideTime": True,
        },
        {"standardName": "Hawaiian Standard Time", "timeZoneActiveToCall": False},
    ]
    assert client.put(url, json={"timeZoneSettings": zones}, headers=ch).status_code == 200
    got = client.get(url, headers=ch).json()["timeZoneSettings"]
    assert [zone["standardName"] for zone in got[:2]] == ["Eastern Standard Time", "Hawaiian Standard Time"]
    assert got[0]["name"] == "Eastern Standard Time"
    assert got[0]["description"].startswith("(UTC-05:00)")
    assert [{k: zone[k] for k in sent} for zone, sent in zip(got, zones, strict=False)] == zones
    unlisted = {zone["standardName"]: zone["timeZoneActiveToCall"] for zone in got[2:]}
    assert unlisted == dict.fromkeys(
        ["Central Standard Time", "Mountain Standard Time", "Pacific Standard Time"], False
    )
    aggregate = _parameters(client, ch, skill_id)["timeZoneSettings"]
    active = [zone["name"] for zone in aggregate if zone["timeZoneActiveToCall"]]
    assert active == ["Eastern Standard Time"]


def test_aggregate_read_answers_the_documented_shapes(client: TestClient, ch: Headers, skill_id: int) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    schedule = {
        "isScheduled": True,
        "mondayStartTime": "08:30",
        "mondayEndTime": "20:00",
        "mondayIsActive": True,
    }
    client.put(f"{url}/schedule-settings", json={"scheduleSettings": schedule}, headers=ch)
    cpa = {
        "abandonTimeout": 2,
        "enableCPALogging": True,
        "exceptions": [{"attempt_No": 2, "ansMachineDetMode": 3}],
    }
    client.put(f"{url}/cpa-management", json={"cpaSettings": cpa}, headers=ch)
    client.put(f"{url}/general-settings", json={"generalSettings": {"aggressiveness": "3"}}, headers=ch)
    body = _parameters(client, ch, skill_id)
    assert set(body["scheduleSettings"]) == {"isScheduled", "schedules"}
    monday = body["scheduleSettings"]["schedules"][1]
    assert monday == {"day": "Monday", "active": True, "startTime": "08:30", "endTime": "20:00"}
    assert set(body["timeZoneSettings"][0]) == {
        "name",
        "description",
        "overrideTime",
        "timeZoneActiveToCall",
        "startTime",
        "endTime",
    }
    assert body["cpaSettings"]["exceptions"] == [{"attemptNo": 2, "ansMachineDetMode": 3}]
    assert body["cpaSettings"]["enableCPALogging"] == "True"
    assert (body["generalSettings"]["aggressiveness"], body["generalSettings"]["maximumRatio"]) == (3, 1)
    assert "xsScriptId" in body["xsSettings"] and "xsScriptID" not in body["xsSettings"]
    flat = client.get(f"{url}/schedule-settings", headers=ch).json()
    assert (flat["mondayStartTime"], flat["mondayIsActive"]) == ("08:30", True)  # the block GET keeps its own


OUT_OF_RANGE = [
    ("general-settings", "generalSettings", "maximumRatio", 4),
    ("general-settings", "generalSettings", "inactiveBlenderTimer", 10),
    ("general-settings", "generalSettings", "maxConcurrentCallsPerAgent", 11),
    ("retry-settings", "retrySettings", "generalStaleMinutes", 5),
    ("retry-settings", "retrySettings", "restrictedCallingMaxAttempts", 11),
    ("cpa-management", "cpaSettings", "abandonTimeout", 61),
    ("cpa-management", "cpaSettings", "utteranceMinimumSeconds", 0.6),
    ("delivery-preferences", "deliveryPreferences", "confirmationRequiredTimeout", 0),
    ("xs-settings", "xsSettings", "xsNumberToRetrieve", 0),
]


@pytest.mark.parametrize(
    ("path", "wrapper", "field", "value"), OUT_OF_RANGE, ids=[r[2] for r in OUT_OF_RANGE]
)
def test_block_values_outside_documented_ranges_are_refused_naming_the_field(
    client: TestClient, ch: Headers, skill_id: int, path: str, wrapper: str, field: str, value: float
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/{path}"
    response = client.put(url, json={wrapper: {field: value}}, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    assert field in response.json()["errorDescription"]


def test_fractional_maximum_ratio_and_bad_exception_attempt_are_refused(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    response = client.put(
        f"{url}/general-settings", json={"generalSettings": {"maximumRatio": 1.8}}, headers=ch
    )
    assert error_of(response) == (400, "InvalidParameter")
    assert "maximumRatio" in response.json()["errorDescription"]
    body = {"cpaSettings": {"exceptions": [{"attempt_No": 7}]}}
    response = client.put(f"{url}/cpa-management", json=body, headers=ch)
    assert "attempt_No" in response.json()["errorDescription"]


def test_new_skill_defaults_can_be_put_back_unchanged(client: TestClient, ch: Headers, skill_id: int) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    for path, wrapper, _ in WRAPPED:
        block = client.get(f"{url}/{path}", headers=ch).json()
        response = client.put(f"{url}/{path}", json={wrapper: block}, headers=ch)
        assert response.status_code == 200, (path, response.text)


def test_time_zone_entries_are_checked(client: TestClient, ch: Headers, skill_id: int) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/time-zones"
    east = {"standardName": "Eastern Standard Time"}
    for body in (
        {"timeZoneSettings": {"standardName": "Eastern Standard Time"}},
        {"timeZoneSettings": [{"startTime": "09:00"}]},
        {"timeZoneSettings": [east, east]},
        {"timeZoneSettings": [{**east, "startTime": "9"}]},
        {"timeZones": [east]},
    ):
        assert error_of(client.put(url, json=body, headers=ch)) == (400, "InvalidParameter"), body


def test_cadence_and_list_management_take_top_level_bodies(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    cadence = {"attemptMode": 1, "maximumAttempts": [{"fieldName": "PhoneNumber", "attempts": 3}]}
    assert client.put(f"{url}/cadence-settings", json=cadence, headers=ch).status_code == 200
    got = client.get(f"{url}/cadence-settings", headers=ch).json()
    assert got["attemptMode"] == 1
    assert got["cadenceMaximumAttempts"] == cadence["maximumAttempts"]  # read back under its GET name
    ordering = {"listOrderingOptions": [{"orderType": "Priority", "direction": "Descending"}]}
    assert client.put(f"{url}/list-management", json=ordering, headers=ch).status_code == 200
    assert (
        client.get(f"{url}/list-management", headers=ch).json()["listOrderingOptions"]
        == ordering["listOrderingOptions"]
    )
    wrapped = {"cadenceSettings": {"attemptMode": 2}}
    assert error_of(client.put(f"{url}/cadence-settings", json=wrapped, headers=ch)) == (
        400,
        "InvalidParameter",
    )


def test_cadence_modes_are_accepted_as_the_strings_the_put_schema_types(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/cadence-settings"
    response = client.put(url, json={"attemptMode": "1", "recordRequestMode": "0"}, headers=ch)
    assert response.status_code == 200, response.text
    assert client.get(url, headers=ch).json()["attemptMode"] == "1"


def test_xs_settings_accept_both_spellings_of_script_ids(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/xs-settings"
    client.put(url, json={"xsSettings": {"xsScriptId": 11, "xsCheckinScriptID": 12}}, headers=ch)
    got = client.get(url, headers=ch).json()
    assert (got["xsScriptID"], got["xsCheckinScriptID"]) == (11, 12)


def test_unknown_block_and_read_only_blocks(client: TestClient, ch: Headers, skill_id: int) -> None:
    url = f"{V30}/skills/{skill_id}/parameters"
    assert error_of(client.get(f"{url}/dialing-mode", headers=ch)) == (404, "NotFound")
    assert error_of(client.put(f"{url}/filter-settings", json={}, headers=ch)) == (404, "NotFound")


def test_parameters_belong_to_personal_connection_skills_only(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    manual = create_skill(client, ch, pc_skill("manual", seeded["collections"], outboundStrategy="Manual"))
    assert error_of(client.get(f"{V30}/skills/{manual}/parameters", headers=ch)) == (400, "InvalidParameter")
    body = {"generalSettings": {"maximumRatio": 1}}
    response = client.put(f"{V30}/skills/{manual}/parameters/general-settings", json=body, headers=ch)
    assert error_of(response) == (400, "InvalidParameter")
    assert error_of(client.get(f"{V30}/skills/777777/parameters", headers=ch)) == (404, "NotFound")


def test_block_writes_are_last_writer_wins(client: TestClient, ch: Headers, skill_id: int) -> None:
    url = f"{V30}/skills/{skill_id}/parameters/general-settings"
    client.put(url, json={"generalSettings": {"maximumRatio": 1}}, headers=ch)
    client.put(url.replace(V30, V33), json={"generalSettings": {"maximumRatio": 3}}, headers=ch)
    assert client.get(url, headers=ch).json()["maximumRatio"] == 3


def test_block_write_touches_the_skill_last_update_time(
    client: TestClient, ch: Headers, skill_id: int, clock: Any
) -> None:
    before = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["lastUpdateTime"]
    clock.advance(60)
    body = {"retrySettings": {"generalStaleMinutes": 15}}
    client.put(f"{V30}/skills/{skill_id}/parameters/retry-settings", json=body, headers=ch)
    assert client.get(f"{V30}/skills/{skill_id}", headers=ch).json()["lastUpdateTime"] > before
