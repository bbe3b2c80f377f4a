"""Campaign and sequence schedules (G§6.4, G§6.5) and the org singletons (G§6.12, G§6.13)."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

SCHEDULES = f"{OUTBOUND}/schedules/campaigns"


@pytest.fixture
def campaign(api: Api) -> dict[str, Any]:
    list_id = api.create("contactlists", s.contact_list())["id"]
    return api.create("campaigns", s.campaign(list_id))


def test_put_creates_then_replaces_a_campaign_schedule(api: Api, campaign: dict[str, Any]) -> None:
    path = f"{SCHEDULES}/{campaign['id']}"
    assert api.get(path).status_code == 404
    created = api.put(path, s.campaign_schedule(campaign["id"], version=12))
    assert created.status_code == 200, created.text
    schedule = created.json()
    assert (schedule["id"], schedule["version"], schedule["selfUri"]) == (campaign["id"], 1, path)
    assert schedule["campaign"]["id"] == campaign["id"] and schedule["name"] == campaign["name"]
    later = [{"start": "2026-07-02T09:00:00.000Z", "end": "2026-07-02T17:00:00.000Z"}]
    replaced = api.put(path, {**schedule, "intervals": later}).json()
    assert (replaced["version"], replaced["intervals"]) == (2, later)
    listing = api.get(SCHEDULES).json()
    assert isinstance(listing, list) and [item["id"] for item in listing] == [campaign["id"]]
    assert api.get(path).json() == replaced


def test_schedule_versions_are_checked_on_replace(api: Api, campaign: dict[str, Any]) -> None:
    path = f"{SCHEDULES}/{campaign['id']}"
    first = api.put(path, s.campaign_schedule(campaign["id"])).json()
    api.put(path, first)
    stale = api.put(path, first)
    assert (stale.status_code, code_of(stale)) == (409, "invalid.update.wrong.version")
    unversioned = api.put(path, s.campaign_schedule(campaign["id"]))
    assert (unversioned.status_code, code_of(unversioned)) == (400, "invalid.update")


def test_schedules_need_their_campaign(api: Api, campaign: dict[str, Any]) -> None:
    missing = api.put(f"{SCHEDULES}/{s.MISSING}", s.campaign_schedule(s.MISSING))
    assert (missing.status_code, code_of(missing)) == (404, "campaign.not.found")
    assert code_of(api.get(f"{SCHEDULES}/{s.MISSING}")) == "campaign.not.found"
    other = api.put(f"{SCHEDULES}/{campaign['id']}", s.campaign_schedule(s.MISSING))
    assert (other.status_code, code_of(other)) == (400, "invalid.update")


def test_intervals_must_end_after_they_start(api: Api, campaign: dict[str, Any]) -> None:
    backwards = [{"start": "2026-07-01T17:00:00.000Z", "end": "2026-07-01T09:00:00.000Z"}]
    response = api.put(
        f"{SCHEDULES}/{campaign['id']}", s.campaign_schedule(campaign["id"], intervals=backwards)
    )
    assert (response.status_code, code_of(response)) == (400, "invalid.interval.time")
    garbled = [{"start": "next tuesday", "end": "2026-07-01T09:00:00.000Z"}]
    response = api.put(
        f"{SCHEDULES}/{campaign['id']}", s.campaign_schedule(campaign["id"], intervals=garbled)
    )
    assert (response.status_code, code_of(response)) == (400, "invalid.date")


def test_delete_schedule_and_the_campaign_it_guarded(api: Api, campaign: dict[str, Any]) -> None:
    path = f"{SCHEDULES}/{campaign['id']}"
    api.put(path, s.campaign_schedule(campaign["id"]))
    blocked = api.delete(f"{OUTBOUND}/campaigns/{campaign['id']}")
    assert (blocked.status_code, code_of(blocked)) == (400, "referential.integrity.error")
    assert api.delete(path).status_code == 200
    assert code_of(api.get(path)) == "not.found"
    assert code_of(api.delete(path)) == "not.found"
    assert api.delete(f"{OUTBOUND}/campaigns/{campaign['id']}").status_code == 200


def test_sequence_schedules(api: Api, campaign: dict[str, Any]) -> None:
    sequence_id = api.create("sequences", s.sequence([campaign["id"]]))["id"]
    path = f"{OUTBOUND}/schedules/sequences/{sequence_id}"
    created = api.put(path, s.sequence_schedule(sequence_id)).json()
    assert (created["id"], created["sequence"]["id"], created["version"]) == (sequence_id, sequence_id, 1)
    assert [item["id"] for item in api.get(f"{OUTBOUND}/schedules/sequences").json()] == [sequence_id]
    missing = api.put(f"{OUTBOUND}/schedules/sequences/{s.MISSING}", s.sequence_schedule(s.MISSING))
    assert (missing.status_code, code_of(missing)) == (404, "campaign.sequence.not.found")
    blocked = api.delete(f"{OUTBOUND}/sequences/{sequence_id}")
    assert code_of(blocked) == "campaign.sequence.in.use"


SETTINGS = f"{OUTBOUND}/settings"


def test_settings_exist_before_anyone_sets_them(api: Api) -> None:
    settings = api.get(SETTINGS).json()
    assert settings["version"] == 1 and settings["selfUri"] == SETTINGS
    assert 1 <= settings["maxCallsPerAgent"] <= 15


def test_settings_patch_is_accepted_then_applied_later(api: Api, org: Emulator, clock: ManualClock) -> None:
    org.settings.settings_apply_seconds = 3
    before = api.get(SETTINGS).json()
    response = api.patch(
        SETTINGS, {"version": before["version"], "maxCallsPerAgent": 7, "abandonSeconds": 2.5}
    )
    assert (response.status_code, response.content) == (204, b"")
    assert api.get(SETTINGS).json() == before  # "Accepted - Processing Update": not there yet
    clock.advance(3)
    after = api.get(SETTINGS).json()
    assert (after["maxCallsPerAgent"], after["abandonSeconds"], after["version"]) == (7, 2.5, 2)
    assert (
        after["maxLineUtilization"] == before["maxLineUtilization"]
    )  # a partial body changes only its fields


def test_settings_version_is_checked(api: Api, org: Emulator) -> None:
    org.settings.settings_apply_seconds = 0
    current = api.get(SETTINGS).json()
    assert api.patch(SETTINGS, {"version": current["version"], "maxCallsPerAgent": 5}).status_code == 204
    stale = api.patch(SETTINGS, {"version": current["version"], "maxCallsPerAgent": 6})
    assert (stale.status_code, code_of(stale)) == (409, "invalid.update.wrong.version")
    assert stale.json()["message"] == "outbound settings version does not match expected"
    missing = api.patch(SETTINGS, {"maxCallsPerAgent": 6})
    assert (missing.status_code, code_of(missing)) == (400, "invalid.update")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"maxCallsPerAgent": 16}, "invalid.max.calls.per.agent"),
        ({"maxCallsPerAgent": 0}, "invalid.max.calls.per.agent"),
        ({"maxLineUtilization": 1.5}, "invalid.max.line.utilization"),
        ({"maxLineUtilization": 0.555}, "invalid.max.line.utilization"),
        ({"abandonSeconds": 301}, "invalid.abandon.seconds"),
    ],
)
def test_settings_ranges(api: Api, change: dict[str, Any], code: str) -> None:
    response = api.patch(SETTINGS, {"version": 1, **change})
    assert (response.status_code, code_of(response)) == (400, code)


MAPPINGS = f"{OUTBOUND}/wrapupcodemappings"


def test_wrap_up_code_mappings_put_with_version(api: Api) -> None:
    current = api.get(MAPPINGS).json()
    body = {
        **current,
        "defaultSet": ["CONTACT_UNCALLABLE"],
        "mapping": {
            s.WRAPUP_DNC: ["NUMBER_UNCALLABLE"],
            s.WRAPUP_SALE: ["RIGHT_PARTY_CONTACT", "BUSINESS_SUCCESS"],
        },
    }
    updated = api.put(MAPPINGS, body)
    assert updated.status_code == 200, updated.text
    assert updated.json()["version"] == current["version"] + 1
    assert api.get(MAPPINGS).json()["mapping"][s.WRAPUP_SALE] == ["RIGHT_PARTY_CONTACT", "BUSINESS_SUCCESS"]
    stale = api.put(MAPPINGS, body)
    assert (stale.status_code, code_of(stale)) == (409, "invalid.update.wrong.version")
    assert stale.json()["message"] == "Wrap up code mapping version does not match expected"


@pytest.mark.parametrize(
    "change",
    [{"defaultSet": ["SOMETIMES_CALLABLE"]}, {"mapping": {s.MISSING: ["NUMBER_UNCALLABLE"]}}],
)
def test_wrap_up_code_mappings_must_be_valid(api: Api, change: dict[str, Any]) -> None:
    current = api.get(MAPPINGS).json()
    response = api.put(MAPPINGS, {**current, **change})
    assert (response.status_code, code_of(response)) == (400, "invalid.update")
