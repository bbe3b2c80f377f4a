"""The emulated /dispositions: batch create with per-item results (206 when one fails), the documented name
rules, PUT of a JSON body, the classifications, and the dispositions a skill offers; every answer keeps the
published response schema (tests/cxone_contract.py)."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.cxone_contract import request_problems, response_problems
from tests.emulator.cxone.conftest import V33, error_of

Headers = dict[str, str]
DISPOSITIONS = f"{V33}/dispositions"


def _checked(response: Any) -> Any:
    """The answer, after checking it against the documented schema of its operation and status."""
    request = response.request
    assert response_problems(request.method, request.url.path, response.status_code, response.content) == []
    return response


def _create(client: TestClient, ch: Headers, *items: dict[str, Any]) -> Any:
    """POST /dispositions; a body the published request schema accepts is checked to be so."""
    body = {"dispositions": list(items)}
    if all(len(item["dispositionName"]) <= 50 for item in items):
        assert (
            request_problems("POST", DISPOSITIONS, client.build_request("POST", "/", json=body).content) == []
        )
    return _checked(client.post(DISPOSITIONS, json=body, headers=ch))


def _item(name: str, classification: int | None = 1, preview: bool = False) -> dict[str, Any]:
    return {"dispositionName": name, "isPreviewDisposition": preview, "classificationId": classification}


def test_a_batch_create_answers_each_item_and_206_when_one_fails(client: TestClient, ch: Headers) -> None:
    response = _create(client, ch, _item("Renewed"), _item("x" * 51), _item("Lost", classification=999))
    assert response.status_code == 206
    answer = response.json()
    assert answer["errorCount"] == 2
    [made, too_long, unknown] = answer["dispositionResults"]
    assert made["success"] is True and made["dispositionId"] > 0
    assert "at most 50 characters" in too_long["error"] and "classificationId" in unknown["error"]
    listed = _checked(client.get(DISPOSITIONS, headers=ch)).json()
    assert [item["dispositionName"] for item in listed["dispositions"]] == ["Renewed"]


def test_a_disposition_created_without_classification_gets_the_default_one(
    client: TestClient, ch: Headers
) -> None:
    assert _create(client, ch, _item("Renewed", classification=None)).status_code == 200
    [item] = client.get(DISPOSITIONS, headers=ch).json()["dispositions"]
    assert item["classificationId"] == 1 and item["isActive"] is True


def test_a_name_in_use_is_refused_whatever_its_case(client: TestClient, ch: Headers) -> None:
    _create(client, ch, _item("Renewed"))
    answer = _create(client, ch, _item("RENEWED")).json()
    assert answer["errorCount"] == 1 and "already exists" in answer["dispositionResults"][0]["error"]


def test_put_changes_what_it_sends_and_refuses_unknown_fields_and_taken_names(
    client: TestClient, ch: Headers
) -> None:
    first = _create(client, ch, _item("Sold"), _item("Lost")).json()["dispositionResults"]
    url = f"{DISPOSITIONS}/{first[0]['dispositionId']}"
    put = {"classificationId": 3, "notes": "call again", "isActive": False}
    assert _checked(client.put(url, json=put, headers=ch)).status_code == 200
    got = _checked(client.get(url, headers=ch)).json()
    assert (got["dispositionName"], got["classificationId"], got["notes"], got["isActive"]) == (
        "Sold",
        3,
        "call again",
        False,
    )
    assert error_of(client.put(url, json={"systemOutcome": "x"}, headers=ch)) == (400, "InvalidParameter")
    assert client.put(url, json={"dispositionName": "lost"}, headers=ch).status_code == 409
    assert client.get(f"{DISPOSITIONS}/999999", headers=ch).status_code == 404


def test_the_classifications_are_listed(client: TestClient, ch: Headers) -> None:
    answer = _checked(client.get(f"{DISPOSITIONS}/classifications", headers=ch)).json()
    names = {item["classificationName"] for item in answer["classificationResults"]}
    assert {"Success", "Callback", "Do Not Call"} <= names


def test_a_skill_offers_only_existing_dispositions_each_once(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V33}/skills/{skill_id}"
    assert client.get(f"{url}/dispositions", headers=ch).status_code == 204
    ids = [
        r["dispositionId"]
        for r in _create(client, ch, _item("Sold"), _item("Lost")).json()["dispositionResults"]
    ]
    unknown = {"skill": {"dispositions": [{"dispositionId": 999999, "priority": 1}]}}
    assert error_of(client.put(url, json=unknown, headers=ch)) == (400, "InvalidParameter")
    twice = {"skill": {"dispositions": [{"dispositionId": ids[0], "priority": 1}] * 2}}
    assert client.put(url, json=twice, headers=ch).status_code == 400
    offered = {
        "skill": {
            "dispositions": [
                {"dispositionId": ids[1], "priority": 2},
                {"dispositionId": ids[0], "priority": 1},
            ]
        }
    }
    assert request_problems("PUT", url, client.build_request("PUT", "/", json=offered).content) == []
    assert client.put(url, json=offered, headers=ch).status_code == 200
    skill = _checked(client.get(url, headers=ch)).json()
    assert [(d["dispositionName"], d["priority"]) for d in skill["dispositions"]] == [
        ("Sold", 1),
        ("Lost", 2),
    ]
    listed = _checked(client.get(f"{url}/dispositions", headers=ch)).json()
    assert [(d["dispositionName"], d["displayOrder"]) for d in listed["dispositions"]] == [
        ("Sold", 1),
        ("Lost", 2),
    ]


def test_agentless_ports_and_short_abandon_threshold_keep_their_documented_ranges(
    client: TestClient, ch: Headers, skill_id: int
) -> None:
    url = f"{V33}/skills/{skill_id}"
    for body in ({"agentlessPorts": 11}, {"shortAbandonThreshold": 301}, {"agentRestTime": -1}):
        assert error_of(client.put(url, json={"skill": body}, headers=ch)) == (400, "InvalidParameter"), body
    fine = {"agentless": True, "agentlessPorts": 10, "maxSecondsACW": 30, "agentRestTime": 5, "acwTypeId": 2}
    assert client.put(url, json={"skill": fine}, headers=ch).status_code == 200
    skill = client.get(url, headers=ch).json()
    assert {key: skill[key] for key in fine} == fine
