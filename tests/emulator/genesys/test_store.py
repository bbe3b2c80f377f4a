"""Seeding, external edits and due transitions of the Genesys store (docs/emulator.md seed format)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.admin_writes import external_edit, seed_genesys
from reconciler.emulator.genesys.store import advance
from reconciler.emulator.seed_error import SeedError
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api

CAMPAIGN_ID = "5a1e0000-0000-4000-8000-000000000001"
LIST_ID = "5a1e0000-0000-4000-8000-000000000002"
DNC_ID = "5a1e0000-0000-4000-8000-000000000003"


def _seed() -> dict[str, object]:
    return {
        "genesys": {
            "contactlists": [{**s.contact_list(), "id": LIST_ID}],
            "dnclists": [{**s.dnc_list(), "id": DNC_ID}, s.dnc_list("seeded-without-id")],
            "campaigns": [{**s.campaign(LIST_ID), "id": CAMPAIGN_ID, "version": 4}],
            "campaignschedules": [s.campaign_schedule(CAMPAIGN_ID)],
        },
        "singletons": {"settings": {"maxCallsPerAgent": 9}},
        "dnc_numbers": {DNC_ID: ["+15555550160", "+15555550161"]},
    }


def test_seed_fills_server_fields(org: Emulator, api: Api) -> None:
    seed_genesys(org, _seed())
    campaign = api.fetch("campaigns", CAMPAIGN_ID)
    assert (campaign["version"], campaign["campaignStatus"]) == (4, "off")
    assert campaign["selfUri"] == f"{OUTBOUND}/campaigns/{CAMPAIGN_ID}" and campaign["dateCreated"]
    lists = api.get(f"{OUTBOUND}/dnclists", includeSize="true").json()["entities"]
    assert {(item["name"], item["version"], item.get("size")) for item in lists} == {
        ("internal-dnc", 1, 2),
        ("seeded-without-id", 1, 0),
    }
    schedule = api.get(f"{OUTBOUND}/schedules/campaigns/{CAMPAIGN_ID}").json()
    assert schedule["id"] == CAMPAIGN_ID and schedule["version"] == 1
    assert api.get(f"{OUTBOUND}/settings").json()["maxCallsPerAgent"] == 9


@pytest.mark.parametrize(
    "seed",
    [
        {"genesys": {"filespecificationtemplates": []}},
        {"genesys": {"campaigns": {"not": "a list"}}},
        {"genesys": {"campaigns": ["not an object"]}},
        {"lookups": {"users": [{"name": "x"}]}},
        {"lookups": {"queues": [{"id": "no-name"}]}},
        {"singletons": {"dialer": {}}},
    ],
)
def test_bad_seeds_are_seed_errors(org: Emulator, seed: dict[str, object]) -> None:
    with pytest.raises(SeedError):
        seed_genesys(org, seed)


def test_a_seeded_stopping_campaign_stops(org: Emulator, clock: ManualClock) -> None:
    org.settings.campaign_stop_seconds = 5
    seed_genesys(
        org,
        {
            "genesys": {
                "contactlists": [{**s.contact_list(), "id": LIST_ID}],
                "campaigns": [{**s.campaign(LIST_ID), "id": CAMPAIGN_ID, "campaignStatus": "stopping"}],
            }
        },
    )
    clock.advance(5)
    advance(org)
    assert org.state.genesys["campaigns"][CAMPAIGN_ID]["campaignStatus"] == "off"


def test_external_edit_by_name_id_and_singleton(org: Emulator) -> None:
    seed_genesys(org, _seed())
    by_name = external_edit(org, "campaigns", None, "q3-renewals", {"abandonRate": 4})
    assert (by_name["abandonRate"], by_name["version"]) == (4, 5)
    by_id = external_edit(org, "dnclists", DNC_ID, None, {"name": "renamed-dnc"})
    assert (by_id["name"], by_id["version"]) == ("renamed-dnc", 2)
    settings = external_edit(org, "settings", None, None, {"maxLineUtilization": 0.5})
    assert (settings["maxLineUtilization"], settings["version"]) == (0.5, 2)
    with pytest.raises(KeyError):
        external_edit(org, "campaigns", None, "nobody", {})
    with pytest.raises(KeyError):
        external_edit(org, "users", None, "nobody", {})


def test_external_edit_through_the_admin_api_makes_a_put_stale(
    org: Emulator, client: TestClient, api: Api
) -> None:
    created = api.create("dnclists", s.dnc_list())
    edit = {
        "platform": "genesys",
        "collection": "dnclists",
        "name": "internal-dnc",
        "changes": {"dncCodes": []},
    }
    assert client.post("/_emulator/external-edit", json=edit).json()["version"] == 2
    stale = api.put(f"{OUTBOUND}/dnclists/{created['id']}", created)
    assert stale.status_code == 409
