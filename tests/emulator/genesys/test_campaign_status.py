"""Campaign status rules (G§6.1, G§7.2): created off; on -> stopping -> off after the configured delay;
contact list, dialing mode and phone columns locked while running; start/stop; delete only when off;
and the cross-object 400s of POST/PUT campaigns."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


@pytest.fixture
def contact_list_id(api: Api) -> str:
    return str(api.create("contactlists", s.contact_list())["id"])


@pytest.fixture
def running(api: Api, contact_list_id: str) -> dict[str, Any]:
    created = api.create("campaigns", s.campaign(contact_list_id))
    return api.update("campaigns", {**created, "campaignStatus": "on"})


@pytest.mark.parametrize("asked", ["off", None])
def test_campaigns_are_created_off(api: Api, contact_list_id: str, asked: str | None) -> None:
    body = s.campaign(contact_list_id)
    if asked is None:
        body.pop("campaignStatus")
    else:
        body["campaignStatus"] = asked
    assert api.create("campaigns", body)["campaignStatus"] == "off"


@pytest.mark.parametrize("asked", ["on", "complete"])
def test_a_create_asking_for_another_status_is_refused(api: Api, contact_list_id: str, asked: str) -> None:
    response = api.post(f"{OUTBOUND}/campaigns", s.campaign(contact_list_id, campaignStatus=asked))
    assert (response.status_code, code_of(response)) == (400, "bad.request")
    assert response.json()["details"] == [{"errorCode": "bad.request", "fieldName": "campaignStatus"}]
    assert "created with campaignStatus 'off'" in response.json()["message"]
    assert api.get(f"{OUTBOUND}/campaigns").json()["total"] == 0  # nothing was stored


def test_a_seeded_org_may_hold_a_running_campaign(org: Emulator, api: Api, contact_list_id: str) -> None:
    apply_seed(org, {"genesys": {"campaigns": [s.campaign(contact_list_id, campaignStatus="on")]}})
    (seeded,) = api.get(f"{OUTBOUND}/campaigns").json()["entities"]
    assert seeded["campaignStatus"] == "on"  # a seed is an org as it stands, not a create


def test_on_then_off_goes_through_stopping(
    api: Api, org: Emulator, clock: ManualClock, running: dict[str, Any]
) -> None:
    org.settings.campaign_stop_seconds = 30
    assert running["campaignStatus"] == "on" and running["version"] == 2
    stopping = api.update("campaigns", {**running, "campaignStatus": "off"})
    assert stopping["campaignStatus"] == "stopping"
    clock.advance(29)
    assert api.fetch("campaigns", running["id"])["campaignStatus"] == "stopping"
    clock.advance(2)
    stopped = api.fetch("campaigns", running["id"])
    assert stopped["campaignStatus"] == "off"
    assert stopped["version"] == stopping["version"] + 1  # the dialer's own write


def test_a_zero_stop_delay_turns_off_at_once(api: Api, org: Emulator, running: dict[str, Any]) -> None:
    org.settings.campaign_stop_seconds = 0
    assert api.update("campaigns", {**running, "campaignStatus": "off"})["campaignStatus"] == "off"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dialingMode", "power"),
        ("phoneColumns", [{"columnName": "HomePhone", "type": "home"}]),
        ("contactList", "other"),
    ],
)
@pytest.mark.parametrize("state", ["on", "stopping"])
def test_locked_fields_while_running(
    api: Api, org: Emulator, running: dict[str, Any], field: str, value: Any, state: str
) -> None:
    org.settings.campaign_stop_seconds = 60
    current = running if state == "on" else api.update("campaigns", {**running, "campaignStatus": "off"})
    if value == "other":
        value = s.ref(api.create("contactlists", s.contact_list("other-list"))["id"])
    response = api.put(f"{OUTBOUND}/campaigns/{running['id']}", {**current, field: value})
    assert (response.status_code, code_of(response)) == (409, "invalid.update.campaign.active")
    assert api.fetch("campaigns", running["id"])["version"] == current["version"]


def test_other_fields_can_change_while_running(api: Api, running: dict[str, Any]) -> None:
    updated = api.update("campaigns", {**running, "abandonRate": 2.5, "outboundLineCount": 20})
    assert (updated["campaignStatus"], updated["abandonRate"], updated["outboundLineCount"]) == (
        "on",
        2.5,
        20,
    )


def test_a_locked_field_can_change_once_off(api: Api, org: Emulator, running: dict[str, Any]) -> None:
    org.settings.campaign_stop_seconds = 0
    stopped = api.update("campaigns", {**running, "campaignStatus": "off"})
    assert api.update("campaigns", {**stopped, "dialingMode": "power"})["dialingMode"] == "power"


def test_status_is_required_on_update(api: Api, contact_list_id: str) -> None:
    created = api.create("campaigns", s.campaign(contact_list_id))
    body = {key: value for key, value in created.items() if key != "campaignStatus"}
    response = api.put(f"{OUTBOUND}/campaigns/{created['id']}", body)
    assert (response.status_code, code_of(response)) == (400, "invalid.update")


@pytest.mark.parametrize("requested", ["complete", "stopping", "forced_off"])
def test_server_states_cannot_be_requested(api: Api, contact_list_id: str, requested: str) -> None:
    created = api.create("campaigns", s.campaign(contact_list_id))
    response = api.put(f"{OUTBOUND}/campaigns/{created['id']}", {**created, "campaignStatus": requested})
    assert (response.status_code, code_of(response)) == (400, "invalid.update")
    assert f"Invalid transition from <OFF> to <{requested.upper()}>" in response.json()["message"]


def test_complete_can_be_turned_on_but_not_off(api: Api, org: Emulator, contact_list_id: str) -> None:
    created = api.create("campaigns", s.campaign(contact_list_id))
    complete = api.client.post(
        "/_emulator/external-edit",
        json={"collection": "campaigns", "id": created["id"], "changes": {"campaignStatus": "complete"}},
    ).json()
    off = api.put(f"{OUTBOUND}/campaigns/{created['id']}", {**complete, "campaignStatus": "off"})
    assert (off.status_code, code_of(off)) == (400, "invalid.update")
    assert off.json()["message"] == (
        "An attempt was made to update a Campaign in an invalid way. "
        "Details: Invalid transition from <COMPLETE> to <OFF>"
    )
    same = api.update("campaigns", complete)  # sending the current server state back is no transition
    assert api.update("campaigns", {**same, "campaignStatus": "on"})["campaignStatus"] == "on"


def test_delete_only_when_off(api: Api, org: Emulator, clock: ManualClock, running: dict[str, Any]) -> None:
    org.settings.campaign_stop_seconds = 10
    path = f"{OUTBOUND}/campaigns/{running['id']}"
    refused = api.delete(path)
    assert (refused.status_code, code_of(refused)) == (400, "campaign.in.use")
    api.update("campaigns", {**running, "campaignStatus": "off"})
    assert code_of(api.delete(path)) == "campaign.in.use"  # still stopping
    clock.advance(11)
    deleted = api.delete(path)
    assert deleted.status_code == 200 and deleted.json()["campaignStatus"] == "off"


def test_start_and_stop_endpoints(api: Api, org: Emulator, clock: ManualClock, contact_list_id: str) -> None:
    org.settings.campaign_stop_seconds = 5
    created = api.create("campaigns", s.campaign(contact_list_id))
    started = api.post(f"{OUTBOUND}/campaigns/{created['id']}/start")
    assert started.status_code == 200
    on = api.fetch("campaigns", created["id"])
    assert (on["campaignStatus"], on["version"]) == ("on", 2)
    assert api.post(f"{OUTBOUND}/campaigns/{created['id']}/start").status_code == 200
    assert api.fetch("campaigns", created["id"])["version"] == 2  # already on: nothing written
    api.post(f"{OUTBOUND}/campaigns/{created['id']}/stop")
    assert api.fetch("campaigns", created["id"])["campaignStatus"] == "stopping"
    clock.advance(5)
    assert api.fetch("campaigns", created["id"])["campaignStatus"] == "off"
    missing = api.post(f"{OUTBOUND}/campaigns/{s.MISSING}/start")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"site": s.ref(s.SITE)}, "site.and.edge.group.cannot.be.configured"),
        ({"priority": 6}, "invalid.priority"),
        ({"previewTimeOutSeconds": 1201}, "invalid.campaign.preview.timeout.seconds"),
        ({"callerName": " "}, "missing.caller.id.name"),
        ({"callerAddress": ""}, "missing.caller.id.address"),
        ({"phoneColumns": [{"columnName": "FirstName", "type": "cell"}]}, "invalid.campaign.phone.columns"),
        ({"contactSorts": [{"fieldName": "Nope", "direction": "ASC"}]}, "contact.sorts.invalid.field.name"),
        (
            {"contactSorts": [{"fieldName": "AccountId"}, {"fieldName": "AccountId", "direction": "DESC"}]},
            "contact.sorts.duplicate.field.names",
        ),
    ],
)
def test_campaign_consistency_codes(
    api: Api, contact_list_id: str, changes: dict[str, Any], code: str
) -> None:
    response = api.post(f"{OUTBOUND}/campaigns", s.campaign(contact_list_id, **changes))
    assert (response.status_code, code_of(response)) == (400, code)


def test_contact_list_filter_rules(api: Api, contact_list_id: str) -> None:
    other_list = api.create("contactlists", s.contact_list("other-list"))["id"]
    own = api.create("contactlistfilters", s.contact_list_filter(contact_list_id))["id"]
    foreign = api.create("contactlistfilters", s.contact_list_filter(other_list, "other-filter"))["id"]
    mismatch = api.post(
        f"{OUTBOUND}/campaigns", s.campaign(contact_list_id, contactListFilters=[s.ref(foreign)])
    )
    assert code_of(mismatch) == "contact.list.filter.does.not.match.contact.list"
    two = api.post(
        f"{OUTBOUND}/campaigns", s.campaign(contact_list_id, contactListFilters=[s.ref(own), s.ref(own)])
    )
    assert code_of(two) == "more.than.one.contact.list.filter"
    assert api.create("campaigns", s.campaign(contact_list_id, contactListFilters=[s.ref(own)]))


def test_callable_time_set_conflicts_with_automatic_time_zone_mapping(api: Api) -> None:
    mapped = s.contact_list("mapped-list", automaticTimeZoneMapping=True, zipCodeColumnName="ZipCode")
    mapped["phoneColumns"] = [{"columnName": "CellPhone", "type": "cell"}]
    list_id = api.create("contactlists", mapped)["id"]
    hours = api.create("callabletimesets", s.callable_time_set())["id"]
    response = api.post(f"{OUTBOUND}/campaigns", s.campaign(list_id, callableTimeSet=s.ref(hours)))
    assert (response.status_code, code_of(response)) == (
        400,
        "callable.time.set.conflicts.with.automatic.time.zone.mapping",
    )
