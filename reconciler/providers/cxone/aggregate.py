"""The parameters read (GET /skills/parameters) translated once to the per-block shape manifests use.

The aggregate read answers shapes of its own (Admin API text, mark05e/NiceIncontactAPI-Admin
`Admin/Skills`, and the newer generated client calljacob/nice-cxone-api `AdminSkillsService`):
`scheduleSettings` is `{isScheduled, schedules: [{day, active, startTime, endTime}]}` where the
schedule-settings PUT takes flat `mondayStartTime`... fields; time-zone items carry `name` where the
time-zones PUT takes `standardName`; CPA exceptions carry `attemptNo` (PUT `attempt_No`) and
`enableCPALogging` is a string (PUT boolean). Everything downstream (plan, apply, export) sees only the
per-block shape. Time zones a time-zones PUT deactivated (it deactivates every zone it does not list)
may still be read back with `timeZoneActiveToCall: false`; only active zones are kept, so they never
drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Body = dict[str, Any]

DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
GET_SPELLINGS = {
    "xsSettings": {"xsScriptId": "xsScriptID", "xsCheckinScriptId": "xsCheckinScriptID"},
    "listManagementSettings": {"displayField2NAme": "displayField2Name"},
}
"""Fields the read spells differently from the block's PUT."""


def _day(value: Any) -> str | None:
    text = str(value or "").strip().casefold()
    return next((day for day in DAYS if text in (day, day[:3])), None)


def _clock(value: Any) -> Any:
    """ "09:00:00" as "09:00" (the PUT's form); anything else unchanged."""
    if isinstance(value, str) and len(value) == 8 and value.endswith(":00") and value[2] == ":":
        return value[:5]
    return value


def _schedule(block: Body) -> Body:
    schedules = block.get("schedules")
    if not isinstance(schedules, list):
        return block  # already the flat form
    flat: Body = {"isScheduled": block.get("isScheduled")}
    for item in schedules:
        day = _day(item.get("day")) if isinstance(item, dict) else None
        if day is not None:
            flat[f"{day}StartTime"] = _clock(item.get("startTime"))
            flat[f"{day}EndTime"] = _clock(item.get("endTime"))
            flat[f"{day}IsActive"] = item.get("active")
    return flat


def active_zones(zones: Iterable[Any]) -> list[Any]:
    """The windows that are active: a zone marked inactive is the same as one not listed."""
    return [
        zone for zone in zones if not (isinstance(zone, dict) and zone.get("timeZoneActiveToCall") is False)
    ]


def _zones(zones: list[Any]) -> list[Any]:
    windows = []
    for zone in active_zones(zones):
        if not isinstance(zone, dict):
            continue
        window = {key: value for key, value in zone.items() if key not in ("name", "description")}
        window["standardName"] = zone.get("standardName", zone.get("name"))
        for key in ("startTime", "endTime"):
            if key in window:
                window[key] = _clock(window[key])
        windows.append(window)
    return windows


def _boolean(value: Any) -> Any:
    if isinstance(value, str) and value.strip().casefold() in ("true", "false"):
        return value.strip().casefold() == "true"
    return value


def _cpa(block: Body) -> Body:
    translated = dict(block)
    if isinstance(translated.get("exceptions"), list):
        translated["exceptions"] = [
            {("attempt_No" if key == "attemptNo" else key): value for key, value in item.items()}
            if isinstance(item, dict)
            else item
            for item in translated["exceptions"]
        ]
    if "enableCPALogging" in translated:
        translated["enableCPALogging"] = _boolean(translated["enableCPALogging"])
    return translated


def _general(block: Body) -> Body:
    translated = dict(block)
    for name in ("maximumRatio", "aggressiveness"):
        value: Any = translated.get(name)
        whole = isinstance(value, float) and value.is_integer()
        if whole or (isinstance(value, str) and value.strip().isdigit()):
            translated[name] = int(value)
    return translated


def per_block_shape(item: Body) -> Body:
    """One skill's entry of the parameters read, each block in the shape its PUT takes."""
    translated = dict(item)
    if isinstance(item.get("scheduleSettings"), dict):
        translated["scheduleSettings"] = _schedule(item["scheduleSettings"])
    if isinstance(item.get("timeZoneSettings"), list):
        translated["timeZoneSettings"] = _zones(item["timeZoneSettings"])
    if isinstance(item.get("cpaSettings"), dict):
        translated["cpaSettings"] = _cpa(item["cpaSettings"])
    if isinstance(item.get("generalSettings"), dict):
        translated["generalSettings"] = _general(item["generalSettings"])
    for block, spellings in GET_SPELLINGS.items():
        if isinstance(item.get(block), dict):
            translated[block] = {spellings.get(key, key): value for key, value in item[block].items()}
    return translated
