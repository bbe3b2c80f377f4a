"""Scripts as the Admin API serves them: GET /scripts/search lists, GET /scripts opens one (CX-L1)."""

from __future__ import annotations

from starlette.testclient import TestClient

from reconciler.emulator.core import Emulator
from tests.emulator.cxone.conftest import V30, error_of

Headers = dict[str, str]


def test_scripts_are_listed_by_search_with_master_ids_and_current_status(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    answer = client.get(f"{V30}/scripts/search", params={"top": 100}, headers=ch).json()
    assert {"totalRecords", "_links", "busNo", "scriptName", "scriptSearchDetails"} <= set(answer)
    details = answer["scriptSearchDetails"]
    assert [(s["scriptName"], s["status"]) for s in details] == [
        ("PC Renewals Outbound", "CURR"),
        ("PC Renewals Suppression", "CURR"),
    ]
    assert details[1]["masterID"] == seeded["PC Renewals Suppression"]


def test_script_search_filters_by_name_contains_and_pages_at_most_100(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    named = client.get(f"{V30}/scripts/search", params={"scriptName": "suppression"}, headers=ch).json()
    assert [s["masterID"] for s in named["scriptSearchDetails"]] == [seeded["PC Renewals Suppression"]]
    assert client.get(f"{V30}/scripts/search", params={"scriptName": "none"}, headers=ch).status_code == 204
    first = client.get(f"{V30}/scripts/search", params={"top": 1}, headers=ch).json()
    assert len(first["scriptSearchDetails"]) == 1 and first["totalRecords"] == 2
    assert first["_links"]["next"] is not None


def test_inactive_scripts_are_searched_only_with_include_inactive(
    client: TestClient, ch: Headers, seeded: dict[str, int], emulator: Emulator
) -> None:
    emulator.state.cxone["scripts"][str(seeded["PC Renewals Outbound"])]["isActive"] = False
    current = client.get(f"{V30}/scripts/search", headers=ch).json()["scriptSearchDetails"]
    assert [s["scriptName"] for s in current] == ["PC Renewals Suppression"]
    every = client.get(f"{V30}/scripts/search", params={"includeInactive": "true"}, headers=ch).json()
    assert [s["status"] for s in every["scriptSearchDetails"]] == ["DISC", "CURR"]


def test_get_scripts_without_a_script_named_is_400_and_opens_one_script_otherwise(
    client: TestClient, ch: Headers, seeded: dict[str, int]
) -> None:
    assert error_of(client.get(f"{V30}/scripts", headers=ch)) == (400, "InvalidParameter")
    one = client.get(f"{V30}/scripts", params={"scriptId": seeded["PC Renewals Outbound"]}, headers=ch)
    assert one.status_code == 200 and one.json()["scriptPath"].endswith("PC Renewals Outbound")
    missing = client.get(f"{V30}/scripts", params={"scriptPath": "Outbound\\nothing"}, headers=ch)
    assert missing.status_code == 404
    assert client.post(f"{V30}/scripts/search", json={}, headers=ch).status_code == 405
