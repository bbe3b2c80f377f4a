"""List envelopes, paging and filters as G§3 documents them."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

PATH = f"{OUTBOUND}/attemptlimits"


def _seed_attempt_limits(org: Emulator, count: int) -> None:
    items = [{**s.attempt_limits(f"limits-{number:03d}")} for number in range(count)]
    apply_seed(org, {"genesys": {"attemptlimits": items}})


def test_defaults_are_page_one_of_25(api: Api, org: Emulator) -> None:
    _seed_attempt_limits(org, 30)
    listing = api.get(PATH).json()
    assert (listing["pageSize"], listing["pageNumber"], listing["total"], listing["pageCount"]) == (
        25,
        1,
        30,
        2,
    )
    assert [item["name"] for item in listing["entities"]] == [f"limits-{n:03d}" for n in range(25)]
    assert listing["firstUri"] == f"{PATH}?pageSize=25&pageNumber=1"
    assert listing["selfUri"] == listing["firstUri"]
    assert listing["nextUri"] == f"{PATH}?pageSize=25&pageNumber=2"
    assert listing["lastUri"] == f"{PATH}?pageSize=25&pageNumber=2"
    assert "previousUri" not in listing


def test_page_size_above_100_returns_100(api: Api, org: Emulator) -> None:
    _seed_attempt_limits(org, 105)
    listing = api.get(PATH, pageSize=500).json()
    assert (listing["pageSize"], len(listing["entities"]), listing["pageCount"]) == (100, 100, 2)
    last = api.get(PATH, pageSize=100, pageNumber=2).json()
    assert len(last["entities"]) == 5
    assert last["previousUri"] == f"{PATH}?pageSize=100&pageNumber=1"
    assert "nextUri" not in last


def test_walking_next_uris_visits_every_object_once(api: Api, org: Emulator) -> None:
    _seed_attempt_limits(org, 23)
    seen: list[str] = []
    uri: str | None = f"{PATH}?pageSize=5"
    while uri:
        page = api.client.get(uri, headers=api.headers).json()
        seen += [item["id"] for item in page["entities"]]
        uri = page.get("nextUri")
    assert len(seen) == len(set(seen)) == 23


def test_pages_past_the_end_are_empty(api: Api, org: Emulator) -> None:
    _seed_attempt_limits(org, 3)
    listing = api.get(PATH, pageNumber=4).json()
    assert listing["entities"] == [] and listing["total"] == 3 and listing["pageCount"] == 1


def test_an_empty_collection(api: Api) -> None:
    listing = api.get(PATH).json()
    assert (listing["entities"], listing["total"], listing["pageCount"]) == ([], 0, 0)
    assert "nextUri" not in listing and "previousUri" not in listing


@pytest.mark.parametrize("params", [{"pageSize": 0}, {"pageNumber": 0}, {"pageSize": "many"}])
def test_bad_paging_parameters_are_400(api: Api, params: dict[str, Any]) -> None:
    response = api.get(PATH, **params)
    assert (response.status_code, code_of(response)) == (400, "bad.request")


@pytest.mark.parametrize(
    ("name", "filter_type", "expected"),
    [
        ("renewals", None, ["renewals-east", "renewals-west", "Renewals-VIP"]),  # default Prefix
        ("renewals-east", "Equals", ["renewals-east"]),
        ("RENEWALS-EAST", "Equals", ["renewals-east"]),
        ("east", "Contains", ["collections-east", "renewals-east"]),
        ("collections", "BeginsWith", ["collections-east"]),
        ("-west", "EndsWith", ["renewals-west"]),
        ("renewals-(east|west)", "RegEx", ["renewals-east", "renewals-west"]),
    ],
)
def test_name_filters(api: Api, name: str, filter_type: str | None, expected: list[str]) -> None:
    for list_name in ("renewals-east", "renewals-west", "Renewals-VIP", "collections-east"):
        api.create("dnclists", s.dnc_list(list_name))
    params = {"name": name} if filter_type is None else {"name": name, "filterType": filter_type}
    listing = api.get(f"{OUTBOUND}/dnclists", **params).json()
    assert sorted(item["name"] for item in listing["entities"]) == sorted(expected)
    assert "name=" in listing["firstUri"]


def test_unknown_filter_type_and_bad_regex_are_400(api: Api) -> None:
    unknown = api.get(f"{OUTBOUND}/dnclists", name="x", filterType="Fuzzy")
    assert (unknown.status_code, code_of(unknown)) == (400, "invalid.value")
    bad = api.get(f"{OUTBOUND}/dnclists", name="(", filterType="RegEx")
    assert (bad.status_code, code_of(bad)) == (400, "bad.request")


def test_sort_by_name_both_ways(api: Api) -> None:
    for name in ("bravo", "alpha", "charlie"):
        api.create("dnclists", s.dnc_list(name))
    ascending = [item["name"] for item in api.get(f"{OUTBOUND}/dnclists", sortBy="name").json()["entities"]]
    descending = api.get(f"{OUTBOUND}/dnclists", sortBy="name", sortOrder="descending").json()["entities"]
    assert ascending == ["alpha", "bravo", "charlie"]
    assert [item["name"] for item in descending] == ["charlie", "bravo", "alpha"]


def test_campaigns_by_id_at_most_100(api: Api) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    ids = [api.create("campaigns", s.campaign(list_id, name=f"campaign-{n}"))["id"] for n in range(3)]
    listing = api.client.get(
        f"{OUTBOUND}/campaigns", headers=api.headers, params=[("id", ids[0]), ("id", ids[2])]
    ).json()
    assert sorted(item["id"] for item in listing["entities"]) == sorted([ids[0], ids[2]])
    too_many = api.client.get(
        f"{OUTBOUND}/campaigns", headers=api.headers, params=[("id", f"id-{n}") for n in range(101)]
    )
    assert (too_many.status_code, code_of(too_many)) == (400, "too.many.bulk.retrieves")


def test_campaign_and_list_filters_by_reference(api: Api) -> None:
    made = s.full_org(api)
    other_list = api.create("contactlists", s.contact_list("other-list"))["id"]
    api.create("campaigns", s.campaign(other_list, name="other-campaign"))
    by_list = api.get(f"{OUTBOUND}/campaigns", contactListId=made["contactlists"]["id"]).json()
    assert [item["name"] for item in by_list["entities"]] == ["q3-renewals"]
    by_dnc = api.get(f"{OUTBOUND}/campaigns", dncListIds=made["dnclists"]["id"]).json()
    assert by_dnc["total"] == 1
    by_queue = api.get(f"{OUTBOUND}/campaigns", distributionQueueId=s.QUEUE).json()
    assert by_queue["total"] == 2
    filters = api.get(f"{OUTBOUND}/contactlistfilters", contactListId=other_list).json()
    assert filters["total"] == 0
    api.create("dnclists", s.dnc_list("dnc-dot-com", dncSourceType="dnc.com", loginId="acme", dncCodes=["B"]))
    assert api.get(f"{OUTBOUND}/dnclists", dncSourceType="dnc.com").json()["total"] == 1


def test_size_only_when_asked(api: Api, org: Emulator) -> None:
    dnc = api.create("dnclists", s.dnc_list())
    api.post(f"{OUTBOUND}/dnclists/{dnc['id']}/phonenumbers", ["+15555550101", "+15555550102"])
    assert "size" not in api.fetch("dnclists", dnc["id"])
    assert api.get(f"{OUTBOUND}/dnclists/{dnc['id']}", includeSize="true").json()["size"] == 2
    assert api.get(f"{OUTBOUND}/dnclists", includeSize="true").json()["entities"][0]["size"] == 2
    contact_list = api.create("contactlists", s.contact_list())
    assert api.get(f"{OUTBOUND}/contactlists/{contact_list['id']}", includeSize="true").json()["size"] == 0
