"""What the emulated dialer has done with each campaign: contacts called while it was `on`, on the clock.

The emulator has no contact rows, so a contact list holds the number of contacts the admin API gave it
(0 until then, as a list nobody imported into). While a campaign is `on` it calls through its list at
one contact per outbound line every CALL_SECONDS; `stopping` and `off` call no one. The bookkeeping is
emulator meta, never an API object:

    genesys_dialing:        {campaign id: {"called": float, "onSince": time | None, "recycledAt": time,
                                            "stats": {...}, "progress": {...}}}   figures set by the admin
    genesys_contact_counts: {contact list id: number of contacts}
"""

from __future__ import annotations

import copy
import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reconciler.emulator.genesys.kinds import self_uri
from reconciler.emulator.metric_days import stored_days
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

_RUNS = "genesys_dialing"
_CONTACTS = "genesys_contact_counts"
CALL_SECONDS = 30.0  # one call per outbound line every 30 s while on (emulator's choice)
CONNECT_PERCENT = 35  # share of attempts with a live voice (emulator's choice)
RIGHT_PARTY_PERCENT = 60  # share of connects that reach the right party (emulator's choice)
ACTIVE = frozenset({"on", "stopping"})


def contact_count(emulator: Emulator, list_id: str) -> int:
    count: int = emulator.state.meta.get(_CONTACTS, {}).get(list_id, 0)
    return count


def set_contact_count(emulator: Emulator, list_id: str, count: int) -> None:
    emulator.state.meta.setdefault(_CONTACTS, {})[list_id] = count


def _runs(emulator: Emulator) -> dict[str, JsonObject]:
    runs: dict[str, JsonObject] = emulator.state.meta.setdefault(_RUNS, {})
    return runs


def run_of(emulator: Emulator, campaign_id: str) -> JsonObject:
    """The campaign's bookkeeping (empty when it never dialed and has no figures)."""
    return _runs(emulator).get(campaign_id, {})


def booking(emulator: Emulator, campaign_id: str) -> JsonObject:
    """The campaign's bookkeeping, to change (created empty)."""
    return _runs(emulator).setdefault(campaign_id, {})


def lines(campaign: JsonObject) -> int:
    count = campaign.get("outboundLineCount")
    return count if isinstance(count, int) and count > 0 else 1


def _total(emulator: Emulator, campaign: JsonObject) -> int:
    return contact_count(emulator, str((campaign.get("contactList") or {}).get("id", "")))


def _moment(stamp: Any, fallback: float) -> float:
    try:
        return datetime.strptime(str(stamp), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return fallback


def _called_exactly(emulator: Emulator, campaign: JsonObject) -> float:
    """Contacts called so far, counting the time since the campaign last turned on.

    A campaign that is on without bookkeeping (seeded, or turned on by an external edit) counts from its
    last modification."""
    run = run_of(emulator, campaign["id"])
    called = float(run.get("called", 0.0))
    if campaign.get("campaignStatus") == "on":
        now = emulator.now()
        since = run.get("onSince")
        start = float(since) if since is not None else _moment(campaign.get("dateModified"), now)
        called += max(0.0, now - start) * lines(campaign) / CALL_SECONDS
    return min(called, float(_total(emulator, campaign)))


def called(emulator: Emulator, campaign: JsonObject) -> int:
    return math.floor(_called_exactly(emulator, campaign))


def settle(emulator: Emulator, campaign: JsonObject, next_status: str) -> None:
    """Before a write of `campaign` (status, lines): book what it called so far and restart the clock.

    A change of status drops the stats figures the admin API set: they described the campaign as it was."""
    if campaign["id"] not in _runs(emulator) and "on" not in (campaign.get("campaignStatus"), next_status):
        return
    run = booking(emulator, campaign["id"])
    run["called"] = _called_exactly(emulator, campaign)
    run["onSince"] = emulator.now() if next_status == "on" else None
    if next_status != campaign.get("campaignStatus"):
        run.pop("stats", None)


def recycle(emulator: Emulator, campaign: JsonObject) -> None:
    """Reset the progress (DELETE .../progress): nobody called yet; figures set by the admin are dropped."""
    on = campaign.get("campaignStatus") == "on"
    _runs(emulator)[campaign["id"]] = {
        "called": 0.0,
        "onSince": emulator.now() if on else None,
        "recycledAt": emulator.now(),
    }
    emulator.changed()


def _merged(derived: JsonObject, figures: JsonObject) -> JsonObject:
    shown = copy.deepcopy(derived)
    for key, value in figures.items():
        if isinstance(value, dict) and isinstance(shown.get(key), dict) and key != "numberOfContactsSkipped":
            shown[key] = {**shown[key], **value}
        else:
            shown[key] = copy.deepcopy(value)
    return shown


def progress(emulator: Emulator, campaign: JsonObject, contact_list: JsonObject | None) -> JsonObject:
    """CampaignProgress (SDK 269): the campaign's way through its contact list."""
    total = _total(emulator, campaign)
    done = called(emulator, campaign)
    list_id = str((campaign.get("contactList") or {}).get("id", ""))
    derived: JsonObject = {
        "campaign": {
            "id": campaign["id"],
            "name": campaign.get("name"),
            "selfUri": self_uri("campaigns", campaign["id"]),
        },
        "contactList": {
            "id": list_id,
            "name": (contact_list or {}).get("name"),
            "selfUri": self_uri("contactlists", list_id),
        },
        "numberOfContactsCalled": done,
        "numberOfContactsMessaged": 0,
        "totalNumberOfContacts": total,
        "percentage": done * 100 // total if total else 0,
    }
    return _merged(derived, run_of(emulator, campaign["id"]).get("progress", {}))


def stats(emulator: Emulator, campaign: JsonObject) -> JsonObject:
    """CampaignStats (SDK 269): live figures; an off campaign has no outstanding calls or assigned lines.
    Attempts and connects are today's measured counts (UTC day) when `POST /_emulator/metrics` set them."""
    status = campaign.get("campaignStatus")
    active = status in ACTIVE
    measured = stored_days(emulator, "genesys", str(campaign["id"])).get(
        datetime.fromtimestamp(emulator.now(), UTC).date()
    )
    attempts = called(emulator, campaign) if measured is None else int(measured["attempted"])
    connects = attempts * CONNECT_PERCENT // 100 if measured is None else int(measured["connected"])
    remaining = _total(emulator, campaign) - attempts
    pace = campaign.get("maxCallsPerAgentDecimal") or campaign.get("maxCallsPerAgent") or 1
    derived: JsonObject = {
        "contactRate": {
            "attempts": attempts,
            "connects": connects,
            "connectRatio": round(connects / attempts, 4) if attempts else 0.0,
        },
        "idleAgents": 0,
        "effectiveIdleAgents": 0.0,
        "adjustedCallsPerAgent": float(pace) if status == "on" else 0.0,
        "outstandingCalls": min(lines(campaign), remaining) if active else 0,
        "scheduledCalls": 0,
        "timeZoneRescheduledCalls": 0,
        "filteredOutContactsCount": 0,
        "rightPartyContactsCount": connects * RIGHT_PARTY_PERCENT // 100,
        "validAttempts": attempts,
        "linesUtilization": {
            "assignedOutboundLines": lines(campaign) if active else 0,
            "totalAvailableOutboundLines": lines(campaign),
        },
        "businessCategoryMetrics": {"successCount": 0, "neutralCount": 0, "failureCount": 0},
    }
    return _merged(derived, run_of(emulator, campaign["id"]).get("stats", {}))
