"""Campaign stats and progress (D16): shaped as SDK 269's CampaignStats and CampaignProgress, moving on the
emulator's clock while a campaign is on, still when it is off; recycle; figures set by the admin API."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.schema import definitions
from reconciler.emulator.seed import apply_seed
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

LINES = 10  # s.campaign's outboundLineCount: one call per line every 30 s while on


@pytest.fixture
def campaign(api: Api) -> dict[str, Any]:
    list_id = api.create("contactlists", s.contact_list())["id"]
    return api.create("campaigns", s.campaign(list_id))


def _figures(api: Api, campaign: dict[str, Any], **body: Any) -> Any:
    return api.client.post("/_emulator/campaign-state", json={"id": campaign["id"], **body})


def _progress(api: Api, campaign_id: str) -> dict[str, Any]:
    response = api.get(f"{OUTBOUND}/campaigns/{campaign_id}/progress")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _stats(api: Api, campaign_id: str) -> dict[str, Any]:
    response = api.get(f"{OUTBOUND}/campaigns/{campaign_id}/stats")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _turn(api: Api, campaign_id: str, status: str) -> dict[str, Any]:
    return api.update("campaigns", {**api.fetch("campaigns", campaign_id), "campaignStatus": status})


def _with_contacts(api: Api, campaign: dict[str, Any], total: int) -> None:
    assert _figures(api, campaign, progress={"totalNumberOfContacts": total}).status_code == 200


def _five_minutes_on(api: Api, clock: ManualClock, campaign: dict[str, Any]) -> None:
    """1000 contacts, turned on, five minutes on the clock: 300 s x LINES / 30 s = 100 contacts called."""
    _with_contacts(api, campaign, 1000)
    _turn(api, campaign["id"], "on")
    clock.advance(300)


def test_a_new_campaign_has_called_nobody(api: Api, campaign: dict[str, Any]) -> None:
    progress = _progress(api, campaign["id"])
    assert progress == {
        "campaign": {"id": campaign["id"], "name": "q3-renewals", "selfUri": campaign["selfUri"]},
        "contactList": {
            "id": campaign["contactList"]["id"],
            "name": "renewals-list",
            "selfUri": campaign["contactList"]["selfUri"],
        },
        "numberOfContactsCalled": 0,
        "numberOfContactsMessaged": 0,
        "totalNumberOfContacts": 0,
        "percentage": 0,
    }
    stats = _stats(api, campaign["id"])
    assert set(stats) == set(definitions()["CampaignStats"]["properties"])  # every field of the model
    assert (stats["outstandingCalls"], stats["linesUtilization"]["assignedOutboundLines"]) == (0, 0)
    assert stats["contactRate"] == {"attempts": 0, "connects": 0, "connectRatio": 0.0}


def test_an_on_campaign_calls_through_its_list_on_the_clock(
    api: Api, clock: ManualClock, campaign: dict[str, Any]
) -> None:
    _five_minutes_on(api, clock, campaign)
    progress = _progress(api, campaign["id"])
    assert (progress["numberOfContactsCalled"], progress["percentage"]) == (300 * LINES // 30, 10)
    stats = _stats(api, campaign["id"])
    assert (stats["outstandingCalls"], stats["linesUtilization"]["assignedOutboundLines"]) == (LINES, LINES)
    assert stats["contactRate"]["attempts"] == 100 and 0 < stats["contactRate"]["connects"] < 100
    clock.advance(3600)
    done = _progress(api, campaign["id"])
    assert (done["numberOfContactsCalled"], done["totalNumberOfContacts"], done["percentage"]) == (
        1000,
        1000,
        100,
    )
    assert _stats(api, campaign["id"])["outstandingCalls"] == 0  # nobody left to call


def test_an_off_campaign_keeps_its_progress_and_has_no_outstanding_calls(
    api: Api, org: Emulator, clock: ManualClock, campaign: dict[str, Any]
) -> None:
    org.settings.campaign_stop_seconds = 0
    _five_minutes_on(api, clock, campaign)
    _turn(api, campaign["id"], "off")
    clock.advance(600)
    assert _progress(api, campaign["id"])["numberOfContactsCalled"] == 100
    stats = _stats(api, campaign["id"])
    assert (stats["outstandingCalls"], stats["linesUtilization"]["assignedOutboundLines"]) == (0, 0)
    assert stats["adjustedCallsPerAgent"] == 0.0


def test_a_stopping_campaign_calls_no_one_new_while_its_calls_finish(
    api: Api, org: Emulator, clock: ManualClock, campaign: dict[str, Any]
) -> None:
    org.settings.campaign_stop_seconds = 30
    _five_minutes_on(api, clock, campaign)
    assert _turn(api, campaign["id"], "off")["campaignStatus"] == "stopping"
    clock.advance(20)
    assert _progress(api, campaign["id"])["numberOfContactsCalled"] == 100
    assert _stats(api, campaign["id"])["outstandingCalls"] == LINES
    clock.advance(20)
    assert api.fetch("campaigns", campaign["id"])["campaignStatus"] == "off"
    assert _stats(api, campaign["id"])["outstandingCalls"] == 0


def test_more_lines_dial_faster(api: Api, clock: ManualClock, campaign: dict[str, Any]) -> None:
    _five_minutes_on(api, clock, campaign)
    assert api.patch(f"{OUTBOUND}/campaigns/{campaign['id']}", {"outboundLineCount": 20}).status_code == 204
    clock.advance(300)
    assert _progress(api, campaign["id"])["numberOfContactsCalled"] == 100 + 200


def test_a_seeded_running_campaign_has_been_calling_since_its_last_change(
    org: Emulator, api: Api, clock: ManualClock, campaign: dict[str, Any]
) -> None:
    apply_seed(
        org,
        {
            "genesys": {
                "campaigns": [s.campaign(campaign["contactList"]["id"], "seeded", campaignStatus="on")]
            }
        },
    )
    seeded = api.get(f"{OUTBOUND}/campaigns", name="seeded").json()["entities"][0]
    _with_contacts(api, seeded, 1000)
    clock.advance(60)
    assert _progress(api, seeded["id"])["numberOfContactsCalled"] == 60 * LINES // 30


def test_recycle_resets_progress_at_most_every_five_seconds(
    api: Api, clock: ManualClock, campaign: dict[str, Any]
) -> None:
    _five_minutes_on(api, clock, campaign)
    path = f"{OUTBOUND}/campaigns/{campaign['id']}/progress"
    recycled = api.delete(path)
    assert (recycled.status_code, recycled.content) == (202, b"")
    assert _progress(api, campaign["id"])["numberOfContactsCalled"] == 0
    clock.advance(3)
    again = api.delete(path)
    assert (again.status_code, code_of(again)) == (429, "too.many.recycles")
    assert _progress(api, campaign["id"])["numberOfContactsCalled"] == 3 * LINES // 30  # dialing on from 0
    clock.advance(2)
    assert api.delete(path).status_code == 202


def test_progress_of_several_campaigns(api: Api, campaign: dict[str, Any]) -> None:
    other = api.create("campaigns", s.campaign(campaign["contactList"]["id"], "q4-renewals"))
    response = api.post(f"{OUTBOUND}/campaigns/progress", [other["id"], s.MISSING, campaign["id"]])
    assert response.status_code == 200
    assert [entry["campaign"]["name"] for entry in response.json()] == ["q4-renewals", "q3-renewals"]
    refused = api.post(f"{OUTBOUND}/campaigns/progress", {"ids": [campaign["id"]]})
    assert (refused.status_code, code_of(refused)) == (400, "bad.request")


@pytest.mark.parametrize("tail", ["stats", "progress"])
def test_an_unknown_campaign_is_404(api: Api, tail: str) -> None:
    response = api.get(f"{OUTBOUND}/campaigns/{s.MISSING}/{tail}")
    assert (response.status_code, code_of(response)) == (404, "not.found")
    assert response.json()["message"] == "The dialer campaign was not found."


def test_the_admin_api_sets_figures(api: Api, campaign: dict[str, Any]) -> None:
    answer = _figures(
        api,
        campaign,
        progress={
            "totalNumberOfContacts": 500,
            "numberOfContactsCalled": 250,
            "numberOfContactsSkipped": {"dnc": 4},
        },
        stats={"idleAgents": 3, "contactRate": {"connects": 40}},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["progress"] == _progress(api, campaign["id"])
    progress = _progress(api, campaign["id"])
    assert (progress["numberOfContactsCalled"], progress["percentage"]) == (250, 50)
    assert progress["numberOfContactsSkipped"] == {"dnc": 4}
    stats = _stats(api, campaign["id"])
    assert (stats["idleAgents"], stats["contactRate"]["connects"], stats["contactRate"]["attempts"]) == (
        3,
        40,
        250,
    )
    sized = api.get(f"{OUTBOUND}/contactlists/{campaign['contactList']['id']}", includeSize="true").json()
    assert sized["size"] == 500  # the list's contacts, as the progress counts them
    by_name = api.client.post(
        "/_emulator/campaign-state", json={"name": "q3-renewals", "stats": {"idleAgents": 1}}
    )
    assert by_name.json()["stats"]["idleAgents"] == 1


def test_admin_stats_figures_last_until_the_status_changes(
    api: Api, org: Emulator, campaign: dict[str, Any]
) -> None:
    org.settings.campaign_stop_seconds = 0
    _with_contacts(api, campaign, 1000)
    _turn(api, campaign["id"], "on")
    assert _figures(api, campaign, stats={"outstandingCalls": 7}).status_code == 200
    assert _stats(api, campaign["id"])["outstandingCalls"] == 7
    _turn(api, campaign["id"], "off")
    assert _stats(api, campaign["id"])["outstandingCalls"] == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"stats": {"bogus": 1}}, "stats.bogus: not a settable CampaignStats figure"),
        ({"stats": {"idleAgents": -1}}, "stats.idleAgents: expected a whole number >= 0"),
        ({"stats": {"idleAgents": 1.5}}, "stats.idleAgents: expected a whole number >= 0"),
        ({"stats": {"contactRate": {"ratio": 1}}}, "stats.contactRate.ratio: not a field of this figure"),
        ({"progress": {"percentage": 50}}, "progress.percentage: not a settable CampaignProgress figure"),
        (
            {"progress": {"numberOfContactsCalled": 5}},
            "progress.numberOfContactsCalled: 5 is more than the 0",
        ),
        ({"progress": {"totalNumberOfContacts": 9}, "stats": "x"}, "stats: expected an object"),
    ],
)
def test_bad_admin_figures_are_refused_and_change_nothing(
    api: Api, campaign: dict[str, Any], body: dict[str, Any], message: str
) -> None:
    response = _figures(api, campaign, **body)
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)
    assert _progress(api, campaign["id"])["totalNumberOfContacts"] == 0


def test_admin_figures_for_an_unknown_campaign_are_404(api: Api) -> None:
    response = api.client.post("/_emulator/campaign-state", json={"name": "nope", "stats": {}})
    assert (response.status_code, response.json()) == (404, {"error": "no such campaign: nope"})
