"""Divisions (D14): campaigns, contact lists and DNC lists live in a division, Home unless told otherwise;
the divisions lookup flags Home as the home division; unknown division ids are refused."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

DIVISIONS = "/api/v2/authorization/divisions"
RETENTION = "0f2c1a55-1d0e-4c1e-9a55-0000000000d2"
HOME = {"id": s.DIVISION, "name": "Home", "selfUri": f"{DIVISIONS}/{s.DIVISION}"}


@pytest.fixture
def retention(org: Emulator) -> str:
    apply_seed(org, {"lookups": {"divisions": [{"id": RETENTION, "name": "Retention"}]}})
    return RETENTION


def _bodies(api: Api) -> dict[str, dict[str, Any]]:
    list_id = api.create("contactlists", s.contact_list("for-the-campaign"))["id"]
    return {
        "contactlists": s.contact_list(),
        "dnclists": s.dnc_list(),
        "campaigns": s.campaign(list_id),
    }


def test_objects_created_without_a_division_live_in_home(api: Api) -> None:
    for collection, body in _bodies(api).items():
        created = api.create(collection, body)
        assert created["division"] == HOME, collection
        assert api.fetch(collection, created["id"])["division"] == HOME, collection


def test_the_divisions_lookup_flags_the_home_division(api: Api, retention: str) -> None:
    listed = {entry["name"]: entry for entry in api.get(DIVISIONS).json()["entities"]}
    assert (listed["Home"]["homeDivision"], listed["Retention"]["homeDivision"]) == (True, False)
    assert api.get(f"{DIVISIONS}/{s.DIVISION}").json()["homeDivision"] is True


def test_an_object_can_be_created_in_another_division(api: Api, retention: str) -> None:
    created = api.create("dnclists", s.dnc_list(division=s.ref(retention)))
    assert created["division"] == {
        "id": retention,
        "name": "Retention",
        "selfUri": f"{DIVISIONS}/{retention}",
    }
    in_retention = api.get(f"{OUTBOUND}/dnclists", divisionId=retention).json()["entities"]
    assert [entry["id"] for entry in in_retention] == [created["id"]]


@pytest.mark.parametrize("collection", ["contactlists", "dnclists", "campaigns"])
def test_an_unknown_division_is_refused(api: Api, collection: str) -> None:
    body = {**_bodies(api)[collection], "division": s.ref(s.MISSING)}
    response = api.post(f"{OUTBOUND}/{collection}", body)
    assert (response.status_code, code_of(response)) == (400, "division.not.found")
    assert response.json()["details"][0]["fieldName"] == "division"


def test_a_division_without_an_id_is_refused(api: Api) -> None:
    response = api.post(f"{OUTBOUND}/contactlists", s.contact_list(division={"name": "Home"}))
    assert (response.status_code, code_of(response)) == (400, "bad.request")
    assert response.json()["details"] == [{"errorCode": "bad.request", "fieldName": "division.id"}]
    assert api.get(f"{OUTBOUND}/contactlists").json()["total"] == 0


def test_a_put_without_a_division_keeps_the_object_where_it_is(api: Api, retention: str) -> None:
    created = api.create("contactlists", s.contact_list(division=s.ref(retention)))
    body = {key: value for key, value in created.items() if key != "division"}
    assert api.update("contactlists", body)["division"]["name"] == "Retention"


def test_a_put_can_move_an_object_to_another_division(api: Api, retention: str) -> None:
    created = api.create("contactlists", s.contact_list())
    moved = api.update("contactlists", {**created, "division": s.ref(retention)})
    assert moved["division"]["name"] == "Retention"


def test_an_org_without_divisions_still_has_home(client: TestClient, gh: dict[str, str]) -> None:
    api = Api(client, gh)  # an emulator with no lookups at all
    created = api.create("dnclists", s.dnc_list())
    (home,) = api.get(DIVISIONS).json()["entities"]
    assert (home["name"], home["homeDivision"]) == ("Home", True)
    assert created["division"] == {"id": home["id"], "name": "Home", "selfUri": home["selfUri"]}


def test_seeded_objects_without_a_division_are_in_home(org: Emulator, api: Api) -> None:
    apply_seed(org, {"genesys": {"dnclists": [s.dnc_list("seeded-dnc")]}})
    (seeded,) = api.get(f"{OUTBOUND}/dnclists").json()["entities"]
    assert seeded["division"] == HOME


def test_kinds_without_a_division_get_none(api: Api) -> None:
    created = api.create("callabletimesets", s.callable_time_set())
    assert "division" not in created
