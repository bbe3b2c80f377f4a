"""Request bodies are checked against the current models (models.json): wrong types, missing required
fields and unknown enum values get the platform's 400 with the field named (G§4.1)."""

from __future__ import annotations

import pytest

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


def test_a_wrong_type_names_the_field(api: Api) -> None:
    body = s.callable_time_set()
    body["callableTimes"][0]["timeSlots"][1]["day"] = "Tuesday"
    response = api.post(f"{OUTBOUND}/callabletimesets", body)
    assert (response.status_code, code_of(response)) == (400, "invalid.value")
    assert response.json()["details"][0]["fieldName"] == "callableTimes[0].timeSlots[1].day"
    assert "callableTimes[0].timeSlots[1].day" in response.json()["message"]


def test_a_missing_required_field_names_it(api: Api) -> None:
    body = s.attempt_limits()
    response = api.post(f"{OUTBOUND}/callanalysisresponsesets", {"name": "no-responses"})
    assert (response.status_code, code_of(response)) == (400, "bad.request")
    assert response.json()["details"][0]["fieldName"] == "responses"
    assert api.create("attemptlimits", body)


def test_an_unknown_enum_value_is_invalid(api: Api) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    response = api.post(f"{OUTBOUND}/campaigns", s.campaign(list_id, dialingMode="telepathic"))
    assert (response.status_code, code_of(response)) == (400, "invalid.value")
    assert "Allowable values are" in response.json()["message"]


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"'])
def test_bodies_that_are_not_json_objects(api: Api, raw: bytes) -> None:
    response = api.client.post(
        f"{OUTBOUND}/dnclists", headers={**api.headers, "content-type": "application/json"}, content=raw
    )
    assert (response.status_code, code_of(response)) == (400, "bad.request")


def test_read_only_fields_are_ignored_and_unknown_ones_dropped(api: Api) -> None:
    body = {**s.dnc_list(), "size": "lots", "importStatus": 3, "favouriteColour": "teal"}
    created = api.create("dnclists", body)
    assert "favouriteColour" not in created and "importStatus" not in created and "size" not in created


def test_read_only_required_fields_are_not_required(api: Api) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    campaign_id = api.create("campaigns", s.campaign(list_id))["id"]
    body = s.sequence([campaign_id])
    body.pop("currentCampaign")  # required in the model, but read-only (SW18)
    assert api.create("sequences", body)["currentCampaign"] == 0


def test_the_error_body_is_the_documented_error_body(api: Api) -> None:
    response = api.post(f"{OUTBOUND}/dnclists", {"name": "x"})
    body = response.json()
    assert set(body) >= {
        "message",
        "code",
        "status",
        "messageWithParams",
        "messageParams",
        "contextId",
        "details",
        "errors",
    }
    assert body["status"] == 400 and response.headers["ININ-Correlation-Id"] == body["contextId"]
