"""Read-only lookups at their real paths, seeded from fixtures (ARCHITECTURE §2 external references)."""

from __future__ import annotations

import pytest

from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.api_data import definitions, response_model
from reconciler.emulator.seed import apply_seed
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import Api, code_of

PATHS = {
    "queues": ("/api/v2/routing/queues", s.QUEUE, "Renewals"),
    "scripts": ("/api/v2/scripts", s.SCRIPT, "Default Outbound Script"),
    "edgegroups": ("/api/v2/telephony/providers/edges/edgegroups", s.EDGE_GROUP, "US East Edges"),
    "sites": ("/api/v2/telephony/providers/edges/sites", s.SITE, "US East"),
    "wrapupcodes": ("/api/v2/routing/wrapupcodes", s.WRAPUP_DNC, "Do Not Call"),
    "divisions": ("/api/v2/authorization/divisions", s.DIVISION, "Home"),
    "flows": ("/api/v2/flows", s.FLOW, "Renewals Voicemail Drop"),
}


@pytest.mark.parametrize("lookup", sorted(PATHS))
def test_each_lookup_lists_and_gets_at_its_real_path(api: Api, lookup: str) -> None:
    path, known_id, name = PATHS[lookup]
    listing = api.get(path).json()
    assert name in {entry["name"] for entry in listing["entities"]}
    assert listing["pageNumber"] == 1 and listing["firstUri"].startswith(path)
    found = api.get(f"{path}/{known_id}").json()
    seeded = {"id": known_id, "name": name, "selfUri": f"{path}/{known_id}"}
    assert {key: found[key] for key in seeded} == seeded
    model = definitions()[str(response_model("GET", f"{path}/{{id}}"))]
    if lookup == "divisions":
        assert found.pop("homeDivision") is True  # AuthzDivision flags the org's home division
    filled = {key: value for key, value in found.items() if key not in seeded}
    assert set(filled) <= set(model.get("required", [])) and not any(filled.values())  # required, empty
    missing = api.get(f"{path}/{s.MISSING}")
    assert (missing.status_code, code_of(missing)) == (404, "not.found")


def test_lookup_names_match_exactly_with_wildcards(api: Api) -> None:
    path = "/api/v2/routing/queues"
    assert [entry["name"] for entry in api.get(path, name="renewals").json()["entities"]] == ["Renewals"]
    assert api.get(path, name="Renew").json()["total"] == 0  # not a prefix match
    assert api.get(path, name="Re*").json()["total"] == 2  # Renewals, Retention Specialists
    assert api.get(path, name="*s").json()["total"] == 3


def test_lookups_page_and_select_by_id(api: Api, org: Emulator) -> None:
    apply_seed(org, {"lookups": {"queues": [{"name": f"Queue {n:02d}"} for n in range(30)]}})
    listing = api.get("/api/v2/routing/queues", pageSize=10, pageNumber=2).json()
    assert (listing["total"], listing["pageCount"], len(listing["entities"])) == (33, 4, 10)
    picked = api.get("/api/v2/routing/queues", id=s.QUEUE).json()
    assert [entry["name"] for entry in picked["entities"]] == ["Renewals"]


def test_lookups_are_read_only(api: Api) -> None:
    response = api.post("/api/v2/routing/queues", {"name": "Sneaky"})
    assert response.status_code >= 400
    assert api.get("/api/v2/routing/queues", name="Sneaky").json()["total"] == 0
