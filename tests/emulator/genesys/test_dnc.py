"""DNC phone numbers and the export Terraform reads them with (G§6.7, G§7.3)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from reconciler.emulator.clock import ManualClock, iso_after
from reconciler.emulator.core import Emulator
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


@pytest.fixture
def internal(api: Api) -> dict[str, Any]:
    return api.create("dnclists", s.dnc_list())


def _size(api: Api, list_id: str) -> int:
    size: int = api.get(f"{OUTBOUND}/dnclists/{list_id}", includeSize="true").json()["size"]
    return size


def _exported(api: Api, list_id: str) -> list[list[str]]:
    assert api.post(f"{OUTBOUND}/dnclists/{list_id}/export").status_code == 200
    uri = api.get(f"{OUTBOUND}/dnclists/{list_id}/export").json()["uri"]
    download = api.client.get(uri, headers=api.headers)
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(download.text)))[1:]


def test_post_numbers_to_an_internal_list(api: Api, internal: dict[str, Any]) -> None:
    path = f"{OUTBOUND}/dnclists/{internal['id']}/phonenumbers"
    assert api.post(path, ["+15555550101", "+15555550102"]).status_code == 200
    assert (
        api.post(path, ["+15555550102", "+15555550103"], expirationDateTime="2027-01-01T00:00Z").status_code
        == 200
    )
    assert _size(api, internal["id"]) == 3
    rows = _exported(api, internal["id"])
    assert [(row[0], row[2]) for row in rows] == [
        ("+15555550101", ""),
        ("+15555550102", "2027-01-01T00:00Z"),
        ("+15555550103", "2027-01-01T00:00Z"),
    ]
    assert api.fetch("dnclists", internal["id"])["version"] == 1  # entries are not part of the list object


def test_patch_adds_and_removes(api: Api, internal: dict[str, Any]) -> None:
    path = f"{OUTBOUND}/dnclists/{internal['id']}/phonenumbers"
    added = api.patch(path, {"action": "Add", "phoneNumbers": ["+15555550110", "+15555550111"]})
    assert (added.status_code, added.content) == (204, b"")
    assert api.patch(path, {"action": "Remove", "phoneNumbers": ["+15555550110"]}).status_code == 204
    assert [row[0] for row in _exported(api, internal["id"])] == ["+15555550111"]
    wrong = api.patch(path, {"action": "Replace", "phoneNumbers": []})
    assert (wrong.status_code, code_of(wrong)) == (400, "invalid.value")


def test_delete_all_or_only_expired(
    api: Api, internal: dict[str, Any], org: Emulator, clock: ManualClock
) -> None:
    path = f"{OUTBOUND}/dnclists/{internal['id']}/phonenumbers"
    soon = iso_after(clock.now(), 60)[:16] + "Z"
    api.post(path, ["+15555550120"], expirationDateTime=soon)
    api.post(path, ["+15555550121"])
    clock.advance(120)
    assert api.delete(path, expiredOnly="true").status_code == 204
    assert [row[0] for row in _exported(api, internal["id"])] == ["+15555550121"]
    assert api.delete(path).status_code == 204
    assert _size(api, internal["id"]) == 0


@pytest.mark.parametrize(
    "body",
    [
        s.dnc_list("dnc-dot-com", dncSourceType="dnc.com", loginId="acme", dncCodes=["B", "W"]),
        s.dnc_list("gryphon-list", dncSourceType="gryphon", licenseId="LIC-0001"),
        s.dnc_list("email-only", contactMethod="Email"),
    ],
)
def test_numbers_only_on_internal_phone_lists(api: Api, body: dict[str, Any]) -> None:
    external = api.create("dnclists", body)
    path = f"{OUTBOUND}/dnclists/{external['id']}/phonenumbers"
    for response in (
        api.post(path, ["+15555550130"]),
        api.patch(path, {"action": "Add", "phoneNumbers": []}),
    ):
        assert (response.status_code, code_of(response)) == (400, "dnc.source.operation.not.supported")


def test_unknown_list_and_bad_bodies(api: Api, internal: dict[str, Any]) -> None:
    missing = api.post(f"{OUTBOUND}/dnclists/{s.MISSING}/phonenumbers", ["+15555550140"])
    assert (missing.status_code, code_of(missing)) == (404, "dnc.list.not.found")
    path = f"{OUTBOUND}/dnclists/{internal['id']}/phonenumbers"
    not_a_list = api.post(path, {"phoneNumbers": ["+15555550140"]})
    assert (not_a_list.status_code, code_of(not_a_list)) == (400, "bad.request")
    bad_date = api.post(path, ["+15555550140"], expirationDateTime="soon")
    assert (bad_date.status_code, code_of(bad_date)) == (400, "invalid.date")


def test_export_needs_a_request_first(api: Api, internal: dict[str, Any]) -> None:
    response = api.get(f"{OUTBOUND}/dnclists/{internal['id']}/export")
    assert (response.status_code, code_of(response)) == (404, "no.available.list.export.uri")
    started = api.post(f"{OUTBOUND}/dnclists/{internal['id']}/export").json()
    assert started["id"] and started["selfUri"].endswith(started["id"])
    redirect = api.client.get(
        f"{OUTBOUND}/dnclists/{internal['id']}/export",
        headers=api.headers,
        params={"download": "true"},
        follow_redirects=False,
    )
    assert redirect.status_code == 303 and redirect.headers["location"].endswith(started["id"])


def test_sources_need_their_settings(api: Api) -> None:
    response = api.post(f"{OUTBOUND}/dnclists", s.dnc_list("dnc-dot-com", dncSourceType="dnc.com"))
    assert (response.status_code, code_of(response)) == (400, "dnc.source.configuration.invalid")


def test_deleting_a_list_drops_its_numbers(api: Api, internal: dict[str, Any], org: Emulator) -> None:
    api.post(f"{OUTBOUND}/dnclists/{internal['id']}/phonenumbers", ["+15555550150"])
    assert api.delete(f"{OUTBOUND}/dnclists/{internal['id']}").status_code == 200
    assert internal["id"] not in org.state.dnc_numbers
